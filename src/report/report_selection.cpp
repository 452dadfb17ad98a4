#include "report/report_selection.hpp"

#include <algorithm>

#include "core/reason_code.hpp"
#include "policy/policy_store.hpp"

namespace jiangbu {

namespace {

bool has_unit(const Award& award, const std::string& unit_id) {
  return std::any_of(award.shares.begin(), award.shares.end(),
                     [&](const AwardShare& share) { return share.unit_id == unit_id; });
}

}  // namespace

Result<std::vector<Award>> selected_awards(Database& database, const ReportSelection& selection) {
  if (selection.from && *selection.from > selection.to) {
    return make_error(ReasonCode::bad_date, "the period starts " + selection.from->to_string() + ", after it ends " +
                                                selection.to.to_string(), "from");
  }
  if (!selection.policy_id.empty()) {
    if (auto policy = stored_policy(database, selection.policy_id); !policy) return policy.error();
  }
  std::vector<Award> awards;
  if (selection.award_ids.empty()) {
    for (auto& award : list_awards(database)) {
      if (selection.policy_id.empty() || award.policy_id == selection.policy_id) awards.push_back(std::move(award));
    }
  }
  for (const auto& award_id : selection.award_ids) {
    auto award = find_award(database, award_id);
    if (!award) return make_error(ReasonCode::unknown_award, "no award '" + award_id + "'", "award");
    if (!selection.policy_id.empty() && award->policy_id != selection.policy_id) {
      return make_error(ReasonCode::unknown_award, "award '" + award_id + "' is under " + award->policy_id +
                                                       ", not " + selection.policy_id, "award");
    }
    awards.push_back(std::move(*award));
  }
  if (!selection.unit_id.empty()) {
    std::erase_if(awards, [&](const Award& award) { return !has_unit(award, selection.unit_id); });
    if (awards.empty()) {
      return make_error(ReasonCode::unit_not_on_award, "unit " + selection.unit_id + " is on none of the selected awards",
                        "unit");
    }
  }
  std::sort(awards.begin(), awards.end(), [](const Award& left, const Award& right) { return left.award_id < right.award_id; });
  awards.erase(std::unique(awards.begin(), awards.end(),
                           [](const Award& left, const Award& right) { return left.award_id == right.award_id; }),
               awards.end());
  return awards;
}

std::string period_text(const ReportSelection& selection) {
  return (selection.from ? selection.from->to_string() : std::string("起始")) + " 至 " + selection.to.to_string();
}

}  // namespace jiangbu

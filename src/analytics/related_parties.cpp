// 关联方收款: payments that go back to the unit or to people close to it.
//   - the payee's USCC is the unit's own: score 90;
//   - the payee's name is a person the unit registered as its 法定代表人
//     (90), shareholder (85), staff member or relative (80);
//   - the payee's name is the unit's own name (normalised): score 85;
//   - the payee's USCC is another lead unit of the same award: score 65
//     (co-leads paying each other out of one award).
// Names are compared in normalised form (payee_name.hpp). One finding per
// unit, payee and relation, with every payment as evidence.
#include <algorithm>
#include <map>
#include <optional>
#include <tuple>

#include "analytics/analyses.hpp"
#include "analytics/payee_name.hpp"

namespace jiangbu {

namespace {

struct Relationship {
  int score = 0;
  std::string pattern;
};

struct UnitNames {
  std::u32string name;
  std::map<std::u32string, Relation> people;
};

int person_score(Relation relation) {
  switch (relation) {
    case Relation::legal_representative: return 90;
    case Relation::shareholder: return 85;
    case Relation::staff:
    case Relation::relative: return 80;
  }
  return 80;
}

std::optional<Relationship> relationship(const AnalyticsInput& input, const SpendingRow& row, const UnitNames& unit,
                                         const std::u32string& payee_name) {
  const SpendingData& data = input.data;
  const std::string& unit_id = data.text(row.unit);
  const std::string& payee_code = data.text(row.payee_uscc);
  if (!payee_code.empty() && payee_code == unit_id) return Relationship{90, "收款方信用代码即本单位"};
  const auto person = unit.people.find(payee_name);
  if (person != unit.people.end()) {
    return Relationship{person_score(person->second),
                        "收款方为本单位" + std::string(relation_chinese_name(person->second))};
  }
  if (!payee_name.empty() && payee_name == unit.name) return Relationship{85, "收款方名称即本单位"};
  if (!payee_code.empty()) {
    const auto leads = input.award_units.find(data.text(row.award));
    if (leads != input.award_units.end() &&
        std::find(leads->second.begin(), leads->second.end(), payee_code) != leads->second.end()) {
      return Relationship{65, "收款方为同一奖补的另一创建单位"};
    }
  }
  return std::nullopt;
}

}  // namespace

AnalysisOutcome find_related_parties(const AnalyticsInput& input, const NearDuplicatePayeesConfig& names) {
  const SpendingData& data = input.data;
  AnalysisOutcome outcome;
  outcome.rows_examined = input.selected.size();
  const auto suffixes = to_code_point_suffixes(names.suffixes);
  std::map<std::string, UnitNames> units;
  for (const auto& [unit_id, profile] : input.units) {
    UnitNames& unit = units[unit_id];
    unit.name = normalise_payee_name(profile.name, suffixes);
    for (const auto& person : profile.people) {
      // Registered under several relations: the strongest one counts.
      auto [found, inserted] = unit.people.emplace(normalise_payee_name(person.person_name, {}), person.relation);
      if (!inserted && person_score(person.relation) > person_score(found->second)) found->second = person.relation;
    }
  }
  std::map<std::uint32_t, std::u32string> payee_names;  // by payee name id: normalise each name once
  using Key = std::tuple<std::uint32_t, std::uint32_t, std::uint32_t, std::string>;
  std::map<Key, AnalyticsFinding> found;
  const UnitNames nobody;
  for (const auto index : input.selected) {
    const SpendingRow& row = data.rows[index];
    auto name = payee_names.find(row.payee_name);
    if (name == payee_names.end()) {
      name = payee_names.emplace(row.payee_name, normalise_payee_name(data.text(row.payee_name), suffixes)).first;
    }
    const auto unit = units.find(data.text(row.unit));
    const auto related = relationship(input, row, unit == units.end() ? nobody : unit->second, name->second);
    if (!related) continue;
    AnalyticsFinding& finding = found[Key{row.unit, row.payee_name, row.payee_uscc, related->pattern}];
    if (finding.item_count == 0) {
      finding.analysis = Analysis::related_parties;
      finding.pattern = related->pattern;
      finding.score = related->score;
      finding.units = {data.text(row.unit)};
    }
    add_evidence(finding, data, row, data.text(row.payee_name));
    note_award(finding, data.text(row.award));
  }
  for (auto& [key, finding] : found) {
    const std::string& payee_code = data.text(std::get<2>(key));
    finding.detail = finding.units.front() + " 向 " + data.text(std::get<1>(key)) +
                     (payee_code.empty() ? "" : "（" + payee_code + "）") + " 支付 " + std::to_string(finding.item_count) +
                     " 笔，合计 " + yuan_text(finding.amount) + " 元：" + finding.pattern;
    outcome.findings.push_back(std::move(finding));
  }
  return outcome;
}

}  // namespace jiangbu

#include "expenditure/fund_use_plan.hpp"

#include <set>

#include "access/permission.hpp"
#include "award/award.hpp"
#include "core/reason_code.hpp"
#include "core/text.hpp"
#include "core/timestamp.hpp"
#include "money/money_format.hpp"
#include "money/money_parse.hpp"
#include "policy/policy_store.hpp"
#include "store/transaction.hpp"

namespace jiangbu {

namespace {

constexpr std::size_t plan_lines_max = 50;
constexpr std::size_t plan_revisions_max = 1000;

void load_lines(Database& database, FundUsePlan& plan) {
  std::string category;
  long long amount_fen = 0;
  const long long plan_id = plan.plan_id;
  soci::statement statement =
      (database.session().prepare << "SELECT category, amount_fen FROM fund_use_plan_lines WHERE plan_id = :plan "
                                     "ORDER BY category",
       soci::use(plan_id), soci::into(category), soci::into(amount_fen));
  statement.execute();
  while (plan.lines.size() < plan_lines_max && statement.fetch()) {
    plan.lines.push_back({category, Money::from_fen(amount_fen)});
  }
}

Result<std::vector<PlanLine>> parse_lines(const PlanInput& input, const Policy& policy) {
  if (input.lines.empty()) return make_error(ReasonCode::missing_field, "a plan needs at least one category", "lines");
  if (input.lines.size() > plan_lines_max) return make_error(ReasonCode::bad_text, "too many plan lines", "lines");
  std::vector<PlanLine> lines;
  std::set<std::string> seen;
  for (const auto& [category_text, amount_text] : input.lines) {
    const AllowedCategory* category = policy.find_allowed(category_text);
    if (category == nullptr) {
      return make_error(ReasonCode::category_not_allowed,
                        "'" + category_text + "' is not an allowed use under " + policy.policy_id, "lines");
    }
    if (!seen.insert(category->code).second) {
      return make_error(ReasonCode::bad_text, "category " + category->code + " is planned twice", "lines");
    }
    auto amount = parse_money(amount_text);
    if (!amount) return Error(amount.error().code, amount.error().message, "lines");
    lines.push_back({category->code, amount.value()});
  }
  return lines;
}

}  // namespace

std::optional<Money> FundUsePlan::planned(const std::string& category) const {
  for (const auto& line : lines) {
    if (line.category == category) return line.amount;
  }
  return std::nullopt;
}

Result<FundUsePlan> file_plan(Database& database, const PlanInput& input) {
  if (auto valid = validate_text(input.document, "document", 100); !valid) return valid.error();
  if (auto allowed = authorize(database.principal(), Action::file_plan, input.unit_id); !allowed) {
    return allowed.error();
  }
  Transaction transaction(database, {"plan.file", "plan", input.award_id + " " + input.unit_id});
  const auto award = find_award(database, input.award_id);
  if (!award) return make_error(ReasonCode::unknown_award, "no award '" + input.award_id + "'", "award");
  std::optional<Money> share;
  for (const auto& award_share : award->shares) {
    if (award_share.unit_id == input.unit_id) share = award_share.share;
  }
  if (!share) {
    return make_error(ReasonCode::unit_not_on_award, "unit " + input.unit_id + " is not on award " + input.award_id, "unit");
  }
  auto policy = stored_policy(database, award->policy_id);
  if (!policy) return policy.error();
  auto lines = parse_lines(input, policy.value());
  if (!lines) return lines.error();
  Money total;
  for (const auto& line : lines.value()) total += line.amount;
  if (total > *share) {
    return make_error(ReasonCode::over_plan, "the plan totals " + format_yuan(total) + ", more than the share of " +
                                                 format_yuan(*share), "lines");
  }
  const auto revisions = plan_revisions(database, input.award_id, input.unit_id);
  FundUsePlan plan{0, input.award_id, input.unit_id, static_cast<int>(revisions.size()) + 1, input.filed_on,
                   input.document, lines.value()};
  if (!revisions.empty() && input.filed_on < revisions.back().filed_on) {
    return make_error(ReasonCode::bad_date, "a revision cannot be dated before revision " +
                                                std::to_string(revisions.back().revision), "date");
  }
  const std::string filed_on = plan.filed_on.to_string();
  const std::string now = utc_timestamp_now();
  long long plan_id = 0;
  database.session() << "INSERT INTO fund_use_plans (award_id, unit_id, revision, filed_on, document, recorded_at) "
                        "VALUES (:award, :unit, :revision, :filed_on, :document, :now) RETURNING plan_id",
      soci::use(plan.award_id), soci::use(plan.unit_id), soci::use(plan.revision), soci::use(filed_on),
      soci::use(plan.document), soci::use(now), soci::into(plan_id);
  plan.plan_id = plan_id;
  for (const auto& line : plan.lines) {
    const long long amount_fen = line.amount.fen_int64();
    database.session() << "INSERT INTO fund_use_plan_lines (plan_id, category, amount_fen) VALUES (:plan, :category, :amount)",
        soci::use(plan_id), soci::use(line.category), soci::use(amount_fen);
  }
  transaction.commit();
  return plan;
}

std::vector<FundUsePlan> plan_revisions(Database& database, const std::string& award_id, const std::string& unit_id) {
  std::vector<FundUsePlan> plans;
  FundUsePlan row;
  long long plan_id = 0;
  std::string filed_on;
  soci::statement statement =
      (database.session().prepare << "SELECT plan_id, revision, filed_on, document FROM fund_use_plans "
                                     "WHERE award_id = :award AND unit_id = :unit ORDER BY revision",
       soci::use(award_id), soci::use(unit_id), soci::into(plan_id), soci::into(row.revision), soci::into(filed_on),
       soci::into(row.document));
  statement.execute();
  while (plans.size() < plan_revisions_max && statement.fetch()) {
    FundUsePlan plan = row;
    plan.plan_id = plan_id;
    plan.award_id = award_id;
    plan.unit_id = unit_id;
    plan.filed_on = Date::parse(filed_on).value();
    plans.push_back(plan);
  }
  for (auto& plan : plans) load_lines(database, plan);
  return plans;
}

std::optional<FundUsePlan> plan_in_force(Database& database, const std::string& award_id, const std::string& unit_id,
                                         const Date& day) {
  std::optional<FundUsePlan> in_force;
  for (auto& plan : plan_revisions(database, award_id, unit_id)) {
    if (plan.filed_on <= day) in_force = plan;
  }
  return in_force;
}

}  // namespace jiangbu

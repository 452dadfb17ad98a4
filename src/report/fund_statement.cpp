#include "report/fund_statement.hpp"

#include <algorithm>
#include <limits>
#include <map>
#include <tuple>

#include "expenditure/fund_use_plan.hpp"
#include "policy/policy_store.hpp"
#include "store/money_conversion.hpp"

namespace jiangbu {

namespace {

constexpr std::size_t category_rows_max = 10'000;

struct PeriodBounds {
  std::string from;  // "0000-00-00" when open
  std::string to;
};

PeriodBounds bounds(const ReportSelection& selection) {
  return {selection.from ? selection.from->to_string() : "0000-00-00", selection.to.to_string()};
}

// One amount of the award and unit split at the period's start; the SQL
// binds (from, from, to, award, unit) in that order.
BeforeAndIn sum_split(Database& database, const std::string& sql, const PeriodBounds& period,
                      const std::string& award_id, const std::string& unit_id) {
  std::string before_text, in_text;
  database.session() << sql, soci::use(period.from), soci::use(period.from), soci::use(period.to),
      soci::use(award_id), soci::use(unit_id), soci::into(before_text), soci::into(in_text);
  return {money_from_fen_text(before_text), money_from_fen_text(in_text)};
}

const char* received_sql =
    "SELECT CAST(COALESCE(SUM(CASE WHEN paid_on < :from1 THEN amount_fen ELSE 0 END), 0) AS TEXT), "
    "CAST(COALESCE(SUM(CASE WHEN paid_on >= :from2 THEN amount_fen ELSE 0 END), 0) AS TEXT) "
    "FROM award_payments WHERE paid_on <= :to AND award_id = :award AND unit_id = :unit";
const char* clawed_sql =
    "SELECT CAST(COALESCE(SUM(CASE WHEN returned_on < :from1 THEN amount_fen ELSE 0 END), 0) AS TEXT), "
    "CAST(COALESCE(SUM(CASE WHEN returned_on >= :from2 THEN amount_fen ELSE 0 END), 0) AS TEXT) "
    "FROM clawbacks WHERE returned_on <= :to AND award_id = :award AND unit_id = :unit";

// Spending per category, net of reversals on their own dates.
std::map<std::string, BeforeAndIn> spent_by_category(Database& database, const PeriodBounds& period,
                                                     const std::string& award_id, const std::string& unit_id) {
  std::map<std::string, BeforeAndIn> result;
  const auto run = [&](const char* sql, bool subtract) {
    std::string category, before_text, in_text;
    soci::statement statement = (database.session().prepare << sql, soci::use(period.from),
                                 soci::use(period.from), soci::use(period.to), soci::use(award_id),
                                 soci::use(unit_id), soci::into(category), soci::into(before_text),
                                 soci::into(in_text));
    statement.execute();
    for (std::size_t rows = 0; rows < category_rows_max && statement.fetch(); ++rows) {
      auto& amounts = result[category];
      const Money before = money_from_fen_text(before_text), in = money_from_fen_text(in_text);
      amounts.before += subtract ? -before : before;
      amounts.in += subtract ? -in : in;
    }
  };
  run("SELECT category, CAST(SUM(CASE WHEN spent_on < :from1 THEN amount_fen ELSE 0 END) AS TEXT), "
      "CAST(SUM(CASE WHEN spent_on >= :from2 THEN amount_fen ELSE 0 END) AS TEXT) FROM expenditures "
      "WHERE spent_on <= :to AND award_id = :award AND unit_id = :unit GROUP BY category",
      false);
  run("SELECT e.category, CAST(SUM(CASE WHEN r.reversed_on < :from1 THEN e.amount_fen ELSE 0 END) AS TEXT), "
      "CAST(SUM(CASE WHEN r.reversed_on >= :from2 THEN e.amount_fen ELSE 0 END) AS TEXT) "
      "FROM expenditure_reversals r JOIN expenditures e ON e.expenditure_id = r.expenditure_id "
      "WHERE r.reversed_on <= :to AND e.award_id = :award AND e.unit_id = :unit GROUP BY e.category",
      true);
  return result;
}

using CategorySpending = std::map<std::string, BeforeAndIn>;
using ShareSpending = std::map<std::pair<std::string, std::string>, CategorySpending>;  // (award, unit) -> by category

// The same sums as spent_by_category, from rows already in memory (the audit
// report loads them for its analytics anyway): spending dated before the
// period or in it, less reversals on their own dates. The rows hold every
// expenditure of the awards dated up to the period's end; a reversal is never
// dated before its expenditure, so none reversed in the period is missing.
ShareSpending spending_from_rows(const SpendingData& rows, const std::vector<Award>& awards,
                                 const ReportSelection& selection) {
  std::vector<bool> is_selected_award(rows.strings.size(), false);  // by string id
  for (const auto& award : awards) {
    if (const auto id = rows.strings.find(award.award_id)) is_selected_award[*id] = true;
  }
  const std::int32_t period_start_day =
      selection.from ? selection.from->days_since_epoch() : std::numeric_limits<std::int32_t>::min();
  std::map<std::tuple<std::uint32_t, std::uint32_t, std::uint32_t>, BeforeAndIn> by_ids;
  for (const auto& row : rows.rows) {
    if (!is_selected_award[row.award]) continue;
    auto& amounts = by_ids[{row.award, row.unit, row.category}];
    const Money amount = Money::from_fen(row.amount_fen);
    (row.spent_on_day < period_start_day ? amounts.before : amounts.in) += amount;
    if (row.reversed) (row.reversed_on_day < period_start_day ? amounts.before : amounts.in) -= amount;
  }
  ShareSpending result;
  for (const auto& [key, amounts] : by_ids) {
    const auto& [award, unit, category] = key;
    result[{rows.text(award), rows.text(unit)}][rows.text(category)] = amounts;
  }
  return result;
}

void add_award(Database& database, const Award& award, const ReportSelection& selection, const Policy& policy,
               const ShareSpending* preloaded, FundStatement& statement) {
  const PeriodBounds period = bounds(selection);
  std::map<std::string, CategoryFunds> categories;
  for (const auto& award_share : award.shares) {
    if (!selection.unit_id.empty() && award_share.unit_id != selection.unit_id) continue;
    ShareFunds share;
    share.award_id = award.award_id;
    share.unit_id = award_share.unit_id;
    if (auto unit = find_unit(database, award_share.unit_id)) {
      share.unit_name = unit->name;
      share.unit_type = unit->type;
    }
    share.share = award_share.share;
    share.received = sum_split(database, received_sql, period, award.award_id, share.unit_id);
    share.clawed_back = sum_split(database, clawed_sql, period, award.award_id, share.unit_id);
    CategorySpending spent;
    if (!preloaded) {
      spent = spent_by_category(database, period, award.award_id, share.unit_id);
    } else if (const auto found = preloaded->find({award.award_id, share.unit_id}); found != preloaded->end()) {
      spent = found->second;
    }
    for (const auto& [code, amounts] : spent) {
      share.spent.before += amounts.before;
      share.spent.in += amounts.in;
      auto& category = categories[code];
      category.spent.before += amounts.before;
      category.spent.in += amounts.in;
    }
    if (auto plan = plan_in_force(database, award.award_id, share.unit_id, selection.to)) {
      for (const auto& line : plan->lines) {
        auto& planned = categories[line.category].planned;
        planned = planned.value_or(Money{}) + line.amount;
      }
    }
    statement.shares.push_back(std::move(share));
  }
  for (auto& [code, category] : categories) {
    category.award_id = award.award_id;
    category.category_code = code;
    category.category_name = code;
  }
  // The policy's order first, then anything booked under a code the
  // policy no longer lists (kept, never dropped).
  for (const auto& allowed : policy.allowed_categories) {
    auto found = categories.find(allowed.code);
    if (found == categories.end()) continue;
    found->second.category_name = allowed.name;
    statement.categories.push_back(found->second);
    categories.erase(found);
  }
  for (auto& [code, category] : categories) statement.categories.push_back(category);
}

std::string yuan(const Money& amount) { return amount.to_plain_string(); }

}  // namespace

std::string ShareFunds::execution_rate() const {
  const Money spent_total = spent.total();
  const Money received_total = received.total() - clawed_back.total();
  if (!received_total.is_positive() || spent_total.is_negative()) return "";
  return format_percent(spent_total, received_total);
}

ShareFunds FundStatement::totals() const { return award_totals(""); }

ShareFunds FundStatement::award_totals(const std::string& award_id) const {
  ShareFunds total;
  for (const auto& share : shares) {
    if (!award_id.empty() && share.award_id != award_id) continue;
    total.share += share.share;
    for (auto field : {&ShareFunds::received, &ShareFunds::spent, &ShareFunds::clawed_back}) {
      (total.*field).before += (share.*field).before;
      (total.*field).in += (share.*field).in;
    }
  }
  return total;
}

std::vector<std::pair<std::string, Money>> FundStatement::spending_by_category() const {
  std::vector<std::pair<std::string, Money>> result;
  for (const auto& category : categories) {
    if (category.spent.in.is_zero()) continue;
    auto found = std::find_if(result.begin(), result.end(),
                              [&](const auto& item) { return item.first == category.category_name; });
    if (found == result.end()) result.emplace_back(category.category_name, category.spent.in);
    else found->second += category.spent.in;
  }
  std::stable_sort(result.begin(), result.end(), [](const auto& left, const auto& right) { return left.second > right.second; });
  return result;
}

namespace {

Result<FundStatement> build_statement(Database& database, const ReportSelection& selection, std::vector<Award> awards,
                                      const ShareSpending* preloaded) {
  FundStatement statement;
  statement.selection = selection;
  statement.awards = std::move(awards);
  std::map<std::string, Policy> policies;  // parsed once each, not once per award
  for (const auto& award : statement.awards) {
    auto policy = policies.find(award.policy_id);
    if (policy == policies.end()) {
      auto loaded = stored_policy(database, award.policy_id);
      if (!loaded) return loaded.error();
      policy = policies.emplace(award.policy_id, std::move(loaded.value())).first;
    }
    add_award(database, award, selection, policy->second, preloaded, statement);
  }
  return statement;
}

}  // namespace

Result<FundStatement> fund_statement(Database& database, const ReportSelection& selection) {
  auto awards = selected_awards(database, selection);
  if (!awards) return awards.error();
  return build_statement(database, selection, std::move(awards.value()), nullptr);
}

Result<FundStatement> fund_statement(Database& database, const ReportSelection& selection, std::vector<Award> awards,
                                     const SpendingData& rows) {
  const ShareSpending spending = spending_from_rows(rows, awards, selection);
  return build_statement(database, selection, std::move(awards), &spending);
}

ReportTable share_funds_table(const FundStatement& statement) {
  ReportTable table{"funds", "资金收支情况",
                    {{"award", "奖补"}, {"unit", "单位"}, {"share", "核定金额", CellKind::money},
                     {"brought_forward", "期初结余", CellKind::money}, {"received", "本期拨付", CellKind::money},
                     {"spent", "本期支出", CellKind::money}, {"clawed_back", "本期收回", CellKind::money},
                     {"recognised_income", "本期确认收入", CellKind::money}, {"balance", "期末结余", CellKind::money},
                     {"received_total", "累计拨付", CellKind::money}, {"spent_total", "累计支出", CellKind::money},
                     {"execution_rate", "执行率", CellKind::percent}},
                    {}, {}, "所选范围内没有奖补"};
  const auto row = [](const ShareFunds& share, std::string award, std::string unit) -> std::vector<std::string> {
    return {std::move(award), std::move(unit), yuan(share.share), yuan(share.brought_forward()), yuan(share.received.in),
            yuan(share.spent.in), yuan(share.clawed_back.in), yuan(share.recognised_income()), yuan(share.closing()),
            yuan(share.received.total()), yuan(share.spent.total()), share.execution_rate()};
  };
  for (const auto& share : statement.shares) {
    table.add_row(row(share, share.award_id, share.unit_name.empty() ? share.unit_id : share.unit_name));
  }
  if (!statement.shares.empty()) table.set_total_row(row(statement.totals(), "合计", ""));
  return table;
}

ReportTable category_spending_table(const FundStatement& statement) {
  ReportTable table{"spending_by_category", "按类别支出（本期）",
                    {{"category", "支出类别"}, {"amount", "金额", CellKind::money}, {"share", "占比", CellKind::percent}},
                    {}, {}, "本期无支出"};
  const auto by_category = statement.spending_by_category();
  Money total;
  for (const auto& [name, amount] : by_category) total += amount;
  for (const auto& [name, amount] : by_category) {
    const bool countable = !amount.is_negative() && total.is_positive();
    table.add_row({name, yuan(amount), countable ? format_percent(amount, total) : ""});
  }
  if (!by_category.empty()) table.set_total_row({"合计", yuan(total), total.is_positive() ? "100.00" : ""});
  return table;
}

ReportTable plan_versus_actual_table(const FundStatement& statement) {
  ReportTable table{"plan_versus_actual", "计划与实际（累计）",
                    {{"award", "奖补"}, {"category", "支出类别"}, {"planned", "计划金额", CellKind::money},
                     {"actual", "实际支出", CellKind::money}, {"remaining", "计划余额", CellKind::money},
                     {"completion", "计划完成率", CellKind::percent}},
                    {}, {}, "无计划或支出"};
  for (const auto& category : statement.categories) {
    const Money actual = category.spent.total();
    const bool has_plan = category.planned.has_value();
    const bool rate = has_plan && category.planned->is_positive() && !actual.is_negative();
    table.add_row({category.award_id, category.category_name, has_plan ? yuan(*category.planned) : "",
                   yuan(actual), has_plan ? yuan(*category.planned - actual) : "",
                   rate ? format_percent(actual, *category.planned) : ""});
  }
  return table;
}

BarChart category_spending_chart(const FundStatement& statement) {
  BarChart chart{"spending_by_category_chart", "按类别支出（本期，元）", CellKind::money, {}};
  for (const auto& [name, amount] : statement.spending_by_category()) chart.bars.push_back({name, yuan(amount)});
  return chart;
}

BarChart execution_rate_chart(const FundStatement& statement) {
  BarChart chart{"execution_rate_chart", "各奖补执行率（累计支出 ÷ 累计拨付）", CellKind::percent, {}};
  for (const auto& award : statement.awards) {
    const std::string rate = statement.award_totals(award.award_id).execution_rate();
    chart.bars.push_back({award.award_id, rate.empty() ? "0.00" : rate});
  }
  return chart;
}

ReportDocument fund_statement_document(const FundStatement& statement) {
  ReportDocument document;
  document.key = "statement";
  document.title = "奖补资金收支情况表";
  document.metadata = {{"期间", period_text(statement.selection)}};
  if (!statement.selection.policy_id.empty()) document.metadata.emplace_back("政策", statement.selection.policy_id);
  if (!statement.selection.unit_id.empty()) document.metadata.emplace_back("单位", statement.selection.unit_id);
  ReportSection funds{"funds", "一、资金收支", {}};
  funds.blocks.emplace_back(share_funds_table(statement));
  funds.blocks.emplace_back(execution_rate_chart(statement));
  ReportSection categories{"categories", "二、支出结构", {}};
  categories.blocks.emplace_back(category_spending_table(statement));
  categories.blocks.emplace_back(category_spending_chart(statement));
  categories.blocks.emplace_back(plan_versus_actual_table(statement));
  document.sections = {std::move(funds), std::move(categories)};
  return document;
}

}  // namespace jiangbu

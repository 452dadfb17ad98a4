#pragma once
// 资金收支情况表: per award and unit share over a period — brought forward,
// received (拨付), spent by category, clawed back, recognised income,
// balance, and 执行率 (cumulative spent ÷ cumulative received) — with the
// filed plan against actual spending per category.
//
// Spending is net of reversals, each counted on its own date: an
// expenditure in March reversed in May is spent in March and un-spent in
// May, as the unit's ledger shows it.
#include <optional>
#include <string>
#include <vector>

#include "analytics/analytics_input.hpp"
#include "award/award.hpp"
#include "core/result.hpp"
#include "money/money.hpp"
#include "registry/units.hpp"
#include "report/report_document.hpp"
#include "report/report_selection.hpp"
#include "store/database.hpp"

namespace jiangbu {

struct BeforeAndIn {
  Money before;  // dated before the period
  Money in;      // dated within it
  [[nodiscard]] Money total() const { return before + in; }
};

struct ShareFunds {
  std::string award_id;
  std::string unit_id;
  std::string unit_name;
  UnitType unit_type = UnitType::enterprise;
  Money share;
  BeforeAndIn received;
  BeforeAndIn spent;
  BeforeAndIn clawed_back;
  [[nodiscard]] Money brought_forward() const { return received.before - spent.before - clawed_back.before; }
  [[nodiscard]] Money closing() const { return received.total() - spent.total() - clawed_back.total(); }
  // CAS 16: an enterprise recognises the grant as it spends it; a
  // non-profit recognises restricted income on receipt (net of refunds).
  [[nodiscard]] Money recognised_income() const {
    return unit_type == UnitType::enterprise ? spent.in : received.in - clawed_back.in;
  }
  [[nodiscard]] std::string execution_rate() const;  // percent, "" before any receipt
};

struct CategoryFunds {
  std::string award_id;
  std::string category_code;
  std::string category_name;
  BeforeAndIn spent;
  std::optional<Money> planned;  // the plans in force at the period's end, summed over units
};

struct FundStatement {
  ReportSelection selection;
  std::vector<Award> awards;
  std::vector<ShareFunds> shares;          // by award, then the award's share order
  std::vector<CategoryFunds> categories;   // by award, then the policy's category order
  [[nodiscard]] ShareFunds totals() const;  // every share summed (ids empty)
  [[nodiscard]] ShareFunds award_totals(const std::string& award_id) const;  // the award's shares summed
  // Period spending per category name across the awards, largest first;
  // categories with nothing in the period are left out.
  [[nodiscard]] std::vector<std::pair<std::string, Money>> spending_by_category() const;
};

Result<FundStatement> fund_statement(Database& database, const ReportSelection& selection);
// The same statement for `awards` (selected_awards gave them), its spending
// summed from `rows` (load_spending_rows for these awards and the selection's
// end) instead of read again: the audit report loads those rows anyway.
Result<FundStatement> fund_statement(Database& database, const ReportSelection& selection, std::vector<Award> awards,
                                     const SpendingData& rows);

// The tables and charts the statement and the audit report share.
ReportTable share_funds_table(const FundStatement& statement);
ReportTable category_spending_table(const FundStatement& statement);
ReportTable plan_versus_actual_table(const FundStatement& statement);
BarChart category_spending_chart(const FundStatement& statement);
BarChart execution_rate_chart(const FundStatement& statement);

ReportDocument fund_statement_document(const FundStatement& statement);

}  // namespace jiangbu

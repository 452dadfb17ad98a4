// `jiangbu report trial-balance`.
#include <iostream>

#include "cli/context.hpp"
#include "cli/ledger_tables.hpp"
#include "ledger/balances.hpp"
#include "ledger/books.hpp"
#include "money/money_format.hpp"

namespace jiangbu {

namespace {

struct ReportOptions {
  std::string book_id = std::string(bureau_book_id);
  std::string from;
  std::string as_of;
};

std::vector<std::string> split_sides(const Money& debit_minus_credit) {
  if (debit_minus_credit.is_zero()) return {"", ""};
  if (debit_minus_credit.is_negative()) return {"", money_cell(-debit_minus_credit)};
  return {money_cell(debit_minus_credit), ""};
}

std::string amount_or_blank(const Money& amount) {
  return amount.is_zero() ? "" : money_cell(amount);
}

void add_total_row(Table& table, const std::string& label, const TrialBalanceTotals& totals) {
  table.add_row({"", label, "", money_cell(totals.opening_debit), money_cell(totals.opening_credit),
                 money_cell(totals.period_debit), money_cell(totals.period_credit),
                 money_cell(totals.closing_debit), money_cell(totals.closing_credit)});
}

}  // namespace

Table trial_balance_table(const TrialBalance& report) {
  Table table{{{"code", "科目编码"}, {"name", "科目名称"}, {"basis", "核算"},
               {"opening_debit", "期初借方", ColumnKind::money}, {"opening_credit", "期初贷方", ColumnKind::money},
               {"period_debit", "本期借方", ColumnKind::money}, {"period_credit", "本期贷方", ColumnKind::money},
               {"closing_debit", "期末借方", ColumnKind::money}, {"closing_credit", "期末贷方", ColumnKind::money}},
              {}};
  bool has_budget = false;
  for (const auto& row : report.rows) {
    const auto opening = split_sides(row.opening_debit_minus_credit);
    const auto closing = split_sides(row.closing_debit_minus_credit());
    table.add_row({row.account_code, row.account_name, std::string(basis_name(row.basis)),
                   opening[0], opening[1], amount_or_blank(row.period_debit),
                   amount_or_blank(row.period_credit), closing[0], closing[1]});
    has_budget = has_budget || row.basis == Basis::budget;
  }
  add_total_row(table, "合计 financial", report.financial);
  if (has_budget) add_total_row(table, "合计 budget", report.budget);
  return table;
}

void register_report_commands(CLI::App& app, Context& context) {
  auto options = std::make_shared<ReportOptions>();
  auto* noun = app.add_subcommand("report", "Reports");
  noun->require_subcommand(1);

  auto* trial = noun->add_subcommand("trial-balance", "试算平衡表 of a book");
  trial->add_option("--book", options->book_id, "Book id (default bureau)");
  trial->add_option("--from", options->from, "Period start; earlier postings are the opening balance");
  trial->add_option("--as-of", options->as_of, "Period end (default today)");
  trial->callback([&context, options] {
    auto database = context.open_database();
    const Date to = options->as_of.empty() ? Date::today_local() : require_date(options->as_of, "as-of");
    const auto report = require(trial_balance(*database, options->book_id,
                                              optional_date(options->from, "from"), to));
    if (context.format() == OutputFormat::table) {
      std::cout << "试算平衡表  " << report.book_id << "  "
                << (report.from ? report.from->to_string() : std::string("…")) << " — "
                << report.to.to_string() << '\n';
    }
    render(std::cout, trial_balance_table(report), context.format());
    if (!report.financial.balanced() || !report.budget.balanced()) {
      throw CommandFailure{make_error(ReasonCode::unbalanced_entry, "the trial balance does not balance", "book")};
    }
  });
}

}  // namespace jiangbu

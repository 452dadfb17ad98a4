// `jiangbu report trial-balance|register|statement|exceptions|reconcile|audit|analytics`.
// Every report is built as a ReportDocument and written in the format the
// global --format names; --out writes to a file (required for xlsx and pdf),
// and `--format all --out DIR` writes every format into DIR.
#include <iostream>

#include "cli/context.hpp"
#include "cli/ledger_tables.hpp"
#include "ledger/balances.hpp"
#include "ledger/books.hpp"
#include "money/money_format.hpp"
#include "bank/bank_reconciliation.hpp"
#include "bank/bank_reconciliation_document.hpp"
#include "analytics/analytics.hpp"
#include "analytics/analytics_loader.hpp"
#include "report/account_register.hpp"
#include "report/audit_report.hpp"
#include "report/document_export.hpp"
#include "report/exception_register.hpp"
#include "report/fund_statement.hpp"
#include "report/inter_book_reconciliation.hpp"

namespace jiangbu {

namespace {

struct ReportOptions {
  std::string book_id = std::string(bureau_book_id);
  std::string account;
  bool subtree = false;
  std::string from;
  std::string as_of;
  std::string policy;
  std::vector<std::string> awards;
  std::string unit;
  std::string out;
  bool bank = false;
  int window_days = default_window_days;
  std::string analytics_config;
};

AnalyticsConfig analytics_config_of(const ReportOptions& options) {
  if (options.analytics_config.empty()) return AnalyticsConfig::defaults();
  return require(AnalyticsConfig::load_file(options.analytics_config));
}

ReportSelection selection_of(const ReportOptions& options) {
  ReportSelection selection;
  selection.policy_id = options.policy;
  selection.from = optional_date(options.from, "from");
  selection.to = options.as_of.empty() ? Date::today_local() : require_date(options.as_of, "as-of");
  selection.award_ids = options.awards;
  selection.unit_id = options.unit;
  return selection;
}

void emit(const Context& context, const ReportDocument& document, const ReportOptions& options) {
  auto written = export_document(document, context.format_name, options.out, std::cout);
  if (!written) throw CommandFailure{written.error()};
  for (const auto& path : written.value()) std::cerr << "wrote " << path << '\n';
}

void add_selection_options(CLI::App* command, ReportOptions& options) {
  command->add_option("--from", options.from, "Period start (default: since the beginning)");
  command->add_option("--as-of,--to", options.as_of, "Period end (default today)");
  command->add_option("--policy", options.policy, "Policy id, e.g. xixian-2024");
  command->add_option("--award", options.awards, "Award id; repeat for several (default: all)");
  command->add_option("--unit", options.unit, "Unit USCC");
  command->add_option("--out", options.out, "File to write (a folder with --format all)");
}

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

ReportDocument trial_balance_document(const TrialBalance& report) {
  const Table table = trial_balance_table(report);
  ReportDocument document;
  document.key = "trial_balance";
  document.title = "试算平衡表";
  document.metadata = {{"账簿", report.book_id},
                       {"期间", (report.from ? report.from->to_string() : std::string("起始")) + " 至 " +
                                    report.to.to_string()}};
  ReportTable rows{"trial_balance", "试算平衡表", {}, {}, {}, "无发生额"};
  for (const auto& column : table.columns) {
    rows.columns.push_back({column.key, column.header, column.kind == ColumnKind::money ? CellKind::money : CellKind::text});
  }
  for (const auto& row : table.rows) rows.add_row(row);  // the rows, then one 合计 per basis
  document.sections.push_back({"trial_balance", "试算平衡表", {std::move(rows)}});
  return document;
}

void register_report_commands(CLI::App& app, Context& context) {
  auto options = std::make_shared<ReportOptions>();
  auto* noun = app.add_subcommand("report", "Reports");
  noun->require_subcommand(1);

  auto* trial = noun->add_subcommand("trial-balance", "试算平衡表 of a book");
  trial->add_option("--book", options->book_id, "Book id (default bureau)");
  trial->add_option("--from", options->from, "Period start; earlier postings are the opening balance");
  trial->add_option("--as-of", options->as_of, "Period end (default today)");
  trial->add_option("--out", options->out, "File to write");
  trial->callback([&context, options] {
    auto database = context.open_database();
    require_book_allowed(*database, Action::read_unit, options->book_id);
    const Date to = options->as_of.empty() ? Date::today_local() : require_date(options->as_of, "as-of");
    const auto report = require(trial_balance(*database, options->book_id,
                                              optional_date(options->from, "from"), to));
    emit(context, trial_balance_document(report), *options);
    if (!report.financial.balanced() || !report.budget.balanced()) {
      throw CommandFailure{make_error(ReasonCode::unbalanced_entry, "the trial balance does not balance", "book")};
    }
  });

  auto* account_register_command = noun->add_subcommand("register", "明细账 of an account");
  account_register_command->add_option("--book", options->book_id, "Book id (default bureau)");
  account_register_command->add_option("--account", options->account, "Account code")->required();
  account_register_command->add_flag("--subtree", options->subtree, "Include sub-accounts");
  account_register_command->add_option("--from", options->from, "Period start");
  account_register_command->add_option("--as-of,--to", options->as_of, "Period end (default today)");
  account_register_command->add_option("--out", options->out, "File to write");
  account_register_command->callback([&context, options] {
    auto database = context.open_database();
    require_book_allowed(*database, Action::read_unit, options->book_id);
    const Date to = options->as_of.empty() ? Date::today_local() : require_date(options->as_of, "as-of");
    const auto found = require(account_register(*database, options->book_id, options->account, options->subtree,
                                                optional_date(options->from, "from"), to));
    emit(context, account_register_document(found), *options);
  });

  auto* statement = noun->add_subcommand("statement", "资金收支情况表 per award and unit");
  add_selection_options(statement, *options);
  statement->callback([&context, options] {
    auto database = context.open_database();
    require_read(*database, options->unit);
    emit(context, fund_statement_document(require(fund_statement(*database, selection_of(*options)))), *options);
  });

  auto* exceptions = noun->add_subcommand("exceptions", "异常登记簿: rejected submissions and their reasons");
  add_selection_options(exceptions, *options);
  exceptions->callback([&context, options] {
    auto database = context.open_database();
    require_read(*database, options->unit);
    const auto selection = selection_of(*options);
    emit(context, exception_register_document(selection, require(exception_items(*database, selection))), *options);
  });

  auto* reconcile = noun->add_subcommand("reconcile", "局方与单位往来核对, or with --bank a unit's 银行存款余额调节表");
  add_selection_options(reconcile, *options);
  reconcile->add_flag("--bank", options->bank, "The unit's dedicated account against its imported bank statements");
  reconcile->add_option("--window-days", options->window_days, "Days a bank line may lag its posting (with --bank)");
  reconcile->callback([&context, options] {
    auto database = context.open_database();
    require_read(*database, options->unit);
    if (options->bank) {
      if (options->unit.empty()) {
        throw CommandFailure{make_error(ReasonCode::bad_option, "--bank needs --unit", "unit")};
      }
      ReconciliationRequest request;
      request.unit_id = options->unit;
      request.as_of = selection_of(*options).to;
      request.window_days = options->window_days;
      const auto bank = require(reconcile_bank_account(*database, request));
      emit(context, bank_reconciliation_document(bank), *options);
      if (!bank.agrees()) {
        throw CommandFailure{make_error(ReasonCode::reconciliation_gap, "adjusted balances differ by " +
                                                                            format_yuan(bank.gap()), "bank")};
      }
      return;
    }
    const auto reconciliation = require(reconcile_books(*database, selection_of(*options)));
    emit(context, inter_book_document(reconciliation), *options);
    if (!reconciliation.agrees()) {
      throw CommandFailure{make_error(ReasonCode::unbalanced_entry,
                                      "the bureau's and the units' books disagree: see 差异明细", "books")};
    }
  });

  auto* audit = noun->add_subcommand("audit", "专项资金审计报告 for a policy, period and awards");
  add_selection_options(audit, *options);
  audit->add_option("--analytics-config", options->analytics_config, "Analytics parameters (default accounts/analytics.toml)");
  audit->callback([&context, options] {
    const auto config = analytics_config_of(*options);
    auto database = context.open_database();
    require_allowed(*database, Action::read_all);
    emit(context, audit_report_document(require(audit_report(*database, selection_of(*options), config))), *options);
  });

  auto* analytics = noun->add_subcommand("analytics", "审计数据分析: ranked leads with their evidence");
  add_selection_options(analytics, *options);
  analytics->add_option("--analytics-config", options->analytics_config, "Analytics parameters (default accounts/analytics.toml)");
  analytics->callback([&context, options] {
    const auto config = analytics_config_of(*options);
    auto database = context.open_database();
    require_allowed(*database, Action::read_all);
    const auto selection = selection_of(*options);
    const auto input = require(load_analytics_input(*database, selection));
    AnalyticsResult result = run_analytics(input, config, HolidayCalendar::embedded());
    resolve_evidence(*database, result);
    emit(context, analytics_document(selection, result), *options);
  });
}

}  // namespace jiangbu

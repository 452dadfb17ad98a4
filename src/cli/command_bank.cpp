// `jiangbu bank import|reconcile`: bank statements of a unit's account and
// the 银行存款余额调节表.
#include <iostream>

#include "bank/bank_reconciliation_document.hpp"
#include "bank/bank_statement.hpp"
#include "cli/context.hpp"
#include "core/reason_code.hpp"
#include "money/money_parse.hpp"
#include "report/document_export.hpp"

namespace jiangbu {

namespace {

struct BankOptions {
  std::string unit_id;
  std::string file;
  std::string account_code = std::string(dedicated_bank_account);
  std::string opening_balance = "0";
  std::string as_of;
  int window_days = default_window_days;
};

void run_import(Context& context, const BankOptions& options) {
  const auto opening = parse_money(options.opening_balance, SignPolicy::allow_negative);
  if (!opening) throw CommandFailure{Error(opening.error().code, opening.error().message, "opening-balance")};
  auto database = context.open_database();
  const auto statement =
      require(import_bank_statement(*database, options.unit_id, options.account_code, options.file, opening.value()));
  Table table{{{"statement", "对账单", ColumnKind::number}, {"file", "文件"}, {"format", "格式"},
               {"encoding", "编码"}, {"from", "起"}, {"to", "止"}, {"rows", "行数", ColumnKind::number},
               {"new_lines", "新增", ColumnKind::number}, {"opening_balance", "期初余额", ColumnKind::money},
               {"replayed", "重放"}},
              {}};
  table.add_row({std::to_string(statement.statement_id), statement.file_name, statement.file_format,
                 statement.encoding, statement.first_date.to_string(), statement.last_date.to_string(),
                 std::to_string(statement.row_count), std::to_string(statement.new_line_count),
                 money_cell(statement.opening_balance), statement.replayed ? "yes" : ""});
  render(std::cout, table, context.format());
}

void run_reconcile(Context& context, const BankOptions& options) {
  auto database = context.open_database();
  require_allowed(*database, Action::read_unit, options.unit_id);
  const ReconciliationRequest request{options.unit_id, options.account_code, require_date(options.as_of, "as-of"),
                                      options.window_days};
  const auto report = require(reconcile_bank_account(*database, request));
  // The same writers as `jiangbu report`: table, csv, json or html here.
  if (auto written = export_document(bank_reconciliation_document(report), context.format_name, "", std::cout); !written) {
    throw CommandFailure{written.error()};
  }
  if (!report.agrees()) {
    throw CommandFailure{make_error(ReasonCode::reconciliation_gap,
                                    "adjusted book and bank balances differ by " + report.gap().to_plain_string(),
                                    "as-of")};
  }
}

}  // namespace

void register_bank_commands(CLI::App& app, Context& context) {
  auto options = std::make_shared<BankOptions>();
  auto* noun = app.add_subcommand("bank", "Bank statements and the bank reconciliation (银行存款余额调节表)");
  noun->require_subcommand(1);

  auto* import = noun->add_subcommand("import", "Import a bank statement (CSV or XLSX); a bad row refuses the file");
  import->add_option("--unit", options->unit_id, "Unit 统一社会信用代码")->required();
  import->add_option("--file", options->file, "CSV (UTF-8 or GBK/GB18030) or XLSX")->required();
  import->add_option("--account", options->account_code, "Bank account in the unit's book (default 1002/奖补专户)");
  import->add_option("--opening-balance", options->opening_balance,
                     "The bank's balance before the statement's first line (default 0)");
  import->callback([&context, options] { run_import(context, *options); });

  auto* reconcile = noun->add_subcommand("reconcile", "银行存款余额调节表 of a unit's bank account as of a date");
  reconcile->add_option("--unit", options->unit_id, "Unit 统一社会信用代码")->required();
  reconcile->add_option("--as-of", options->as_of, "Reconcile as of this date")->required();
  reconcile->add_option("--account", options->account_code, "Bank account in the unit's book (default 1002/奖补专户)");
  reconcile->add_option("--window-days", options->window_days, "How many days a book and a bank date may differ")
      ->check(CLI::Range(0, window_days_max));
  reconcile->callback([&context, options] { run_reconcile(context, *options); });
}

}  // namespace jiangbu

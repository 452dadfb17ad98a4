// `jiangbu expenditure record|import|list|show|reverse`, `plan file|show`,
// `exceptions list`.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>

#include "cli/context.hpp"
#include "core/printable_text.hpp"
#include "core/reason_code.hpp"
#include "expenditure/expenditure.hpp"
#include "expenditure/expenditure_import.hpp"
#include "expenditure/fund_use_plan.hpp"

namespace jiangbu {

namespace {

struct ExpenditureOptions {
  ExpenditureInput input;
  std::string today;
  std::string file;
  std::string results;
  std::size_t batch_rows = ImportOptions{}.batch_rows;
  std::string award_id;
  std::string unit_id;
  std::int64_t expenditure_id = 0;
  std::string date;
  std::string reason;
  std::string document;
  std::vector<std::string> lines;  // category=amount
  std::size_t limit = 1000;
};

RecordOptions record_options(const ExpenditureOptions& options, const std::string& source) {
  RecordOptions record;
  if (!options.today.empty()) record.today = require_date(options.today, "today");
  record.source = source;
  return record;
}

Table verdicts_table(const std::vector<ImportedRow>& rows) {
  Table table{{{"row", "行", ColumnKind::number}, {"external_id", "外部编号"}, {"status", "结果"},
               {"reasons", "原因代码"}, {"detail", "说明"}},
              {}};
  for (const auto& row : rows) {
    std::string detail;
    for (const auto& reason : row.verdict.reasons) detail += (detail.empty() ? "" : "；") + reason.describe();
    if (row.verdict.replayed) detail = "(重放原结论) " + detail;
    table.add_row({std::to_string(row.row_number), row.external_id,
                   row.verdict.status == VerdictStatus::accepted ? "accepted" : "rejected",
                   row.verdict.reason_codes(), detail});
  }
  return table;
}

// Progress on a terminal only: scripts and pipes get a quiet stderr.
std::function<void(const ImportProgress&)> terminal_progress() {
  if (isatty(STDERR_FILENO) == 0) return {};
  const auto started = std::chrono::steady_clock::now();
  return [started](const ImportProgress& progress) {
    const auto elapsed_milliseconds =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
    const long long rate = elapsed_milliseconds > 0
                               ? static_cast<long long>(progress.rows_done) * 1000 / elapsed_milliseconds
                               : 0;
    const long long left_seconds =
        rate > 0 ? static_cast<long long>(progress.rows_total - progress.rows_done) / rate : 0;
    std::fprintf(stderr, "\r%zu/%zu rows, %lld rows/s, %llds left   ", progress.rows_done, progress.rows_total,
                 rate, left_seconds);
    if (progress.rows_done == progress.rows_total) std::fprintf(stderr, "\n");
  };
}

void run_import(Context& context, const ExpenditureOptions& options) {
  auto database = context.open_database();
  ImportOptions import_options;
  import_options.record = record_options(options, "import");
  import_options.batch_rows = options.batch_rows;
  import_options.on_progress = terminal_progress();
  const auto summary = require(import_expenditures(*database, options.file, import_options));
  if (!options.results.empty()) {
    std::ofstream results(options.results, std::ios::binary);
    results << import_results_csv(summary);
    if (!results) throw CommandFailure{make_error(ReasonCode::bad_text, "cannot write " + options.results, "results")};
  }
  render(std::cout, verdicts_table(summary.rows), context.format());
  if (context.format() == OutputFormat::table) {
    std::cout << summary.rows.size() << " rows (" << summary.format << ", " << summary.encoding << "): "
              << summary.accepted << " accepted, " << summary.rejected << " rejected, " << summary.replayed
              << " replayed\n";
  }
  if (summary.rejected > 0) {
    // Exit 1: the file was read and judged; some rows were refused by rules.
    throw CommandFailure{make_error(ReasonCode::rows_rejected,
                                    std::to_string(summary.rejected) + " of " + std::to_string(summary.rows.size()) +
                                        " rows rejected; see the exception register",
                                    "file")};
  }
}

void register_record(CLI::App* noun, Context& context, const std::shared_ptr<ExpenditureOptions>& options) {
  auto* record = noun->add_subcommand("record", "Record one expenditure; every rule is checked");
  auto& input = options->input;
  record->add_option("--external-id", input.external_id, "The unit's own id for this expenditure");
  record->add_option("--award", input.award_id, "Award id");
  record->add_option("--unit", input.unit_uscc, "Unit 统一社会信用代码");
  record->add_option("--date", input.date, "Date paid");
  record->add_option("--amount", input.amount, "Amount (1234.56, 1,234.56, 1.2万, 大写)");
  record->add_option("--category", input.category, "Allowed-use category: code or Chinese name");
  record->add_option("--payment-method", input.payment_method, "bank-transfer, official-card, cheque, online, cash, other");
  record->add_option("--payee", input.payee_name, "Payee name");
  record->add_option("--payee-uscc", input.payee_uscc, "Payee 统一社会信用代码");
  record->add_option("--invoice-code", input.invoice_code, "发票代码 (legacy invoices)");
  record->add_option("--invoice-number", input.invoice_number, "发票号码, or the 20-digit 数电 number");
  record->add_option("--description", input.description, "摘要");
  record->add_option("--today", options->today, "Judge future dates against this day (default: today)");
  record->callback([&context, options] {
    auto database = context.open_database();
    const Verdict verdict = record_expenditure(*database, options->input, record_options(*options, "cli"));
    render(std::cout, verdicts_table({{0, options->input.external_id, verdict}}), context.format());
    if (verdict.status == VerdictStatus::rejected) {
      throw CommandFailure{Error(verdict.reasons.front().code,
                                 std::to_string(verdict.reasons.size()) + " reason(s): " + verdict.reason_codes(),
                                 "expenditure")};
    }
  });
}

}  // namespace

void register_expenditure_commands(CLI::App& app, Context& context) {
  auto options = std::make_shared<ExpenditureOptions>();
  auto* noun = app.add_subcommand("expenditure", "Expenditures of award money by grant units");
  noun->require_subcommand(1);
  register_record(noun, context, options);

  auto* import = noun->add_subcommand("import", "Import a CSV or XLSX file of expenditures");
  import->add_option("file", options->file, "CSV (UTF-8 or GBK/GB18030) or XLSX")->required();
  import->add_option("--results", options->results, "Write external_id,status,reasons to this CSV file");
  import->add_option("--today", options->today, "Judge future dates against this day (default: today)");
  import->add_option("--batch-rows", options->batch_rows, "Rows per transaction (each batch commits whole)")
      ->check(CLI::Range(std::size_t{1}, import_batch_rows_max));
  import->callback([&context, options] { run_import(context, *options); });

  auto* list = noun->add_subcommand("list", "List accepted expenditures");
  list->add_option("--award", options->award_id, "Only this award");
  list->add_option("--unit", options->unit_id, "Only this unit");
  list->add_option("--limit", options->limit, "At most this many")->check(CLI::Range(1, 1'000'000));
  list->callback([&context, options] {
    auto database = context.open_database();
    require_read(*database, options->unit_id);
    Table table{{{"id", "编号", ColumnKind::number}, {"external_id", "外部编号"}, {"award", "奖补"}, {"unit", "单位"},
                 {"date", "日期"}, {"amount", "金额", ColumnKind::money}, {"category", "类别"}, {"payee", "收款方"},
                 {"reversed", "已冲销"}},
                {}};
    for (const auto& record : list_expenditures(*database, options->award_id, options->unit_id, options->limit)) {
      table.add_row({std::to_string(record.expenditure_id), record.external_id, record.award_id, record.unit_id,
                     record.spent_on.to_string(), money_cell(record.amount), record.category, record.payee_name,
                     record.reversed ? "yes" : ""});
    }
    render(std::cout, table, context.format());
  });

  auto* reverse = noun->add_subcommand("reverse", "Reverse an accepted expenditure");
  reverse->add_option("--id", options->expenditure_id, "Expenditure id")->required();
  reverse->add_option("--date", options->date, "Reversal date")->required();
  reverse->add_option("--reason", options->reason, "Why")->required();
  reverse->callback([&context, options] {
    auto database = context.open_database();
    if (auto reversed = reverse_expenditure(*database, options->expenditure_id, require_date(options->date, "date"),
                                            options->reason);
        !reversed) {
      throw CommandFailure{reversed.error()};
    }
    std::cout << "reversed expenditure " << options->expenditure_id << '\n';
  });

  auto* exceptions = app.add_subcommand("exceptions", "The exception register: every rejected submission");
  exceptions->require_subcommand(1);
  auto* exceptions_list = exceptions->add_subcommand("list", "List rejected submissions with their reasons");
  exceptions_list->add_option("--unit", options->unit_id, "Only this unit");
  exceptions_list->add_option("--limit", options->limit, "At most this many")->check(CLI::Range(1, 1'000'000));
  exceptions_list->callback([&context, options] {
    auto database = context.open_database();
    require_read(*database, options->unit_id);
    Table table{{{"id", "编号", ColumnKind::number}, {"external_id", "外部编号"}, {"unit", "单位"}, {"award", "奖补"},
                 {"amount", "金额(原文)"}, {"reasons", "原因代码"}, {"resubmits", "更正自"}, {"source", "来源"}},
                {}};
    for (const auto& record : list_exceptions(*database, options->unit_id, options->limit)) {
      table.add_row({std::to_string(record.exception_id), record.external_id, record.unit_uscc, record.award_id,
                     record.amount, record.reasons,
                     record.resubmits_exception_id ? std::to_string(*record.resubmits_exception_id) : "",
                     record.source});
    }
    render(std::cout, table, context.format());
  });

  auto* plan = app.add_subcommand("plan", "资金使用管理计划: planned amounts per category");
  plan->require_subcommand(1);
  auto* file = plan->add_subcommand("file", "File (or revise) a unit's plan for an award");
  file->add_option("--award", options->award_id, "Award id")->required();
  file->add_option("--unit", options->unit_id, "Unit 统一社会信用代码")->required();
  file->add_option("--date", options->date, "Filing date")->required();
  file->add_option("--document", options->document, "Filing reference (备案号)")->required();
  file->add_option("--line", options->lines, "CATEGORY=AMOUNT, repeatable")->required();
  file->callback([&context, options] {
    auto database = context.open_database();
    PlanInput input{options->award_id, options->unit_id, require_date(options->date, "date"), options->document, {}};
    for (const auto& line : options->lines) {
      const auto equals = line.rfind('=');
      if (equals == std::string::npos) {
        throw CommandFailure{make_error(ReasonCode::bad_text, quote_input(line) + " is not CATEGORY=AMOUNT", "line")};
      }
      input.lines.emplace_back(line.substr(0, equals), line.substr(equals + 1));
    }
    const auto filed = require(file_plan(*database, input));
    std::cout << "filed revision " << filed.revision << " of the plan for " << filed.award_id << " / " << filed.unit_id
              << '\n';
  });
  auto* show = plan->add_subcommand("show", "Every revision of a unit's plan for an award");
  show->add_option("--award", options->award_id, "Award id")->required();
  show->add_option("--unit", options->unit_id, "Unit 统一社会信用代码")->required();
  show->callback([&context, options] {
    auto database = context.open_database();
    require_allowed(*database, Action::read_unit, options->unit_id);
    Table table{{{"revision", "版本", ColumnKind::number}, {"filed_on", "备案日期"}, {"document", "备案号"},
                 {"category", "类别"}, {"amount", "计划金额", ColumnKind::money}},
                {}};
    for (const auto& revision : plan_revisions(*database, options->award_id, options->unit_id)) {
      for (const auto& line : revision.lines) {
        table.add_row({std::to_string(revision.revision), revision.filed_on.to_string(), revision.document,
                       line.category, money_cell(line.amount)});
      }
    }
    render(std::cout, table, context.format());
  });
}

}  // namespace jiangbu

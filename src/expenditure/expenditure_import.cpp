#include "expenditure/expenditure_import.hpp"

#include <algorithm>

#include "core/csv_field.hpp"
#include "expenditure/expenditure_batch.hpp"
#include "store/transaction.hpp"

namespace jiangbu {

namespace {

RecordOptions row_options(const ImportOptions& options, const std::string& path, const TabularRow& row) {
  RecordOptions record = options.record;
  record.source = "import:" + path + " row " + std::to_string(row.row_number);
  return record;
}

// One transaction per batch. If another writer races us to an invoice or an
// external id, the batch is rolled back and its rows are recorded one by one
// (each replays or decides afresh, so nothing is counted twice).
// A re-run after a crash replays most rows: their stored verdicts are looked
// up for the whole batch at once, inside its transaction.
Result<std::vector<Verdict>> record_batch(Database& database, ExpenditureBatchRecorder& recorder,
                                          const std::vector<ExpenditureInput>& inputs,
                                          const std::vector<RecordOptions>& options, const std::string& batch_name) {
  try {
    Transaction transaction(database, {"expenditure.import", "batch", batch_name});
    auto verdicts = recorder.record(inputs, options);
    if (!verdicts) {
      recorder.forget();
      return verdicts.error();
    }
    const bool changed = std::any_of(verdicts.value().begin(), verdicts.value().end(), [](const Verdict& verdict) {
      return !verdict.replayed && verdict.record_id != 0;
    });
    if (changed) {
      transaction.commit();
    } else {
      transaction.commit_unchanged();  // every row replayed: nothing to put on the trail
    }
    return verdicts;
  } catch (const soci::soci_error& error) {
    recorder.forget();
    if (!is_unique_violation(error)) throw;
  }
  std::vector<Verdict> verdicts;
  for (std::size_t index = 0; index < inputs.size(); ++index) {
    verdicts.push_back(record_expenditure(database, inputs[index], options[index]));
  }
  return verdicts;
}

// For the length of an import on SQLite, a page cache that holds what one
// batch touches. A batch inserts into indexes whose insertion points are
// spread over the whole ledger (postings by account, submissions by unit,
// invoice claims by key): at a million rows one batch dirties tens of
// thousands of pages. When they outgrow the cache, SQLite spills dirty pages
// to the WAL in the middle of the transaction and reads them back. Pages are
// allocated only as used; the session's own size comes back afterwards.
// Statement journals stay in memory too: each inserted row's statement may
// need undoing on its own (the spending trigger, the constraints), and SQLite
// wrote its journal to a file in /var/tmp, a million writes per 100,000 rows.
class ImportSqliteSettings {
 public:
  explicit ImportSqliteSettings(Database& database) : database_(database) {
    if (database_.backend() != Backend::sqlite) return;
    database_.session() << "PRAGMA cache_size", soci::into(previous_kibibytes_);
    database_.session() << "PRAGMA cache_size = " + std::to_string(-import_cache_kibibytes);
    database_.session() << "PRAGMA temp_store = MEMORY";
    changed_ = true;
  }
  ~ImportSqliteSettings() {
    if (!changed_) return;
    try {
      database_.session() << "PRAGMA cache_size = " + std::to_string(previous_kibibytes_);
      database_.session() << "PRAGMA temp_store = DEFAULT";
    } catch (const soci::soci_error&) {
      // The connection is going away with the error that ended the import.
    }
  }
  ImportSqliteSettings(const ImportSqliteSettings&) = delete;
  ImportSqliteSettings& operator=(const ImportSqliteSettings&) = delete;

 private:
  static constexpr long long import_cache_kibibytes = 1'048'576;  // 1 GiB at most
  Database& database_;
  long long previous_kibibytes_ = 0;
  bool changed_ = false;
};

}  // namespace

ExpenditureInput expenditure_input_from_row(const TabularRow& row, const ColumnMap& map) {
  const auto cell = [&](std::size_t spec) -> std::string {
    const int index = map.index_by_spec[spec];
    return index < 0 ? std::string() : row.cells[static_cast<std::size_t>(index)];
  };
  return ExpenditureInput{cell(0), cell(1), cell(2), cell(3), cell(4), cell(5),
                          cell(6), cell(7), cell(8), cell(9), cell(10), cell(11)};
}

const std::vector<ColumnSpec>& expenditure_columns() {
  static const std::vector<ColumnSpec> columns = {
      {"external_id", {"外部编号", "单据编号", "业务编号"}, true},
      {"award_id", {"奖补编号"}, true},
      {"unit_uscc", {"单位统一社会信用代码", "单位代码"}, true},
      {"date", {"日期", "支出日期"}, true},
      {"amount", {"金额", "支出金额"}, true},
      {"category", {"用途类别", "支出类别", "用途"}, true},
      {"payment_method", {"支付方式"}, true},
      {"payee_name", {"收款方", "收款单位"}, true},
      {"payee_uscc", {"收款方统一社会信用代码", "收款单位统一社会信用代码"}, false},
      {"invoice_code", {"发票代码"}, false},
      {"invoice_number", {"发票号码"}, true},
      {"description", {"摘要", "说明"}, false},
  };
  return columns;
}

Result<ImportSummary> import_expenditures(Database& database, const std::string& path, const ImportOptions& options) {
  auto file = read_tabular_file(path);
  if (!file) return file.error();
  auto map = map_columns(file.value().headers, expenditure_columns());
  if (!map) return map.error();
  ImportSummary summary;
  summary.format = file.value().format;
  summary.encoding = file.value().encoding;
  const auto& rows = file.value().rows;
  // On PostgreSQL every row of a batch holds its submission's advisory lock
  // until the batch commits, and the server's lock table holds about
  // max_locks_per_transaction (64) × max_connections (100) locks for all
  // sessions together: a batch of 50,000 rows ran out of shared memory.
  const std::size_t rows_max =
      database.backend() == Backend::postgresql ? postgresql_batch_rows_max : import_batch_rows_max;
  const std::size_t batch_rows = std::clamp<std::size_t>(options.batch_rows, 1, rows_max);
  const ImportSqliteSettings sqlite_settings(database);
  ExpenditureBatchRecorder recorder(database, batch_rows);
  for (std::size_t start = 0; start < rows.size(); start += batch_rows) {
    const std::size_t end = std::min(rows.size(), start + batch_rows);
    std::vector<ExpenditureInput> inputs;
    std::vector<RecordOptions> row_record_options;
    inputs.reserve(end - start);
    row_record_options.reserve(end - start);
    for (std::size_t index = start; index < end; ++index) {
      inputs.push_back(expenditure_input_from_row(rows[index], map.value()));
      row_record_options.push_back(row_options(options, path, rows[index]));
    }
    const std::string batch_name = path + " rows " + std::to_string(rows[start].row_number) + "-" +
                                   std::to_string(rows[end - 1].row_number);
    auto batch = record_batch(database, recorder, inputs, row_record_options, batch_name);
    if (!batch) return batch.error();
    const auto& verdicts = batch.value();
    for (std::size_t offset = 0; offset < verdicts.size(); ++offset) {
      const Verdict& verdict = verdicts[offset];
      summary.rows.push_back({rows[start + offset].row_number, inputs[offset].external_id, verdict});
      (verdict.status == VerdictStatus::accepted ? summary.accepted : summary.rejected) += 1;
      if (verdict.replayed) ++summary.replayed;
    }
    if (options.on_progress) options.on_progress({end, rows.size()});
  }
  return summary;
}

std::string import_results_csv(const ImportSummary& summary) {
  std::string csv = "external_id,status,reasons\r\n";
  for (const auto& row : summary.rows) {
    csv += csv_field(row.external_id) + "," +
           (row.verdict.status == VerdictStatus::accepted ? "accepted" : "rejected") + "," +
           csv_field(row.verdict.reason_codes()) + "\r\n";
  }
  return csv;
}

}  // namespace jiangbu

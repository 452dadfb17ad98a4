#pragma once
// Bulk import of expenditures from a CSV or XLSX file (UTF-8 with or without
// BOM, or GBK/GB18030). Every row gets exactly one verdict, stored like a
// single submission; a malformed row is a rejection with its reasons and
// does not stop the rest. Importing the same file again changes nothing:
// each row replays its original verdict.
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "expenditure/expenditure.hpp"
#include "tabular/tabular_file.hpp"

namespace jiangbu {

// The columns, with the Chinese headers accepted as aliases.
const std::vector<ColumnSpec>& expenditure_columns();
// One row of such a file as a submission (columns mapped by map_columns).
ExpenditureInput expenditure_input_from_row(const TabularRow& row, const ColumnMap& map);

struct ImportedRow {
  std::size_t row_number = 0;  // as the unit sees it in the spreadsheet
  std::string external_id;
  Verdict verdict;
};

struct ImportSummary {
  std::string format;
  std::string encoding;
  std::vector<ImportedRow> rows;
  std::size_t accepted = 0;
  std::size_t rejected = 0;
  std::size_t replayed = 0;
};

struct ImportProgress {
  std::size_t rows_done = 0;
  std::size_t rows_total = 0;
};

// A batch's rows, entries and verdicts are held in memory until it commits.
// Each batch dirties pages all over the indexes keyed by account, unit and
// invoice, and writes them to the WAL at its commit: at a million rows,
// batches of 100,000 imported in 188 s against 219-224 s for 50,000, for
// 0.4 GB more memory (bench/scale.sh passes --batch-rows 100000).
inline constexpr std::size_t import_batch_rows_max = 100'000;
// Fewer on PostgreSQL, whose shared lock table must hold one advisory lock
// per row of every open batch (expenditure_import.cpp).
inline constexpr std::size_t postgresql_batch_rows_max = 4'000;

struct ImportOptions {
  RecordOptions record;
  // Rows per transaction. Larger batches rewrite the same index pages in
  // fewer commits (SQLite: 100,000 rows took 25 s at 2,000 and 18 s at
  // 10,000 on this 2-core machine; 20,000 gained nothing more).
  std::size_t batch_rows = 10000;
  std::function<void(const ImportProgress&)> on_progress;  // called after each batch
};

Result<ImportSummary> import_expenditures(Database& database, const std::string& path, const ImportOptions& options);

// external_id,status,reasons — reasons ';'-separated in registry order.
std::string import_results_csv(const ImportSummary& summary);

}  // namespace jiangbu

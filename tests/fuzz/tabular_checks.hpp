#pragma once
// The promises of tabular_file.hpp, checked on whatever a reader returned.
// Shared by the tabular and bank statement harnesses.
#include <string>
#include <string_view>

#include "core/text.hpp"
#include "fuzz_check.hpp"
#include "tabular/tabular_file.hpp"

namespace jiangbu::fuzz {

inline void check_tabular_result(const Result<TabularFile>& file, std::string_view name,
                                 const TabularLimits& limits) {
  if (!file) {
    const Error& error = file.error();
    require_described(error, "tabular reader");
    require(error.field == "file", "tabular refusal names field", error.field);
    // parse_tabular_bytes turns an escaped exception into this message: in
    // the product that keeps the program up, here it is a bug to report.
    // (Only at the start: a refusal may quote a cell holding these words.)
    require(!error.message.starts_with(std::string(name) + ": could not be read: "), "exception inside a reader",
            error.message);
    require(is_valid_utf8(error.message), "refusal message is not UTF-8", error.message);
    return;
  }
  const TabularFile& table = file.value();
  require(table.format == "csv" || table.format == "xlsx", "format", table.format);
  require(table.rows.size() <= limits.rows_max, "rows_max exceeded");
  require(table.headers.size() <= limits.columns_max, "columns_max exceeded");
  for (const auto& header : table.headers) {
    require(header.size() <= limits.cell_bytes_max, "header longer than cell_bytes_max");
    require(is_valid_utf8(header), "header is not UTF-8", header);
  }
  std::size_t previous_row = table.header_row_number;
  for (const auto& row : table.rows) {
    require(row.row_number > previous_row, "row numbers not increasing", std::to_string(row.row_number));
    previous_row = row.row_number;
    require(row.cells.size() == table.headers.size(), "row width differs from the header's");
    for (const auto& cell : row.cells) {
      require(cell.size() <= limits.cell_bytes_max, "cell longer than cell_bytes_max");
      require(is_valid_utf8(cell), "cell is not UTF-8", cell);
    }
  }
}

}  // namespace jiangbu::fuzz

#pragma once
// Spreadsheets that grant units upload (expenditure imports, later bank
// statements) arrive as CSV or XLSX. This reader turns either into rows of
// UTF-8 strings with the row numbers the unit sees in Excel, and refuses what
// it cannot read with the file, the row and the reason. Money flows through
// these cells, so no cell ever passes through floating point: a number cell
// keeps the text Excel stored ("1234.56"), and the caller parses it exactly.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/reason_code.hpp"
#include "core/result.hpp"

namespace jiangbu {

struct TabularRow {
  // As a spreadsheet user sees it: the header is row 1 and the first data row
  // is 2. CSV: the physical record number (a quoted multi-line record counts
  // once, skipped empty lines count). XLSX: the sheet's own row number.
  std::size_t row_number = 0;
  std::vector<std::string> cells;  // exactly headers.size() cells, "" when blank
};

struct TabularFile {
  std::string format;    // "csv" | "xlsx"
  std::string encoding;  // "utf-8", "utf-8-bom", "gb18030", "xlsx"
  std::string sheet_name;             // XLSX: the sheet read (the first, unless chosen); CSV: empty
  std::size_t header_row_number = 0;  // the first non-empty row, usually 1
  std::vector<std::string> headers;   // trailing blank header cells dropped
  std::vector<TabularRow> rows;       // empty rows skipped
};

struct TabularLimits {
  std::size_t bytes_max = 256u << 20;   // the file as uploaded
  std::size_t rows_max = 2'000'000;     // data rows, header not counted
  std::size_t columns_max = 200;        // cells in any row
  std::size_t cell_bytes_max = 4096;    // one cell's UTF-8 text
  // XLSX only: bytes unzipped from all parts plus the text of all cells
  // together. An XLSX is compressed XML (a 1M-row sheet unzips to ~0.5 GiB),
  // so the file's size says little: this caps zip bombs and one long shared
  // string repeated in every cell.
  std::size_t expanded_bytes_max = std::size_t{2} << 30;
};

// Reads a CSV or XLSX file, choosing by content (a ZIP archive, "PK\3\4", is
// XLSX) rather than by extension alone. Errors are bad-file or bad-encoding,
// with field "file" and a message "<path>: row N: <reason>". Never throws.
Result<TabularFile> read_tabular_file(const std::string& path, const TabularLimits& limits = {});

// The same on bytes already in memory (an upload, a fuzzer's input); name is
// used in messages and, when the bytes are not a ZIP, its extension tells a
// damaged workbook from a CSV. Refuses more than limits.bytes_max bytes.
Result<TabularFile> parse_tabular_bytes(std::string_view bytes, std::string_view name,
                                        const TabularLimits& limits = {});

// Column letters as Excel shows them: 0 -> "A", 25 -> "Z", 26 -> "AA".
std::string column_letters(std::size_t column_index);

// The error every reader returns: Error{code, "<file>: row N: <reason>", "file"};
// row_number 0 leaves the row out (a problem with the whole file).
Error tabular_error(ReasonCode code, std::string_view file_name, std::size_t row_number,
                    std::string_view reason);

// Mapping a header row onto the columns a caller reads.
struct ColumnSpec {
  std::string key;                   // "external_id"
  std::vector<std::string> aliases;  // {"外部编号", "单据号"}
  bool required = true;
};

struct ColumnMap {
  std::vector<int> index_by_spec;  // per spec, the header's index; -1 when absent
};

// Matches each header (trimmed of ASCII and ideographic spaces, ASCII letters
// compared without case) against every spec's key and aliases. Refuses, with
// bad-header and every problem named at once: a missing required column (and
// what was found instead), two headers for one column, an unknown or blank
// header (a typo must not silently drop a column of data).
Result<ColumnMap> map_columns(const std::vector<std::string>& headers,
                              const std::vector<ColumnSpec>& specs);

}  // namespace jiangbu

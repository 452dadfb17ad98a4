#pragma once
// XLSX (Office Open XML, ECMA-376) read from memory: libzip for the container,
// expat streaming the first worksheet so a sheet of a million rows never
// becomes a DOM.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "tabular/tabular_file.hpp"

namespace jiangbu {

// Pure on bytes (no file system), so it can be fuzzed. name is used only in
// error messages. Reads the first sheet of the workbook; number cells keep the
// text Excel stored, date-formatted whole serials become "YYYY-MM-DD".
Result<TabularFile> parse_xlsx_bytes(std::string_view bytes, std::string_view name,
                                     const TabularLimits& limits = {});

// The sheets' names in workbook order, as Excel shows the tabs (hidden ones
// included).
Result<std::vector<std::string>> list_xlsx_sheets(std::string_view bytes, std::string_view name,
                                                  const TabularLimits& limits = {});

// The sheet at sheet_index (0 is the first, hidden or not) read as a grid, for
// workbooks laid out for people, such as the reports jiangbu writes, where a
// title stands above tables of other widths: no row is taken as the header
// (headers stays empty, header_row_number 0), and every non-empty row is kept
// with its cells up to its last value. Cells read as in parse_xlsx_bytes.
Result<TabularFile> parse_xlsx_sheet_grid(std::string_view bytes, std::string_view name,
                                          std::size_t sheet_index, const TabularLimits& limits = {});

}  // namespace jiangbu

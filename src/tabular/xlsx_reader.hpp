#pragma once
// XLSX (Office Open XML, ECMA-376) read from memory: libzip for the container,
// expat streaming the first worksheet so a sheet of a million rows never
// becomes a DOM.
#include <string_view>

#include "tabular/tabular_file.hpp"

namespace jiangbu {

// Pure on bytes (no file system), so it can be fuzzed. name is used only in
// error messages. Reads the first sheet of the workbook; number cells keep the
// text Excel stored, date-formatted whole serials become "YYYY-MM-DD".
Result<TabularFile> parse_xlsx_bytes(std::string_view bytes, std::string_view name,
                                     const TabularLimits& limits = {});

}  // namespace jiangbu

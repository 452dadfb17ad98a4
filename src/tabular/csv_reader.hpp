#pragma once
// CSV as Excel and WPS write it (RFC 4180): quoted cells with "" escapes,
// embedded delimiters and line breaks, CRLF or LF (or a Mac's lone CR).
#include <string_view>

#include "tabular/tabular_file.hpp"

namespace jiangbu {

// Pure on bytes (no file system), so it can be fuzzed. name is used only in
// error messages. Encoding as decode_to_utf8; the delimiter is a comma unless
// the header line, outside quotes, has no comma and only TABs or only
// semicolons.
Result<TabularFile> parse_csv_bytes(std::string_view bytes, std::string_view name,
                                    const TabularLimits& limits = {});

}  // namespace jiangbu

#pragma once
// How the PDF export prints the plain values of a report (see
// report_document.hpp): money with thousands separators, percents with a
// sign, everything else as is. Values are read back exactly, never through
// floating point, and a value that is not of its kind is an Error.
#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "money/money.hpp"
#include "report/report_document.hpp"

namespace jiangbu {

// "-1234567.80" (money) -> "-1,234,567.80"; "87.50" (percent) -> "87.50%";
// count, date and text unchanged; an empty value stays empty.
Result<std::string> printed_cell_text(CellKind kind, const std::string& plain);

// A plain money value (negative allowed); Error "bad-amount" otherwise.
Result<Money> read_money_value(std::string_view plain);

// "87.50" -> 8750 hundredths of a percent. Digits, a point and exactly two
// decimals; no sign, no leading zeros but the one before the point.
Result<std::int64_t> read_percent_hundredths(std::string_view plain);

}  // namespace jiangbu

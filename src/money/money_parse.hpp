#pragma once
// parse_money: how text from a form, spreadsheet or command line becomes
// Money. It never goes through floating point and never throws for bad
// input: every refusal is an Error saying which text and why.
//
// Accepted (surrounding ASCII whitespace is ignored):
//   1234   1234.5   1,234.56   ¥1,234.56   ￥1,234.56   人民币1234.56   1234.56元
//   20万   20万元   12.5万   0.000001万 (a 万 amount may carry up to six decimals:
//   still whole fen)   and 大写 such as 贰拾万元整, 人民币壹仟零伍元叁角
//   (see money_chinese.hpp).
// Refused with code "bad-amount" (empty input is "missing-field"):
//   more decimals than whole fen allow; letters, exponents, hex, two points,
//   blanks inside the number; "12." and ".5" (a digit must stand on both
//   sides of the point); leading zeros ("007"); thousands separators not in
//   groups of three ("12,34.56", "1,2345", ",123"); a repeated currency sign
//   or unit; any sign under SignPolicy::unsigned_only; under allow_negative
//   anything but one leading '-' before the currency sign ("-¥5"); "-0";
//   magnitudes beyond Money::max_fen.
#include <cstddef>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "money/money.hpp"

namespace jiangbu {

enum class SignPolicy { unsigned_only, allow_negative };

Result<Money> parse_money(std::string_view text, SignPolicy policy = SignPolicy::unsigned_only);

// Shared by the money parsers (amounts, 大写, split weights); not meant for
// other callers.
namespace money_text {

// Longest raw input looked at; anything longer is refused before any scan.
inline constexpr std::size_t max_input_bytes = 256;

std::string_view trim_ascii_whitespace(std::string_view text);
// The text as quoted in an error message: cut at a UTF-8 character boundary
// when long, so a message never carries half a character.
std::string quote(std::string_view text);
bool starts_with(std::string_view text, std::string_view prefix);
bool ends_with(std::string_view text, std::string_view suffix);

}  // namespace money_text

}  // namespace jiangbu

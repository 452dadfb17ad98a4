#include "money/money_parse.hpp"

#include <array>
#include <cstddef>
#include <optional>

#include "core/printable_text.hpp"
#include "money/money_chinese.hpp"

namespace jiangbu {

namespace money_text {

std::string_view trim_ascii_whitespace(std::string_view text) {
  constexpr std::string_view whitespace = " \t\n\r\v\f";
  const std::size_t first = text.find_first_not_of(whitespace);
  if (first == std::string_view::npos) return {};
  const std::size_t last = text.find_last_not_of(whitespace);
  return text.substr(first, last - first + 1);
}

std::string quote(std::string_view text) { return quote_input(text); }

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

}  // namespace money_text

namespace {

using money_text::ends_with;
using money_text::starts_with;

// "¥9,999,999,999,999,999.99元" is 29 bytes; 64 leaves room for honest
// variants and still bounds every scan below.
constexpr std::size_t max_numeral_bytes = 64;
// More integer digits than this cannot be in range under any unit, so the
// value is refused before it is computed.
constexpr std::size_t max_integer_digits = 20;

constexpr std::array<std::string_view, 3> currency_prefixes = {"¥", "￥", "人民币"};

enum class Unit { yuan, wan };

struct Numeral {
  bool negative = false;
  Unit unit = Unit::yuan;
  std::string_view digits_and_point;  // what is left between sign/prefix and unit
};

Error bad_amount(std::string_view text, std::string_view why) {
  return Error("bad-amount", money_text::quote(text) + " is not an amount: " + std::string(why));
}

bool is_digit(char character) { return character >= '0' && character <= '9'; }

std::optional<std::string_view> matching_prefix(std::string_view text) {
  for (const std::string_view prefix : currency_prefixes) {
    if (starts_with(text, prefix)) return prefix;
  }
  return std::nullopt;
}

// Sign, currency prefix and unit suffix come off here; only digits, commas
// and a point should remain.
Result<Numeral> strip_decorations(std::string_view text, SignPolicy policy) {
  Numeral numeral;
  std::string_view body = text;
  if (starts_with(body, "+")) return bad_amount(text, "unexpected sign '+'");
  if (starts_with(body, "-")) {
    if (policy == SignPolicy::unsigned_only) {
      return bad_amount(text, "unexpected sign '-': a negative amount is not allowed here");
    }
    numeral.negative = true;
    body.remove_prefix(1);
  }
  if (const auto prefix = matching_prefix(body)) body.remove_prefix(prefix->size());
  if (matching_prefix(body)) return bad_amount(text, "more than one currency sign");
  if (ends_with(body, "万元")) {
    numeral.unit = Unit::wan;
    body.remove_suffix(std::string_view("万元").size());
  } else if (ends_with(body, "万")) {
    numeral.unit = Unit::wan;
    body.remove_suffix(std::string_view("万").size());
  } else if (ends_with(body, "元")) {
    body.remove_suffix(std::string_view("元").size());
  }
  if (ends_with(body, "万") || ends_with(body, "元")) return bad_amount(text, "repeated unit");
  numeral.digits_and_point = body;
  return numeral;
}

// Names the first character that cannot be part of a number.
std::optional<std::string> find_stray_character(std::string_view body) {
  for (const char character : body) {
    if (is_digit(character) || character == ',' || character == '.') continue;
    if (character == ' ' || character == '\t') return "blank inside the number";
    if (character == '-' || character == '+') return "a sign may only come first";
    if (static_cast<unsigned char>(character) >= 0x80U) return "unexpected non-ASCII character";
    return std::string("unexpected character '") + character + "'";
  }
  return std::nullopt;
}

// Groups must be 1-3 digits then exactly three each: "1,234,567".
bool thousands_groups_valid(std::string_view integer_part) {
  if (integer_part.find(',') == std::string_view::npos) return true;
  std::size_t group_start = 0;
  bool first_group = true;
  for (std::size_t group_count = 0; group_count <= integer_part.size(); ++group_count) {
    const std::size_t comma = integer_part.find(',', group_start);
    const std::size_t group_end = comma == std::string_view::npos ? integer_part.size() : comma;
    const std::size_t group_size = group_end - group_start;
    if (first_group ? (group_size < 1 || group_size > 3) : group_size != 3) return false;
    if (comma == std::string_view::npos) return true;
    first_group = false;
    group_start = comma + 1;
  }
  return false;
}

std::string without_commas(std::string_view integer_part) {
  std::string digits;
  for (const char character : integer_part) {
    if (character != ',') digits += character;
  }
  return digits;
}

FenInteger digits_value(std::string_view digits) {
  FenInteger value = 0;
  for (const char digit : digits) value = value * 10 + (digit - '0');
  return value;
}

Result<Money> parse_numeral(std::string_view text, const Numeral& numeral) {
  const std::string_view body = numeral.digits_and_point;
  if (body.empty()) return bad_amount(text, "no digits");
  if (const auto stray = find_stray_character(body)) return bad_amount(text, *stray);
  const std::size_t point = body.find('.');
  if (point != std::string_view::npos && body.find('.', point + 1) != std::string_view::npos) {
    return bad_amount(text, "more than one decimal point");
  }
  const std::string_view integer_part = body.substr(0, point);
  const std::string_view fraction =
      point == std::string_view::npos ? std::string_view() : body.substr(point + 1);
  if (point != std::string_view::npos && fraction.empty()) {
    return bad_amount(text, "no digit after the decimal point");
  }
  if (integer_part.empty()) return bad_amount(text, "no digit before the decimal point");
  if (fraction.find(',') != std::string_view::npos) {
    return bad_amount(text, "thousands separator after the decimal point");
  }
  if (!thousands_groups_valid(integer_part)) return bad_amount(text, "misplaced thousands separator");
  const std::string integer_digits = without_commas(integer_part);
  if (integer_digits.size() > 1 && integer_digits.front() == '0') {
    return bad_amount(text, "leading zero");
  }
  const bool in_wan = numeral.unit == Unit::wan;
  const std::size_t max_fraction_digits = in_wan ? 6 : 2;
  if (fraction.size() > max_fraction_digits) {
    return bad_amount(text, in_wan ? "more than six decimal places with 万 (finer than one fen)"
                                   : "more than two decimal places (finer than one fen)");
  }
  if (integer_digits.size() > max_integer_digits) return bad_amount(text, "out of range");
  std::string fraction_digits(fraction);
  fraction_digits.resize(max_fraction_digits, '0');  // whole fen from here on
  const FenInteger scale = in_wan ? 1'000'000 : 100;
  const FenInteger magnitude = digits_value(integer_digits) * scale + digits_value(fraction_digits);
  if (!Money::in_range(magnitude)) {
    return bad_amount(text, "out of range: the largest amount is 9,999,999,999,999,999.99");
  }
  if (numeral.negative && magnitude == 0) return bad_amount(text, "negative zero");
  return Money::from_fen_integer(numeral.negative ? FenInteger(-magnitude) : magnitude);
}

Result<Money> parse_uppercase_with_policy(std::string_view text, SignPolicy policy) {
  Result<Money> parsed = parse_chinese_uppercase(text);
  if (!parsed.ok()) return parsed;
  if (parsed.value().is_negative() && policy == SignPolicy::unsigned_only) {
    return bad_amount(text, "unexpected sign '负': a negative amount is not allowed here");
  }
  return parsed;
}

}  // namespace

Result<Money> parse_money(std::string_view text, SignPolicy policy) {
  if (text.size() > money_text::max_input_bytes) return bad_amount(text, "too long");
  const std::string_view trimmed = money_text::trim_ascii_whitespace(text);
  if (trimmed.empty()) return Error("missing-field", "amount is empty");
  if (contains_chinese_uppercase_numeral(trimmed)) {
    return parse_uppercase_with_policy(trimmed, policy);
  }
  if (trimmed.size() > max_numeral_bytes) return bad_amount(trimmed, "too long");
  Result<Numeral> numeral = strip_decorations(trimmed, policy);
  if (!numeral.ok()) return numeral.error();
  return parse_numeral(trimmed, numeral.value());
}

}  // namespace jiangbu

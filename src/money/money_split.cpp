#include "money/money_split.hpp"

#include <algorithm>
#include <cstddef>
#include <numeric>
#include <string>

#include "core/assert.hpp"
#include "money/money_format.hpp"
#include "money/money_parse.hpp"

namespace jiangbu {

namespace {

using boost::multiprecision::cpp_int;

constexpr std::size_t max_weight_bytes = 64;

Error bad_weight(std::string_view text, std::string_view why) {
  return Error("bad-weight", money_text::quote(text) + " is not a weight: " + std::string(why));
}

Error bad_split(const std::string& why) { return Error("bad-split", "cannot split: " + why); }

bool is_digit(char character) { return character >= '0' && character <= '9'; }

bool all_digits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), is_digit);
}

cpp_int digits_value(std::string_view digits) {
  cpp_int value = 0;
  for (const char digit : digits) value = value * 10 + (digit - '0');
  return value;
}

bool has_leading_zero(std::string_view digits) { return digits.size() > 1 && digits.front() == '0'; }

// Unsigned text without '/': "5" or "0.3".
Result<Weight> parse_decimal_weight(std::string_view text) {
  const std::size_t point = text.find('.');
  const std::string_view integer_part = text.substr(0, point);
  const std::string_view fraction =
      point == std::string_view::npos ? std::string_view() : text.substr(point + 1);
  if (!all_digits(integer_part) || (point != std::string_view::npos && !all_digits(fraction))) {
    return bad_weight(text, "expected a number such as 5, 0.3 or 1/3");
  }
  if (has_leading_zero(integer_part)) return bad_weight(text, "leading zero");
  cpp_int denominator = 1;
  for (std::size_t place = 0; place < fraction.size(); ++place) denominator *= 10;
  const cpp_int numerator = digits_value(integer_part) * denominator + digits_value(fraction);
  return Weight(numerator, denominator);
}

Result<Weight> parse_fraction_weight(std::string_view text, std::size_t slash) {
  const std::string_view numerator = text.substr(0, slash);
  const std::string_view denominator = text.substr(slash + 1);
  if (!all_digits(numerator) || !all_digits(denominator)) {
    return bad_weight(text, "a fraction is two whole numbers such as 1/3");
  }
  if (has_leading_zero(numerator) || has_leading_zero(denominator)) return bad_weight(text, "leading zero");
  const cpp_int denominator_value = digits_value(denominator);
  if (denominator_value == 0) return bad_weight(text, "zero denominator");
  return Weight(digits_value(numerator), denominator_value);
}

cpp_int floor_of(const Weight& nonnegative) {
  return boost::multiprecision::numerator(nonnegative) / boost::multiprecision::denominator(nonnegative);
}

Money signed_money(const cpp_int& magnitude_fen, bool negative) {
  const FenInteger fen(magnitude_fen);  // each part is at most the whole, so in range
  return Money::from_fen_integer(negative ? FenInteger(-fen) : fen);
}

std::string part_label(std::size_t index) { return "part " + std::to_string(index + 1); }

}  // namespace

Result<Weight> parse_weight(std::string_view text) {
  if (text.size() > money_text::max_input_bytes) return bad_weight(text, "too long");
  const std::string_view trimmed = money_text::trim_ascii_whitespace(text);
  if (trimmed.empty()) return Error("missing-field", "weight is empty");
  if (trimmed.size() > max_weight_bytes) return bad_weight(trimmed, "too long");
  if (trimmed.front() == '-') return bad_weight(trimmed, "a weight cannot be negative");
  if (trimmed.front() == '+') return bad_weight(trimmed, "unexpected sign '+'");
  const std::size_t slash = trimmed.find('/');
  if (slash == std::string_view::npos) return parse_decimal_weight(trimmed);
  return parse_fraction_weight(trimmed, slash);
}

Result<std::vector<Money>> split_by_weights(const Money& whole, const std::vector<Weight>& weights) {
  if (weights.empty()) return bad_split("no weights given");
  Weight total_weight = 0;
  for (std::size_t index = 0; index < weights.size(); ++index) {
    if (weights[index] < 0) return bad_split("the weight of " + part_label(index) + " is negative");
    total_weight += weights[index];
  }
  if (total_weight == 0) return bad_split("all weights are zero");

  const cpp_int whole_fen(whole.absolute().fen());
  std::vector<cpp_int> parts_fen;
  std::vector<Weight> remainders;
  parts_fen.reserve(weights.size());
  remainders.reserve(weights.size());
  cpp_int assigned_fen = 0;
  for (const Weight& weight : weights) {
    const Weight exact_share = Weight(whole_fen) * weight / total_weight;
    parts_fen.push_back(floor_of(exact_share));
    remainders.push_back(exact_share - parts_fen.back());
    assigned_fen += parts_fen.back();
  }

  // Each floor loses less than one fen, so fewer fen are left than parts.
  const cpp_int leftover_fen = whole_fen - assigned_fen;
  JIANGBU_ASSERT(leftover_fen >= 0 && leftover_fen < cpp_int(weights.size()));
  std::vector<std::size_t> order(weights.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&remainders](std::size_t left, std::size_t right) {
    return remainders[left] > remainders[right];
  });
  const auto leftover_count = leftover_fen.convert_to<std::size_t>();
  for (std::size_t rank = 0; rank < leftover_count; ++rank) parts_fen[order[rank]] += 1;

  std::vector<Money> parts;
  parts.reserve(weights.size());
  for (const cpp_int& part_fen : parts_fen) parts.push_back(signed_money(part_fen, whole.is_negative()));
  return parts;
}

Result<std::vector<Money>> split_by_fixed_parts(const Money& whole, const std::vector<Money>& parts) {
  if (parts.empty()) return bad_split("no parts given");
  FenInteger sum_fen = 0;  // 128 bits: no realistic count of in-range parts can overflow it
  for (std::size_t index = 0; index < parts.size(); ++index) {
    const bool opposite_sign = whole.is_negative() ? parts[index].is_positive() : parts[index].is_negative();
    if (opposite_sign) {
      return bad_split(part_label(index) + " (" + format_yuan(parts[index]) +
                       ") has the opposite sign of the whole (" + format_yuan(whole) + ")");
    }
    sum_fen += parts[index].fen();
  }
  const FenInteger difference_fen = sum_fen - whole.fen();
  if (difference_fen == 0) return parts;
  if (!Money::in_range(difference_fen)) {
    return Error("split-mismatch", "parts do not add up to the whole (" + format_yuan(whole) +
                                       "): they exceed the largest amount");
  }
  const Money difference = Money::from_fen_integer(difference_fen);
  const std::string direction = difference.is_positive() ? "more" : "less";
  return Error("split-mismatch", "parts add up to " + format_yuan(difference.absolute()) + " " + direction +
                                     " than the whole (" + format_yuan(whole) + ")");
}

}  // namespace jiangbu

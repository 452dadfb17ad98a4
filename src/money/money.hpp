#pragma once
// Money: an exact amount of renminbi held as integer fen (分) in a checked
// 128-bit integer. There is no way in from floating point: the double and
// float constructors are deleted, and text comes in only through
// parse_money() (money_parse.hpp), which says why it refuses.
//
// Every amount is bounded by ±max_fen (just under 10^16 元, four 4-digit
// groups up to 万亿 in 大写). Arithmetic that leaves that range throws
// std::overflow_error: it means data far beyond any real budget, never a
// silent wrap.
#include <compare>
#include <cstdint>
#include <iosfwd>
#include <string>

#include <boost/multiprecision/cpp_int.hpp>

namespace jiangbu {

using FenInteger = boost::multiprecision::checked_int128_t;

class Money {
 public:
  static constexpr std::int64_t max_fen = 999'999'999'999'999'999;  // < 10^18 fen

  constexpr Money() = default;  // zero
  Money(double) = delete;       // NOLINT: money never comes from floating point
  Money(float) = delete;        // NOLINT
  Money(long double) = delete;  // NOLINT

  // Programmer-supplied constants and values read back from storage. Aborts on
  // a value outside ±max_fen: callers validate input with parse_money first.
  static Money from_fen(std::int64_t fen);
  static Money from_yuan(std::int64_t yuan);
  // For computed values (sums, splits): refuses out-of-range values.
  static bool in_range(const FenInteger& fen);
  static Money from_fen_integer(const FenInteger& fen);  // throws std::overflow_error

  [[nodiscard]] const FenInteger& fen() const { return fen_; }
  [[nodiscard]] std::int64_t fen_int64() const;
  [[nodiscard]] bool is_zero() const { return fen_ == 0; }
  [[nodiscard]] bool is_negative() const { return fen_ < 0; }
  [[nodiscard]] bool is_positive() const { return fen_ > 0; }
  [[nodiscard]] Money absolute() const { return is_negative() ? -*this : *this; }

  Money operator-() const;
  Money& operator+=(const Money& other);
  Money& operator-=(const Money& other);
  friend Money operator+(Money left, const Money& right) { return left += right; }
  friend Money operator-(Money left, const Money& right) { return left -= right; }

  friend bool operator==(const Money& left, const Money& right) { return left.fen_ == right.fen_; }
  friend std::strong_ordering operator<=>(const Money& left, const Money& right) {
    if (left.fen_ < right.fen_) return std::strong_ordering::less;
    if (left.fen_ > right.fen_) return std::strong_ordering::greater;
    return std::strong_ordering::equal;
  }

  // Plain decimal yuan with two places and no grouping ("-1234.50"); the
  // canonical machine form used in CSV, JSON and logs.
  [[nodiscard]] std::string to_plain_string() const;

 private:
  explicit Money(const FenInteger& fen) : fen_(fen) {}
  FenInteger fen_ = 0;
};

std::ostream& operator<<(std::ostream& stream, const Money& money);

}  // namespace jiangbu

#include "money/money.hpp"

#include <ostream>
#include <stdexcept>

#include "core/assert.hpp"

namespace jiangbu {

namespace {
const FenInteger max_fen_integer = FenInteger(Money::max_fen);
}

bool Money::in_range(const FenInteger& fen) {
  return fen <= max_fen_integer && fen >= -max_fen_integer;
}

Money Money::from_fen(std::int64_t fen) {
  const FenInteger value(fen);
  JIANGBU_ASSERT(in_range(value) && "Money::from_fen outside ±max_fen");
  return Money(value);
}

Money Money::from_yuan(std::int64_t yuan) {
  const FenInteger value = FenInteger(yuan) * 100;
  JIANGBU_ASSERT(in_range(value) && "Money::from_yuan outside ±max_fen");
  return Money(value);
}

Money Money::from_fen_integer(const FenInteger& fen) {
  if (!in_range(fen)) throw std::overflow_error("money amount out of range: " + fen.str() + " fen");
  return Money(fen);
}

std::int64_t Money::fen_int64() const {
  // In range by construction, and max_fen fits in int64.
  return fen_.convert_to<std::int64_t>();
}

Money Money::operator-() const { return Money(-fen_); }

Money& Money::operator+=(const Money& other) {
  *this = from_fen_integer(fen_ + other.fen_);
  return *this;
}

Money& Money::operator-=(const Money& other) {
  *this = from_fen_integer(fen_ - other.fen_);
  return *this;
}

std::string Money::to_plain_string() const {
  const FenInteger magnitude = fen_ < 0 ? FenInteger(-fen_) : fen_;
  const FenInteger yuan = magnitude / 100;
  const auto fen_part = (magnitude % 100).convert_to<int>();
  std::string text = fen_ < 0 ? "-" : "";
  text += yuan.str();
  text += '.';
  text += static_cast<char>('0' + fen_part / 10);
  text += static_cast<char>('0' + fen_part % 10);
  return text;
}

std::ostream& operator<<(std::ostream& stream, const Money& money) {
  return stream << money.to_plain_string();
}

}  // namespace jiangbu

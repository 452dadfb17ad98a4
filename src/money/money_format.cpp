#include "money/money_format.hpp"

#include <cstddef>

namespace jiangbu {

namespace {

constexpr int fen_per_yuan = 100;
constexpr int fen_per_wan = 1'000'000;  // 10,000 yuan
constexpr int wan_fraction_digits = 6;

std::string group_thousands(const std::string& digits) {
  std::string grouped;
  grouped.reserve(digits.size() + digits.size() / 3);
  for (std::size_t index = 0; index < digits.size(); ++index) {
    const std::size_t digits_left = digits.size() - index;
    if (index != 0 && digits_left % 3 == 0) grouped += ',';
    grouped += digits[index];
  }
  return grouped;
}

// Zero-padded to `width`, for the digits after the decimal point.
std::string padded_digits(int value, int width) {
  std::string digits(static_cast<std::size_t>(width), '0');
  for (int position = width - 1; position >= 0; --position) {
    digits[static_cast<std::size_t>(position)] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
  return digits;
}

FenInteger magnitude_fen(const Money& amount) {
  return amount.is_negative() ? FenInteger(-amount.fen()) : amount.fen();
}

}  // namespace

std::string format_yuan(const Money& amount) {
  const FenInteger magnitude = magnitude_fen(amount);
  const FenInteger yuan = magnitude / fen_per_yuan;
  const int fen_part = (magnitude % fen_per_yuan).convert_to<int>();
  std::string text = amount.is_negative() ? "-" : "";
  text += group_thousands(yuan.str());
  text += '.';
  text += padded_digits(fen_part, 2);
  return text;
}

std::string format_wan(const Money& amount) {
  const FenInteger magnitude = magnitude_fen(amount);
  const FenInteger whole_wan = magnitude / fen_per_wan;
  const int fraction_fen = (magnitude % fen_per_wan).convert_to<int>();
  std::string text = amount.is_negative() ? "-" : "";
  text += whole_wan.str();
  if (fraction_fen != 0) {
    std::string fraction = padded_digits(fraction_fen, wan_fraction_digits);
    fraction.erase(fraction.find_last_not_of('0') + 1);  // nonzero, so a digit remains
    text += '.';
    text += fraction;
  }
  text += "万元";
  return text;
}

}  // namespace jiangbu

#include "registry/uscc.hpp"

#include <array>
#include <cstdio>
#include <string>


namespace jiangbu {

namespace {

// GB 32100-2015 clause 5: weights W_i = 3^(i-1) mod 31 for positions 1..17.
constexpr std::array<int, 17> weights = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

int alphabet_value(char character) {
  const auto position = uscc_alphabet.find(character);
  return position == std::string_view::npos ? -1 : static_cast<int>(position);
}

}  // namespace

char uscc_check_character(std::string_view first_seventeen) {
  if (first_seventeen.size() != 17) return '\0';
  int sum = 0;
  for (std::size_t index = 0; index < 17; ++index) {
    const int value = alphabet_value(first_seventeen[index]);
    if (value < 0) return '\0';
    sum += value * weights[index];
  }
  return uscc_alphabet[static_cast<std::size_t>((31 - sum % 31) % 31)];
}

bool uscc_has_valid_shape(std::string_view code) {
  if (code.size() != 18) return false;
  for (const char character : code) {
    if (alphabet_value(character) < 0) return false;
  }
  return true;
}

Status validate_uscc(std::string_view code, std::string_view field, ReasonCode failure) {
  const std::string name(field);
  // Echo the input back without control bytes or anything past 40 bytes.
  std::string shown;
  for (const char character : code.substr(0, 40)) {
    const auto byte = static_cast<unsigned char>(character);
    shown += byte >= 0x20 && byte < 0x7F ? character : '?';
  }
  if (code.size() > 40) shown += "…";
  if (code.empty()) return make_error(ReasonCode::missing_field, "统一社会信用代码 is empty", name);
  if (code.size() != 18) {
    return make_error(failure,
                      "'" + shown + "' has " + std::to_string(code.size()) +
                          " characters; a 统一社会信用代码 has 18",
                      name);
  }
  for (std::size_t index = 0; index < code.size(); ++index) {
    if (alphabet_value(code[index]) < 0) {
      const unsigned char character = static_cast<unsigned char>(code[index]);
      char hex[8];
      std::snprintf(hex, sizeof hex, "0x%02X", character);
      const std::string shown_character =
          character >= 0x21 && character < 0x7F ? "'" + std::string(1, code[index]) + "'" : "byte " + std::string(hex);
      return make_error(failure,
                        "'" + shown + "' has " + shown_character + " at position " +
                            std::to_string(index + 1) +
                            ", outside the GB 32100-2015 alphabet (no I, O, Z, S, V or lower case)",
                        name);
    }
  }
  const char expected = uscc_check_character(code.substr(0, 17));
  if (code[17] != expected) {
    return make_error(failure,
                      "'" + shown + "' fails the GB 32100-2015 check: the 18th character should be '" +
                          std::string(1, expected) + "', not '" + std::string(1, code[17]) + "'",
                      name);
  }
  return success();
}

}  // namespace jiangbu

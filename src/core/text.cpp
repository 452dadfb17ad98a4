#include "core/text.hpp"

#include <string>

#include "core/reason_code.hpp"

namespace jiangbu {

namespace {


bool is_wide(char32_t code_point) {
  return (code_point >= 0x1100 && code_point <= 0x115F) ||
         (code_point >= 0x2E80 && code_point <= 0xA4CF) ||
         (code_point >= 0xAC00 && code_point <= 0xD7A3) ||
         (code_point >= 0xF900 && code_point <= 0xFAFF) ||
         (code_point >= 0xFE30 && code_point <= 0xFE4F) ||
         (code_point >= 0xFF00 && code_point <= 0xFF60) ||
         (code_point >= 0xFFE0 && code_point <= 0xFFE6) ||
         (code_point >= 0x20000 && code_point <= 0x3FFFD);
}

}  // namespace

std::size_t decode_utf8(std::string_view text, std::size_t index, char32_t& code_point) {
  const auto lead = static_cast<unsigned char>(text[index]);
  std::size_t length = 0;
  char32_t minimum = 0;
  if (lead < 0x80) {
    code_point = lead;
    return 1;
  } else if ((lead & 0xE0) == 0xC0) {
    length = 2, code_point = lead & 0x1F, minimum = 0x80;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3, code_point = lead & 0x0F, minimum = 0x800;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4, code_point = lead & 0x07, minimum = 0x10000;
  } else {
    return 0;
  }
  if (index + length > text.size()) return 0;
  for (std::size_t offset = 1; offset < length; ++offset) {
    const auto next = static_cast<unsigned char>(text[index + offset]);
    if ((next & 0xC0) != 0x80) return 0;
    code_point = (code_point << 6) | (next & 0x3F);
  }
  const bool surrogate = code_point >= 0xD800 && code_point <= 0xDFFF;
  if (code_point < minimum || code_point > 0x10FFFF || surrogate) return 0;
  return length;
}

bool is_valid_utf8(std::string_view text) {
  char32_t code_point = 0;
  for (std::size_t index = 0; index < text.size();) {
    const std::size_t length = decode_utf8(text, index, code_point);
    if (length == 0) return false;
    index += length;
  }
  return true;
}

Status validate_text(std::string_view text, std::string_view field, std::size_t bytes_max,
                     bool allow_empty) {
  const std::string field_name(field);
  if (text.empty()) {
    if (allow_empty) return success();
    return make_error(ReasonCode::missing_field, "is empty", field_name);
  }
  if (text.size() > bytes_max) {
    return make_error(ReasonCode::bad_text,
                      "is " + std::to_string(text.size()) + " bytes, more than the " +
                          std::to_string(bytes_max) + " allowed",
                      field_name);
  }
  char32_t code_point = 0;
  for (std::size_t index = 0; index < text.size();) {
    const std::size_t length = decode_utf8(text, index, code_point);
    if (length == 0) {
      return make_error(ReasonCode::bad_text,
                        "is not valid UTF-8 at byte " + std::to_string(index + 1), field_name);
    }
    if (code_point < 0x20 || code_point == 0x7F || (code_point >= 0x80 && code_point < 0xA0)) {
      return make_error(ReasonCode::bad_text,
                        "has a control character at byte " + std::to_string(index + 1), field_name);
    }
    index += length;
  }
  return success();
}

std::size_t display_width(std::string_view utf8_text) {
  std::size_t width = 0;
  char32_t code_point = 0;
  for (std::size_t index = 0; index < utf8_text.size();) {
    const std::size_t length = decode_utf8(utf8_text, index, code_point);
    if (length == 0) {
      ++width, ++index;  // an invalid byte shows as one replacement cell
      continue;
    }
    width += is_wide(code_point) ? 2 : 1;
    index += length;
  }
  return width;
}

void append_utf8(std::string& output, char32_t code_point) {
  if (code_point < 0x80) {
    output.push_back(static_cast<char>(code_point));
  } else if (code_point < 0x800) {
    output.push_back(static_cast<char>(0xC0 | (code_point >> 6)));
    output.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  } else if (code_point < 0x10000) {
    output.push_back(static_cast<char>(0xE0 | (code_point >> 12)));
    output.push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
    output.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  } else {
    output.push_back(static_cast<char>(0xF0 | (code_point >> 18)));
    output.push_back(static_cast<char>(0x80 | ((code_point >> 12) & 0x3F)));
    output.push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
    output.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  }
}

}  // namespace jiangbu

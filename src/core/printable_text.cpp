#include "core/printable_text.hpp"

#include <cstdio>

#include "core/text.hpp"

namespace jiangbu {

namespace {

constexpr std::size_t quoted_bytes_max = 64;

bool is_control(char32_t code_point) {
  return code_point < 0x20 || code_point == 0x7F || (code_point >= 0x80 && code_point < 0xA0);
}

void append_escaped_bytes(std::string& output, std::string_view bytes) {
  for (const char byte : bytes) {
    char escaped[5];
    std::snprintf(escaped, sizeof escaped, "\\x%02X", static_cast<unsigned>(static_cast<unsigned char>(byte)));
    output += escaped;
  }
}

}  // namespace

std::string printable_text(std::string_view text, std::size_t bytes_max) {
  std::string output;
  char32_t code_point = 0;
  // Each step consumes at least one byte, so text.size() steps bound the loop.
  for (std::size_t index = 0; index < text.size();) {
    std::size_t length = decode_utf8(text, index, code_point);
    std::string piece;
    if (length == 0) {
      length = 1;
      append_escaped_bytes(piece, text.substr(index, 1));
    } else if (is_control(code_point)) {
      append_escaped_bytes(piece, text.substr(index, length));
    } else {
      piece = std::string(text.substr(index, length));
    }
    if (output.size() + piece.size() > bytes_max) return output + "...";
    output += piece;
    index += length;
  }
  return output;
}

std::string quote_input(std::string_view text) { return "'" + printable_text(text, quoted_bytes_max) + "'"; }

}  // namespace jiangbu

#pragma once
// Free text that reaches the ledger (memos, names, references) must be valid
// UTF-8 without control characters and within a size bound, so that nothing
// printed later (reports, CSV, terminals) can be spoofed or broken by it.
#include <cstddef>
#include <string_view>

#include "core/result.hpp"

namespace jiangbu {

// Decodes the UTF-8 sequence at text[index] into code_point and returns its
// length in bytes; 0 when it is not valid UTF-8 (overlong forms, surrogates
// and code points above U+10FFFF included). index must be < text.size().
std::size_t decode_utf8(std::string_view text, std::size_t index, char32_t& code_point);

bool is_valid_utf8(std::string_view text);
// Appends one code point (at most U+10FFFF) as UTF-8.
void append_utf8(std::string& output, char32_t code_point);

Status validate_text(std::string_view text, std::string_view field, std::size_t bytes_max,
                     bool allow_empty = false);

// Display width on a terminal: CJK and full-width characters take two cells.
std::size_t display_width(std::string_view utf8_text);

}  // namespace jiangbu

#pragma once
// Text from outside (a form, a file, the command line) quoted back in a
// refusal, a log line or the exception register. Input that validate_text
// would refuse — control characters, invalid UTF-8, 100 KB — must not reach
// a terminal, a report or a PostgreSQL text column as it came: an escape
// sequence could rewrite the screen, invalid bytes or a NUL make PostgreSQL
// refuse the row, and an echo of 100 KB buries the message.
#include <cstddef>
#include <string>
#include <string_view>

namespace jiangbu {

// Valid UTF-8 without control characters, at most bytes_max bytes (plus the
// "..." that marks a cut): invalid bytes and control characters (C0, DEL, C1)
// become a visible \xNN, and a cut falls on a character boundary.
std::string printable_text(std::string_view text, std::size_t bytes_max);

// printable_text of at most 64 bytes in single quotes: how a refusal quotes
// what was submitted ("'2024-02-30' is not a date").
std::string quote_input(std::string_view text);

}  // namespace jiangbu

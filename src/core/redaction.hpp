#pragma once
// Masking of secrets and personal data before text reaches a log or an error
// message: passwords in connection strings, bank account numbers and
// resident id numbers.
#include <string>
#include <string_view>

namespace jiangbu {

// Hides passwords in "scheme://user:password@host" and "password=…" forms.
std::string redact_connection_text(std::string_view text);

// redact_connection_text, plus runs of 12 or more digits (optionally grouped
// by spaces or dashes: bank cards and accounts) and 18-character resident ids,
// all but their last four characters.
std::string redact_sensitive(std::string_view text);

}  // namespace jiangbu

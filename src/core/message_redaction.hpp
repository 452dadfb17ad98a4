#pragma once
// Masking for messages a person reads (the CLI's errors), as against logs
// (redaction.hpp): a refusal may quote what was typed, so passwords and the
// numbers that identify a person or an account are hidden there too, while
// the numbers a clerk needs to act on a refusal stay readable.
#include <string>
#include <string_view>

namespace jiangbu {

// redact_connection_text, plus digit runs that can only be a bank account or
// a resident id — 16 to 19 digits, or 17 digits and an X, standing alone —
// all but their last four characters. Invoice codes (10 or 12 digits) and
// 数电 invoice numbers (20 digits) stay, because a refusal must say which
// invoice it means.
std::string redact_message(std::string_view text);

}  // namespace jiangbu

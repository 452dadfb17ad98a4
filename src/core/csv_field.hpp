#pragma once
// One CSV field (RFC 4180), safe to open in a spreadsheet: used by every CSV
// the program writes (output tables, import results).
#include <string>

namespace jiangbu {

std::string csv_field(const std::string& text);

}  // namespace jiangbu

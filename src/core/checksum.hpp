#pragma once
#include <string>
#include <string_view>

namespace jiangbu {

// FNV-1a 64-bit as 16 hex digits: detects edits of stored files (migrations,
// policy snapshots); not a defence against a deliberate forger.
std::string fnv1a_64_hex(std::string_view text);

}  // namespace jiangbu

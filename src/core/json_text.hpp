#pragma once
// Writing JSON text by hand where a batch writes it a million times (the
// submission as received, the rows a PostgreSQL batch sends). The output is
// byte for byte what nlohmann::json's dump() (no indent, ensure_ascii off)
// writes for the same valid UTF-8 text, so that a submission stored before
// and one judged now compare equal on replay.
#include <string>
#include <string_view>

namespace jiangbu {

// Appends `text` as a JSON string (quoted, escaped). Returns false, appending
// nothing, when `text` is not valid UTF-8: the caller decides what to do
// with such bytes (nlohmann's replacement rules, for one).
bool append_json_string(std::string& out, std::string_view text);

}  // namespace jiangbu

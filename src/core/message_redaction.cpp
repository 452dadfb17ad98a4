#include "core/message_redaction.hpp"

#include <regex>

#include "core/masking.hpp"
#include "core/redaction.hpp"

namespace jiangbu {

std::string redact_message(std::string_view text) {
  // ECMAScript regex has no lookbehind: the character before a run is
  // matched in group 1 and copied back unchanged.
  static const std::regex personal_number(R"((^|[^0-9A-Za-z])(\d{15,18}[\dXx])(?![0-9A-Za-z]))");
  return mask_all_but_last_four(redact_connection_text(text), personal_number, 2);
}

}  // namespace jiangbu

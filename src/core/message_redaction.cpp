#include "core/message_redaction.hpp"

#include <regex>

#include "core/redaction.hpp"

namespace jiangbu {

std::string redact_message(std::string_view text) {
  // ECMAScript regex has no lookbehind: the character before a run is
  // matched in group 1 and copied back unchanged.
  static const std::regex personal_number(R"((^|[^0-9A-Za-z])(\d{15,18}[\dXx])(?![0-9A-Za-z]))");
  const std::string masked = redact_connection_text(text);
  std::string result;
  std::size_t copied = 0;
  for (auto match = std::sregex_iterator(masked.begin(), masked.end(), personal_number);
       match != std::sregex_iterator(); ++match) {
    const std::string number = (*match)[2].str();
    const auto position = static_cast<std::size_t>(match->position(2));
    result.append(masked, copied, position - copied);
    result += "****" + number.substr(number.size() - 4);
    copied = position + number.size();
  }
  result.append(masked, copied);
  return result;
}

}  // namespace jiangbu

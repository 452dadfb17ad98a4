#include "core/redaction.hpp"

#include <regex>

namespace jiangbu {

std::string redact_connection_text(std::string_view text) {
  static const std::regex uri_password(R"((://[^:/@\s]*):[^@\s]*@)");
  static const std::regex keyword_password(R"((password\s*=\s*)('[^']*'|[^\s&]*))",
                                           std::regex::icase);
  const std::string redacted = std::regex_replace(std::string(text), uri_password, "$1:***@");
  return std::regex_replace(redacted, keyword_password, "$1***");
}

std::string redact_sensitive(std::string_view text) {
  static const std::regex long_digits(R"(\d(?:[ -]?\d){10,}[\dXx]|\d{17}[Xx])");
  const std::string masked = redact_connection_text(text);
  std::string result;
  std::size_t copied = 0;
  for (auto match = std::sregex_iterator(masked.begin(), masked.end(), long_digits);
       match != std::sregex_iterator(); ++match) {
    const std::string found = match->str();
    const auto position = static_cast<std::size_t>(match->position());
    result.append(masked, copied, position - copied);
    result += "****" + found.substr(found.size() - 4);
    copied = position + found.size();
  }
  result.append(masked, copied);
  return result;
}

}  // namespace jiangbu

#include "core/redaction.hpp"

#include <regex>

#include "core/masking.hpp"

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
  return mask_all_but_last_four(redact_connection_text(text), long_digits, 0);
}

}  // namespace jiangbu

#include "core/csv_field.hpp"

namespace jiangbu {

std::string csv_field(const std::string& text) {
  // Quote anything a spreadsheet could misread; a leading = + - @ would be
  // taken as a formula (CSV injection), so such text gets a leading quote mark.
  const bool formula_like = !text.empty() && (text[0] == '=' || text[0] == '+' ||
                                              text[0] == '@' || (text[0] == '-' &&
                                              text.find_first_not_of("-0123456789.,") != std::string::npos));
  const std::string body = formula_like ? "'" + text : text;
  if (body.find_first_of(",\"\r\n") == std::string::npos) return body;
  std::string quoted = "\"";
  for (const char character : body) {
    if (character == '"') quoted += '"';
    quoted += character;
  }
  return quoted + "\"";
}

}  // namespace jiangbu

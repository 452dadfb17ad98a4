#pragma once
// The one masking loop behind redaction.cpp and message_redaction.cpp: every
// match of a pattern (or of one capture group of it) is replaced by "****"
// and its last four characters, everything else is copied unchanged.
#include <regex>
#include <string>

namespace jiangbu {

inline std::string mask_all_but_last_four(const std::string& text, const std::regex& pattern, int group) {
  std::string result;
  std::size_t copied = 0;
  for (auto match = std::sregex_iterator(text.begin(), text.end(), pattern); match != std::sregex_iterator();
       ++match) {
    const std::string found = (*match)[group].str();
    const auto position = static_cast<std::size_t>(match->position(group));
    result.append(text, copied, position - copied);
    result += "****" + found.substr(found.size() - 4);
    copied = position + found.size();
  }
  result.append(text, copied);
  return result;
}

}  // namespace jiangbu

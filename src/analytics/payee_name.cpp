#include "analytics/payee_name.hpp"

#include <algorithm>
#include <vector>

#include "core/text.hpp"

namespace jiangbu {

namespace {

bool is_separator(char32_t code_point) {
  if (code_point <= 0x7F) {
    return code_point <= 0x20 || code_point == 0x7F ||
           (code_point >= 0x21 && code_point <= 0x2F) || (code_point >= 0x3A && code_point <= 0x40) ||
           (code_point >= 0x5B && code_point <= 0x60) || (code_point >= 0x7B && code_point <= 0x7E);
  }
  return code_point == 0xA0 || code_point == 0xB7 ||          // no-break space, middle dot
         (code_point >= 0x2000 && code_point <= 0x206F) ||    // general punctuation, quotes, dashes
         (code_point >= 0x3000 && code_point <= 0x303F) ||    // CJK symbols: 、。〈〉《》「」【】
         code_point == 0x30FB ||                              // katakana middle dot ・
         (code_point >= 0xFE30 && code_point <= 0xFE4F) ||    // CJK compatibility forms
         (code_point >= 0xFE50 && code_point <= 0xFE6F);      // small form variants
}

char32_t fold(char32_t code_point) {
  if (code_point >= 0xFF01 && code_point <= 0xFF5E) code_point -= 0xFEE0;  // full-width ASCII
  if (code_point == 0x3000) code_point = 0x20;
  if (code_point >= U'a' && code_point <= U'z') code_point -= 0x20;
  return code_point;
}

}  // namespace

std::u32string to_code_points(std::string_view utf8_text) {
  std::u32string result;
  result.reserve(utf8_text.size());
  std::size_t index = 0;
  while (index < utf8_text.size()) {
    char32_t code_point = 0;
    const std::size_t length = decode_utf8(utf8_text, index, code_point);
    if (length == 0) {
      // An invalid byte keeps its own value in a private range: it still counts.
      result.push_back(0xF0000 + static_cast<unsigned char>(utf8_text[index]));
      ++index;
      continue;
    }
    result.push_back(code_point);
    index += length;
  }
  return result;
}

std::string to_utf8(std::u32string_view code_points) {
  std::string result;
  for (char32_t point : code_points) {
    if (point >= 0xF0000 && point <= 0xF00FF) {
      result.push_back(static_cast<char>(point - 0xF0000));
    } else {
      append_utf8(result, point);
    }
  }
  return result;
}

std::vector<std::u32string> to_code_point_suffixes(const std::vector<std::string>& suffixes) {
  std::vector<std::u32string> result;
  for (const auto& suffix : suffixes) result.push_back(normalise_payee_name(suffix, {}));
  // Longest first, so "有限责任公司" wins over "公司".
  std::stable_sort(result.begin(), result.end(),
                   [](const std::u32string& left, const std::u32string& right) { return left.size() > right.size(); });
  return result;
}

std::u32string normalise_payee_name(std::string_view name, const std::vector<std::u32string>& suffixes) {
  std::u32string result;
  for (char32_t point : to_code_points(name)) {
    point = fold(point);
    if (!is_separator(point)) result.push_back(point);
  }
  for (const auto& suffix : suffixes) {
    if (!suffix.empty() && result.size() > suffix.size() && result.ends_with(suffix)) {
      result.resize(result.size() - suffix.size());
      break;
    }
  }
  return result;
}

int edit_distance_within(std::u32string_view left, std::u32string_view right, int limit) {
  const int left_size = static_cast<int>(left.size());
  const int right_size = static_cast<int>(right.size());
  if (std::abs(left_size - right_size) > limit) return limit + 1;
  constexpr int far = 1 << 20;
  std::vector<int> previous(static_cast<std::size_t>(right_size) + 1, far);
  std::vector<int> current(previous.size(), far);
  for (int column = 0; column <= std::min(right_size, limit); ++column) previous[static_cast<std::size_t>(column)] = column;
  for (int row = 1; row <= left_size; ++row) {
    std::fill(current.begin(), current.end(), far);
    const int first = std::max(1, row - limit);
    const int last = std::min(right_size, row + limit);
    if (row <= limit) current[0] = row;
    int best = current[0];
    for (int column = first; column <= last; ++column) {
      const auto at = static_cast<std::size_t>(column);
      const int substitution = previous[at - 1] + (left[static_cast<std::size_t>(row - 1)] == right[at - 1] ? 0 : 1);
      current[at] = std::min({substitution, previous[at] + 1, current[at - 1] + 1});
      best = std::min(best, current[at]);
    }
    if (best > limit) return limit + 1;
    std::swap(previous, current);
  }
  return std::min(previous[static_cast<std::size_t>(right_size)], limit + 1);
}

}  // namespace jiangbu

#pragma once
// Payee names as the near-duplicate test compares them. Clerks type the same
// company as "西安曲江会展服务有限公司", "西安曲江会展服务有限责任公司" and
// "西安曲江会展服务 有限公司（分）"; fake vendors hide behind names one
// character away from a real one. Names are compared as Unicode code points,
// so a Chinese character counts as one.
#include <string>
#include <string_view>
#include <vector>

namespace jiangbu {

// The comparable form: full-width ASCII folded to ASCII, Latin letters
// upper-cased, whitespace and punctuation (ASCII, CJK and full-width) removed,
// then the longest matching company-form suffix ("有限责任公司", …) dropped
// once. Invalid UTF-8 bytes are kept as they are, so nothing vanishes.
std::u32string normalise_payee_name(std::string_view name, const std::vector<std::u32string>& suffixes);
std::vector<std::u32string> to_code_point_suffixes(const std::vector<std::string>& suffixes);

std::u32string to_code_points(std::string_view utf8_text);
std::string to_utf8(std::u32string_view code_points);

// Levenshtein distance, or limit + 1 as soon as it must exceed limit
// (banded, so comparing long names stays cheap).
int edit_distance_within(std::u32string_view left, std::u32string_view right, int limit);

}  // namespace jiangbu

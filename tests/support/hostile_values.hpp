#pragma once
// The hostile-input catalogue: text an attacker, a broken export or a
// careless paste can put into any field. Shared by the unit tests (parsers,
// policy and analytics files) and the store tests (every path that writes).
#include <string>
#include <vector>

namespace jiangbu::testing {

enum class HostileKind {
  injection,    // SQL-injection strings: odd but valid text
  numberish,    // 1e30, -0, NaN…: valid text, never a valid amount
  dateish,      // 2024-02-30, 0000-01-01…: valid text, never a valid date here
  control,      // NUL, ESC, CR in the middle…: refused everywhere
  invalid_utf8, // overlong forms, lone continuation bytes, surrogates: refused everywhere
  over_long,    // 100 KB: refused everywhere
};

struct HostileValue {
  std::string label;
  std::string text;
  HostileKind kind;
};

// Text that a free-text field (a name, a memo, a description) must take
// verbatim: it harms nothing because every statement binds its values.
inline bool is_valid_free_text(HostileKind kind) {
  return kind == HostileKind::injection || kind == HostileKind::numberish || kind == HostileKind::dateish;
}

inline const std::vector<HostileValue>& hostile_values() {
  using namespace std::string_literals;
  static const std::vector<HostileValue> values = {
      {"drop-table", "'; DROP TABLE expenditures; --", HostileKind::injection},
      {"or-true", "' OR '1'='1", HostileKind::injection},
      {"delete-units", "\"); DELETE FROM units; --", HostileKind::injection},
      {"pg-sleep", "1; SELECT pg_sleep(5)", HostileKind::injection},
      {"comment-quote", "x' /* */ UNION SELECT password FROM pg_shadow --", HostileKind::injection},
      {"exponent", "1e30", HostileKind::numberish},
      {"negative-zero", "-0", HostileKind::numberish},
      {"nan", "NaN", HostileKind::numberish},
      {"infinity", "Infinity", HostileKind::numberish},
      {"hex", "0x1F", HostileKind::numberish},
      {"february-30", "2024-02-30", HostileKind::dateish},
      {"year-zero", "0000-01-01", HostileKind::dateish},
      {"far-past", "1066-10-14", HostileKind::dateish},
      {"far-future", "99999-01-01", HostileKind::dateish},
      {"year-9999", "9999-12-31", HostileKind::dateish},
      {"month-13", "2024-13-01", HostileKind::dateish},
      {"nul", "abc\0def"s, HostileKind::control},
      {"escape", "red\x1b[31m alert", HostileKind::control},
      {"carriage-return", "first\rsecond", HostileKind::control},
      {"line-feed", "first\nsecond", HostileKind::control},
      {"delete-char", "a\x7f", HostileKind::control},
      {"c1-next-line", "a\xc2\x85z", HostileKind::control},
      {"overlong-slash", "a\xc0\xafz", HostileKind::invalid_utf8},
      {"overlong-three", "\xe0\x80\xaf", HostileKind::invalid_utf8},
      {"lone-continuation", "a\x80z", HostileKind::invalid_utf8},
      {"surrogate", "\xed\xa0\x80", HostileKind::invalid_utf8},
      {"above-max", "\xf4\x90\x80\x80", HostileKind::invalid_utf8},
      {"truncated", "中\xe4\xb8", HostileKind::invalid_utf8},
      {"byte-ff", "\xff\xfe", HostileKind::invalid_utf8},
      {"100-kb-ascii", std::string(100 * 1024, 'a'), HostileKind::over_long},
      {"100-kb-chinese", [] {
         std::string text;
         for (int index = 0; index < 100 * 1024 / 3; ++index) text += "奖";
         return text;
       }(), HostileKind::over_long},
  };
  return values;
}

}  // namespace jiangbu::testing

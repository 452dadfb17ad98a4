// The hostile-input catalogue (support/hostile_values.hpp) through the paths
// that need no database: amounts, dates, USCCs, policy files and the
// analytics parameter file. Structured values refuse everything in the
// catalogue; free text (a policy's title) takes injection strings and the
// like verbatim and refuses control characters, invalid UTF-8 and over-long
// text. Every refusal has a code, names its field, and has a printable
// message of bounded size. The paths that write are in
// tests/store/hostile_input_test.cpp, on both backends.
#include <cstdio>
#include <string>

#include <gtest/gtest.h>

#include "analytics/analytics_config.hpp"
#include "core/date.hpp"
#include "core/embedded_files.hpp"
#include "core/printable_text.hpp"
#include "core/text.hpp"
#include "money/money_parse.hpp"
#include "policy/policy_loader.hpp"
#include "registry/uscc.hpp"
#include "support/hostile_values.hpp"

namespace jiangbu {
namespace {

using testing::hostile_values;
using testing::HostileKind;
using testing::HostileValue;
using testing::is_valid_free_text;

void expect_printable(const Error& error, const HostileValue& value) {
  EXPECT_FALSE(error.code.empty()) << value.label;
  EXPECT_TRUE(validate_text(error.message, "message", 2000).ok())
      << value.label << ": the message is not printable UTF-8 of at most 2000 bytes (" << error.message.size()
      << " bytes)";
}

// A TOML basic string holding text: quotes and backslashes escaped, control
// characters as \uXXXX (so the loader sees them decoded); other bytes raw,
// so invalid UTF-8 reaches toml++'s own check.
std::string toml_string(const std::string& text) {
  std::string quoted = "\"";
  for (const char character : text) {
    const auto byte = static_cast<unsigned char>(character);
    if (character == '"' || character == '\\') {
      quoted += '\\';
      quoted += character;
    } else if (byte < 0x20 || byte == 0x7f) {
      char escape[8];
      std::snprintf(escape, sizeof escape, "\\u%04X", byte);
      quoted += escape;
    } else {
      quoted += character;
    }
  }
  return quoted + "\"";
}

std::string bundled_policy_text() {
  const auto text = find_embedded_file("accounts/policies/xixian-2024.toml");
  EXPECT_TRUE(text.has_value());
  return std::string(text.value_or(""));
}

std::string replace_once(std::string text, const std::string& from, const std::string& to) {
  const auto position = text.find(from);
  EXPECT_NE(position, std::string::npos) << from;
  if (position != std::string::npos) text.replace(position, from.size(), to);
  return text;
}

TEST(HostileInput, QuotedInputIsPrintableAndBounded) {
  using namespace std::string_literals;
  EXPECT_EQ(quote_input("2024-02-30"), "'2024-02-30'");
  EXPECT_EQ(quote_input("贰拾万元整"), "'贰拾万元整'");
  EXPECT_EQ(quote_input("a\0b"s), "'a\\x00b'");
  EXPECT_EQ(quote_input("red\x1b[31m"), "'red\\x1B[31m'");
  EXPECT_EQ(quote_input("a\xc0\xafz"), "'a\\xC0\\xAFz'");
  EXPECT_EQ(quote_input("a\xc2\x85z"), "'a\\xC2\\x85z'");  // C1 control NEL
  for (const auto& value : hostile_values()) {
    const std::string quoted = quote_input(value.text);
    EXPECT_TRUE(validate_text(quoted, "quoted", 64 + 5).ok()) << value.label << ": " << quoted;
  }
  // Cut on a character boundary, never inside 奖.
  EXPECT_TRUE(is_valid_utf8(printable_text(std::string(30, 'a') + "奖奖奖奖奖奖奖奖奖奖奖奖", 40)));
}

TEST(HostileInput, AmountsRefuseTheWholeCatalogue) {
  for (const auto& value : hostile_values()) {
    for (const auto policy : {SignPolicy::unsigned_only, SignPolicy::allow_negative}) {
      const auto parsed = parse_money(value.text, policy);
      ASSERT_FALSE(parsed.ok()) << value.label << " parsed as " << parsed.value().to_plain_string();
      EXPECT_TRUE(parsed.error().code == "bad-amount" || parsed.error().code == "missing-field") << value.label;
      expect_printable(parsed.error(), value);
    }
  }
}

TEST(HostileInput, DatesAndUsccsRefuseTheWholeCatalogue) {
  for (const auto& value : hostile_values()) {
    const auto date = Date::parse(value.text);
    ASSERT_FALSE(date.ok()) << value.label << " parsed as " << date.value().to_string();
    EXPECT_EQ(date.error().code, "bad-date") << value.label;
    expect_printable(date.error(), value);
    const auto uscc = validate_uscc(value.text, "payee_uscc");
    ASSERT_FALSE(uscc.ok()) << value.label;
    EXPECT_EQ(uscc.error().field, "payee_uscc") << value.label;
    expect_printable(uscc.error(), value);
  }
}

TEST(HostileInput, PolicyFilesTakeOddTitlesVerbatimAndRefuseTheRest) {
  const std::string original = bundled_policy_text();
  const std::string title = "value = \"西咸新区劳务品牌培育工程实施方案\"";
  const std::string amount = "national = { amount = \"30万\"";
  for (const auto& value : hostile_values()) {
    const auto titled = parse_policy(replace_once(original, title, "value = " + toml_string(value.text)),
                                     "accounts/policies/xixian-2024.toml");
    if (is_valid_free_text(value.kind)) {
      ASSERT_TRUE(titled.ok()) << value.label << ": " << titled.error().message;
      EXPECT_EQ(titled.value().title, value.text) << value.label;
    } else {
      ASSERT_FALSE(titled.ok()) << value.label;
      EXPECT_EQ(titled.error().code, "bad-policy") << value.label;
      EXPECT_NE(titled.error().message.find("xixian-2024.toml"), std::string::npos) << titled.error().message;
      expect_printable(titled.error(), value);
    }
    const auto priced = parse_policy(replace_once(original, amount, "national = { amount = " + toml_string(value.text)),
                                     "accounts/policies/xixian-2024.toml");
    ASSERT_FALSE(priced.ok()) << value.label;
    EXPECT_EQ(priced.error().code, "bad-policy") << value.label;
    expect_printable(priced.error(), value);
  }
}

TEST(HostileInput, AnalyticsParametersRefuseTheWholeCatalogue) {
  for (const auto& value : hostile_values()) {
    const auto config =
        AnalyticsConfig::overlay("[split_payments]\nthreshold = " + toml_string(value.text) + "\n", "mine.toml");
    ASSERT_FALSE(config.ok()) << value.label;
    EXPECT_EQ(config.error().code, "bad-analytics-config") << value.label;
    expect_printable(config.error(), value);
  }
}

}  // namespace
}  // namespace jiangbu

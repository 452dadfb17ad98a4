// Dates, text validation, redaction, and the CLI's output formats.
#include <sstream>

#include <gtest/gtest.h>

#include "cli/output.hpp"
#include "core/date.hpp"
#include "core/redaction.hpp"
#include "core/text.hpp"

namespace jiangbu {
namespace {

TEST(DateTest, ParsesStrictIsoDates) {
  EXPECT_EQ(Date::parse("2024-02-29").value().to_string(), "2024-02-29");
  EXPECT_EQ(Date::parse("2024-02-29").value().plus_days(1).to_string(), "2024-03-01");
  EXPECT_LT(Date::parse("2023-12-31").value(), Date::parse("2024-01-01").value());
}

TEST(DateTest, RefusesImpossibleAndMalformedDates) {
  for (const char* text : {"2024-02-30", "2023-02-29", "2024-13-01", "2024-00-10", "2024-1-1",
                           "20240101", "2024/01/01", "2024-01-01T00", " 2024-01-01", "0001-01-01",
                           "9999-12-31", "２０２４-01-01", "abcd-ef-gh"}) {
    const auto date = Date::parse(text);
    ASSERT_FALSE(date.ok()) << text;
    EXPECT_EQ(date.error().code, "bad-date") << text;
  }
  EXPECT_EQ(Date::parse("").error().code, "missing-field");
}

TEST(TextTest, ValidatesUtf8ControlCharactersAndLength) {
  EXPECT_TRUE(validate_text("綦江区劳务品牌", "name", 100).ok());
  EXPECT_EQ(validate_text("", "name", 100).error().code, "missing-field");
  EXPECT_TRUE(validate_text("", "name", 100, true).ok());
  EXPECT_EQ(validate_text("a\tb", "name", 100).error().code, "bad-text");
  EXPECT_EQ(validate_text("a\x7f", "name", 100).error().code, "bad-text");
  EXPECT_EQ(validate_text("\xc3\x28", "name", 100).error().code, "bad-text");       // bad continuation
  EXPECT_EQ(validate_text("\xed\xa0\x80", "name", 100).error().code, "bad-text");   // surrogate
  EXPECT_EQ(validate_text("\xc0\xaf", "name", 100).error().code, "bad-text");       // overlong
  EXPECT_EQ(validate_text(std::string(101, 'a'), "name", 100).error().code, "bad-text");
  EXPECT_EQ(validate_text("\xe2\x80\xae", "name", 100).ok(), true);  // RLO is printable, allowed
  EXPECT_EQ(validate_text("x", "memo", 10).ok(), true);
  EXPECT_EQ(validate_text("a\nb", "memo", 10).error().field, "memo");
}

TEST(TextTest, DisplayWidthCountsChineseAsTwoCells) {
  EXPECT_EQ(display_width("abc"), 3u);
  EXPECT_EQ(display_width("财政局"), 6u);
  EXPECT_EQ(display_width("记-2024"), 7u);
  EXPECT_EQ(display_width("（总额法）"), 10u);
}

TEST(RedactionTest, MasksPasswordsAccountNumbersAndIds) {
  const std::string masked = redact_sensitive(
      "connect postgresql://clerk:pa55@db/x card 6222 0202 0000 1234 567 id 11010519491231002X "
      "account 6217000010001234567 amount 200000.00 voucher 记-2024-000001");
  EXPECT_EQ(masked.find("pa55"), std::string::npos) << masked;
  EXPECT_EQ(masked.find("6222 0202"), std::string::npos) << masked;
  EXPECT_EQ(masked.find("110105"), std::string::npos) << masked;
  EXPECT_EQ(masked.find("62170000"), std::string::npos) << masked;
  EXPECT_NE(masked.find("****002X"), std::string::npos) << masked;
  EXPECT_NE(masked.find("200000.00"), std::string::npos) << masked;
  EXPECT_NE(masked.find("记-2024-000001"), std::string::npos) << masked;
  EXPECT_EQ(redact_connection_text("host=h password='a b' user=u").find("a b"), std::string::npos);
}

TEST(OutputTest, TableAlignsChineseAndGroupsMoney) {
  Table table{{{"name", "名称"}, {"amount", "金额", ColumnKind::money}}, {}};
  table.add_row({"财政局", "200000.00"});
  table.add_row({"unit", "-5.10"});
  std::ostringstream out;
  render(out, table, OutputFormat::table);
  EXPECT_EQ(out.str(),
            "名称    金额\n"
            "------  ----------\n"
            "财政局  200,000.00\n"
            "unit         -5.10\n");
}

TEST(OutputTest, CsvQuotesAndDefusesFormulas) {
  Table table{{{"memo", "摘要"}, {"amount", "金额", ColumnKind::money}}, {}};
  table.add_row({"a,b \"q\"", "1234.50"});
  table.add_row({"=HYPERLINK(\"x\")", "-1.00"});
  std::ostringstream out;
  render(out, table, OutputFormat::csv);
  EXPECT_EQ(out.str(),
            "memo,amount\r\n"
            "\"a,b \"\"q\"\"\",1234.50\r\n"
            "\"'=HYPERLINK(\"\"x\"\")\",-1.00\r\n");
}

TEST(OutputTest, JsonKeepsAmountsAsStrings) {
  Table table{{{"amount", "金额", ColumnKind::money}}, {}};
  table.add_row({"0.10"});
  std::ostringstream out;
  render(out, table, OutputFormat::json);
  EXPECT_EQ(out.str(), "[\n  {\n    \"amount\": \"0.10\"\n  }\n]\n");
}

TEST(OutputTest, GroupThousands) {
  EXPECT_EQ(group_thousands("0.00"), "0.00");
  EXPECT_EQ(group_thousands("999.99"), "999.99");
  EXPECT_EQ(group_thousands("1000.00"), "1,000.00");
  EXPECT_EQ(group_thousands("-1234567.80"), "-1,234,567.80");
  EXPECT_EQ(group_thousands(""), "");
  EXPECT_EQ(group_thousands("abc"), "abc");
}

}  // namespace
}  // namespace jiangbu

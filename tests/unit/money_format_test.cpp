// format_yuan and format_wan: exact renderings, checked digit for digit.
#include "money/money_format.hpp"

#include <gtest/gtest.h>

#include "money/money_parse.hpp"

namespace {

using jiangbu::format_wan;
using jiangbu::format_yuan;
using jiangbu::Money;

TEST(FormatYuan, GroupsThousands) { EXPECT_EQ(format_yuan(Money::from_yuan(200'000)), "200,000.00"); }
TEST(FormatYuan, Negative) { EXPECT_EQ(format_yuan(Money::from_fen(-123'456)), "-1,234.56"); }
TEST(FormatYuan, Zero) { EXPECT_EQ(format_yuan(Money()), "0.00"); }
TEST(FormatYuan, OneFen) { EXPECT_EQ(format_yuan(Money::from_fen(1)), "0.01"); }
TEST(FormatYuan, NegativeOneFen) { EXPECT_EQ(format_yuan(Money::from_fen(-1)), "-0.01"); }
TEST(FormatYuan, TenFen) { EXPECT_EQ(format_yuan(Money::from_fen(10)), "0.10"); }
TEST(FormatYuan, NoSeparatorBelowOneThousand) { EXPECT_EQ(format_yuan(Money::from_fen(99'999)), "999.99"); }
TEST(FormatYuan, SeparatorAtOneThousand) { EXPECT_EQ(format_yuan(Money::from_yuan(1'000)), "1,000.00"); }
TEST(FormatYuan, SixDigits) { EXPECT_EQ(format_yuan(Money::from_fen(12'345'678)), "123,456.78"); }
TEST(FormatYuan, SevenDigits) { EXPECT_EQ(format_yuan(Money::from_yuan(1'000'000)), "1,000,000.00"); }
TEST(FormatYuan, Largest) { EXPECT_EQ(format_yuan(Money::from_fen(Money::max_fen)), "9,999,999,999,999,999.99"); }
TEST(FormatYuan, LargestNegative) {
  EXPECT_EQ(format_yuan(Money::from_fen(-Money::max_fen)), "-9,999,999,999,999,999.99");
}
TEST(FormatYuan, ReadsBack) {
  const Money amount = Money::from_fen(-987'654'321);
  const auto parsed = jiangbu::parse_money(format_yuan(amount), jiangbu::SignPolicy::allow_negative);
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed.value(), amount);
}

TEST(FormatWan, Whole) { EXPECT_EQ(format_wan(Money::from_yuan(200'000)), "20万元"); }
TEST(FormatWan, OneDecimal) { EXPECT_EQ(format_wan(Money::from_yuan(125'000)), "12.5万元"); }
TEST(FormatWan, SixDecimals) { EXPECT_EQ(format_wan(Money::from_fen(12'345'678)), "12.345678万元"); }
TEST(FormatWan, Zero) { EXPECT_EQ(format_wan(Money()), "0万元"); }
TEST(FormatWan, Negative) { EXPECT_EQ(format_wan(Money::from_yuan(-125'000)), "-12.5万元"); }
TEST(FormatWan, OneFen) { EXPECT_EQ(format_wan(Money::from_fen(1)), "0.000001万元"); }
TEST(FormatWan, InnerZerosKept) { EXPECT_EQ(format_wan(Money::from_fen(10'010'000)), "10.01万元"); }
TEST(FormatWan, BelowOneWan) { EXPECT_EQ(format_wan(Money::from_yuan(5'000)), "0.5万元"); }
TEST(FormatWan, Largest) { EXPECT_EQ(format_wan(Money::from_fen(Money::max_fen)), "999999999999.999999万元"); }
TEST(FormatWan, ReadsBack) {
  const Money amount = Money::from_fen(12'345'678);
  const auto parsed = jiangbu::parse_money(format_wan(amount));
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed.value(), amount);
}

}  // namespace

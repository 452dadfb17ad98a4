// parse_money: every accepted form from the brief with its exact fen value,
// and a bad twin of each with the reason it is refused.
#include "money/money_parse.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace {

using jiangbu::Money;
using jiangbu::parse_money;
using jiangbu::SignPolicy;

::testing::AssertionResult parses_to(std::string_view text, std::int64_t expected_fen,
                                     SignPolicy policy = SignPolicy::unsigned_only) {
  const auto result = parse_money(text, policy);
  if (!result.ok()) {
    return ::testing::AssertionFailure() << "'" << text << "' refused: " << result.error().message;
  }
  if (result.value() != Money::from_fen(expected_fen)) {
    return ::testing::AssertionFailure() << "'" << text << "' read as " << result.value() << " fen value "
                                         << result.value().fen() << ", expected " << expected_fen;
  }
  return ::testing::AssertionSuccess();
}

// A refusal must carry the code, name the offending text and say why.
::testing::AssertionResult refused(std::string_view text, std::string_view reason,
                                   SignPolicy policy = SignPolicy::unsigned_only,
                                   std::string_view code = "bad-amount") {
  const auto result = parse_money(text, policy);
  if (result.ok()) {
    return ::testing::AssertionFailure() << "'" << text << "' accepted as " << result.value();
  }
  const jiangbu::Error& error = result.error();
  if (error.code != code) {
    return ::testing::AssertionFailure() << "'" << text << "' code " << error.code << ", expected " << code;
  }
  if (error.message.find(reason) == std::string::npos) {
    return ::testing::AssertionFailure() << "'" << text << "' message '" << error.message
                                         << "' does not mention '" << reason << "'";
  }
  // Long texts are quoted cut short, at a character boundary.
  if (code == "bad-amount" && error.message.find(std::string(text.substr(0, 30))) == std::string::npos) {
    return ::testing::AssertionFailure() << "message '" << error.message << "' does not quote the text";
  }
  return ::testing::AssertionSuccess();
}

// ---- plain digits and decimals

TEST(ParseMoney, WholeYuan) { EXPECT_TRUE(parses_to("1234", 123400)); }
TEST(ParseMoney, WholeYuanBadTwinWithLetter) { EXPECT_TRUE(refused("1234a", "unexpected character 'a'")); }

TEST(ParseMoney, OneDecimal) { EXPECT_TRUE(parses_to("1234.5", 123450)); }
TEST(ParseMoney, OneDecimalBadTwinThreeDecimals) {
  EXPECT_TRUE(refused("1234.567", "more than two decimal places"));
}
TEST(ParseMoney, ThreeDecimalsRefusedEvenWhenTrailingZero) {
  EXPECT_TRUE(refused("1234.500", "more than two decimal places"));
}

TEST(ParseMoney, TwoDecimals) { EXPECT_TRUE(parses_to("0.01", 1)); }
TEST(ParseMoney, Zero) { EXPECT_TRUE(parses_to("0", 0)); }
TEST(ParseMoney, ZeroWithDecimals) { EXPECT_TRUE(parses_to("0.50", 50)); }
TEST(ParseMoney, LeadingZeroRefused) { EXPECT_TRUE(refused("007", "leading zero")); }
TEST(ParseMoney, LeadingZeroBeforeSeparatorRefused) { EXPECT_TRUE(refused("0,123", "leading zero")); }

// ---- thousands separators

TEST(ParseMoney, ThousandsSeparator) { EXPECT_TRUE(parses_to("1,234.56", 123456)); }
TEST(ParseMoney, ThousandsSeparatorBadTwinTwoDigitGroup) {
  EXPECT_TRUE(refused("12,34.56", "misplaced thousands separator"));
}
TEST(ParseMoney, ManyGroups) { EXPECT_TRUE(parses_to("1,234,567.89", 123456789)); }
TEST(ParseMoney, FourDigitGroupRefused) { EXPECT_TRUE(refused("1,2345", "misplaced thousands separator")); }
TEST(ParseMoney, LeadingSeparatorRefused) { EXPECT_TRUE(refused(",123", "misplaced thousands separator")); }
TEST(ParseMoney, TrailingSeparatorRefused) { EXPECT_TRUE(refused("123,", "misplaced thousands separator")); }
TEST(ParseMoney, DoubleSeparatorRefused) { EXPECT_TRUE(refused("1,,234", "misplaced thousands separator")); }
TEST(ParseMoney, FirstGroupOfFourRefused) { EXPECT_TRUE(refused("1234,567", "misplaced thousands separator")); }
TEST(ParseMoney, SeparatorAfterPointRefused) {
  EXPECT_TRUE(refused("1,234.5,6", "thousands separator after the decimal point"));
}

// ---- currency signs and 元

TEST(ParseMoney, YuanSign) { EXPECT_TRUE(parses_to("¥1,234.56", 123456)); }
TEST(ParseMoney, YuanSignBadTwinRepeated) { EXPECT_TRUE(refused("¥¥1,234.56", "more than one currency sign")); }
TEST(ParseMoney, FullWidthYuanSign) { EXPECT_TRUE(parses_to("￥1,234.56", 123456)); }
TEST(ParseMoney, FullWidthYuanSignBadTwinMixed) {
  EXPECT_TRUE(refused("￥¥1,234.56", "more than one currency sign"));
}
TEST(ParseMoney, RenminbiPrefix) { EXPECT_TRUE(parses_to("人民币1,234.56", 123456)); }
TEST(ParseMoney, YuanSignAfterNumberRefused) { EXPECT_TRUE(refused("1,234.56¥", "non-ASCII")); }
TEST(ParseMoney, TrailingYuan) { EXPECT_TRUE(parses_to("1,234.56元", 123456)); }
TEST(ParseMoney, TrailingYuanBadTwinRepeated) { EXPECT_TRUE(refused("1,234.56元元", "repeated unit")); }
TEST(ParseMoney, SignAndUnitTogether) { EXPECT_TRUE(parses_to("¥1,234.56元", 123456)); }
TEST(ParseMoney, CurrencySignWithoutDigitsRefused) { EXPECT_TRUE(refused("¥", "no digits")); }
TEST(ParseMoney, UnitWithoutDigitsRefused) { EXPECT_TRUE(refused("元", "no digits")); }

// ---- 万

TEST(ParseMoney, Wan) { EXPECT_TRUE(parses_to("20万", 20'000'000)); }
TEST(ParseMoney, WanBadTwinRepeated) { EXPECT_TRUE(refused("20万万", "repeated unit")); }
TEST(ParseMoney, WanYuan) { EXPECT_TRUE(parses_to("20万元", 20'000'000)); }
TEST(ParseMoney, WanYuanBadTwinReversed) { EXPECT_TRUE(refused("20元万", "repeated unit")); }
TEST(ParseMoney, WanWithDecimal) { EXPECT_TRUE(parses_to("12.5万", 12'500'000)); }
TEST(ParseMoney, WanWithDecimalBadTwinSevenDecimals) {
  EXPECT_TRUE(refused("12.5555555万", "more than six decimal places with 万"));
}
TEST(ParseMoney, WanSixDecimalsIsWholeFen) { EXPECT_TRUE(parses_to("12.345678万", 12'345'678)); }
TEST(ParseMoney, WanSmallestStep) { EXPECT_TRUE(parses_to("0.000001万元", 1)); }
TEST(ParseMoney, WanWithSeparators) { EXPECT_TRUE(parses_to("1,234万", 1'234'000'000)); }
TEST(ParseMoney, WanWithoutDigitsRefused) { EXPECT_TRUE(refused("万元", "no digits")); }

// ---- 大写 through parse_money

TEST(ParseMoney, ChineseUppercaseWhole) { EXPECT_TRUE(parses_to("贰拾万元整", 20'000'000)); }
TEST(ParseMoney, ChineseUppercaseWholeBadTwinDoubleZheng) {
  EXPECT_TRUE(refused("贰拾万元整整", "text after 整"));
}
TEST(ParseMoney, ChineseUppercaseJiao) { EXPECT_TRUE(parses_to("壹仟零伍元叁角", 100'530)); }
TEST(ParseMoney, ChineseUppercaseJiaoBadTwinRepeatedJiao) {
  EXPECT_TRUE(refused("壹仟零伍元叁角贰角", "repeated unit '角'"));
}
TEST(ParseMoney, ChineseUppercaseWithRenminbi) { EXPECT_TRUE(parses_to("人民币壹仟零伍元叁角", 100'530)); }
TEST(ParseMoney, ChineseUppercaseWithRenminbiBadTwinBlank) {
  EXPECT_TRUE(refused("人民币 壹仟零伍元叁角", "blank inside the amount"));
}
TEST(ParseMoney, ChineseUppercaseMixedWithArabicRefused) {
  EXPECT_TRUE(refused("20万元整", "unexpected character '2'"));
}
TEST(ParseMoney, ChineseUppercaseNegativeNeedsPolicy) {
  EXPECT_TRUE(refused("负壹元整", "negative amount is not allowed"));
  EXPECT_TRUE(parses_to("负壹元整", -100, SignPolicy::allow_negative));
}
TEST(ParseMoney, ChineseUppercaseErrorsAreBadAmount) {
  EXPECT_TRUE(refused("贰拾万元", "missing 整"));
}

// ---- garbage

TEST(ParseMoney, EmptyIsMissingField) { EXPECT_TRUE(refused("", "empty", SignPolicy::unsigned_only, "missing-field")); }
TEST(ParseMoney, BlankIsMissingField) {
  EXPECT_TRUE(refused(" \t ", "empty", SignPolicy::unsigned_only, "missing-field"));
}
TEST(ParseMoney, SurroundingWhitespaceTrimmed) { EXPECT_TRUE(parses_to("  12.5\t\n", 1250)); }
TEST(ParseMoney, EmbeddedSpaceRefused) { EXPECT_TRUE(refused("1 234", "blank inside the number")); }
TEST(ParseMoney, Letters) { EXPECT_TRUE(refused("abc", "unexpected character 'a'")); }
TEST(ParseMoney, TwoDots) { EXPECT_TRUE(refused("1.2.3", "more than one decimal point")); }
TEST(ParseMoney, Exponent) { EXPECT_TRUE(refused("1e30", "unexpected character 'e'")); }
TEST(ParseMoney, Hexadecimal) { EXPECT_TRUE(refused("0x10", "unexpected character 'x'")); }
TEST(ParseMoney, TrailingDot) { EXPECT_TRUE(refused("12.", "no digit after the decimal point")); }
// Decision: ".5" is refused; a digit must stand on both sides of the point.
TEST(ParseMoney, LeadingDot) { EXPECT_TRUE(refused(".5", "no digit before the decimal point")); }
TEST(ParseMoney, FullWidthDigits) { EXPECT_TRUE(refused("１２", "non-ASCII")); }
TEST(ParseMoney, ChineseCommaRefused) { EXPECT_TRUE(refused("1，234", "non-ASCII")); }
TEST(ParseMoney, TooLong) {
  EXPECT_TRUE(refused(std::string(65, '1'), "too long"));
  EXPECT_TRUE(refused(std::string(300, '1'), "too long"));
}
TEST(ParseMoney, ErrorsAreReturnedNotThrown) {
  for (const std::string_view text : {"", "x", "1e30", "-", "¥", "万", "整", "零", "负", "9999999999999999999999"}) {
    EXPECT_NO_THROW({ (void)parse_money(text, SignPolicy::allow_negative); }) << text;
  }
}

// ---- signs

TEST(ParseMoney, PlusRefused) { EXPECT_TRUE(refused("+5", "unexpected sign '+'")); }
TEST(ParseMoney, PlusRefusedEvenWhenNegativeAllowed) {
  EXPECT_TRUE(refused("+5", "unexpected sign '+'", SignPolicy::allow_negative));
}
TEST(ParseMoney, MinusRefusedWhenUnsigned) { EXPECT_TRUE(refused("-5", "negative amount is not allowed")); }
TEST(ParseMoney, MinusAcceptedWhenAllowed) { EXPECT_TRUE(parses_to("-5", -500, SignPolicy::allow_negative)); }
TEST(ParseMoney, NegativeZeroRefusedWhenUnsigned) { EXPECT_TRUE(refused("-0", "negative amount is not allowed")); }
TEST(ParseMoney, NegativeZeroRefusedWhenAllowed) {
  EXPECT_TRUE(refused("-0", "negative zero", SignPolicy::allow_negative));
  EXPECT_TRUE(refused("-0.00", "negative zero", SignPolicy::allow_negative));
  EXPECT_TRUE(refused("-0万", "negative zero", SignPolicy::allow_negative));
}
TEST(ParseMoney, DoubleMinusRefused) {
  EXPECT_TRUE(refused("--5", "a sign may only come first", SignPolicy::allow_negative));
}
TEST(ParseMoney, MinusBeforeCurrencySign) {
  EXPECT_TRUE(parses_to("-¥1,234.56", -123456, SignPolicy::allow_negative));
}
TEST(ParseMoney, MinusAfterCurrencySignRefused) {
  EXPECT_TRUE(refused("¥-1,234.56", "a sign may only come first", SignPolicy::allow_negative));
}
TEST(ParseMoney, TrailingMinusRefused) {
  EXPECT_TRUE(refused("5-", "a sign may only come first", SignPolicy::allow_negative));
}
TEST(ParseMoney, NegativeWan) { EXPECT_TRUE(parses_to("-12.5万元", -12'500'000, SignPolicy::allow_negative)); }

// ---- range

TEST(ParseMoney, LargestAmount) { EXPECT_TRUE(parses_to("9,999,999,999,999,999.99", Money::max_fen)); }
TEST(ParseMoney, LargestNegativeAmount) {
  EXPECT_TRUE(parses_to("-9999999999999999.99", -Money::max_fen, SignPolicy::allow_negative));
}
TEST(ParseMoney, OneFenBeyondLargestRefused) { EXPECT_TRUE(refused("10000000000000000", "out of range")); }
TEST(ParseMoney, NegativeBeyondLargestRefused) {
  EXPECT_TRUE(refused("-10000000000000000.00", "out of range", SignPolicy::allow_negative));
}
TEST(ParseMoney, HugeDigitStringRefusedWithoutOverflow) {
  EXPECT_TRUE(refused(std::string(60, '9'), "out of range"));
  EXPECT_TRUE(refused("340282366920938463463374607431768211457", "out of range"));
}
TEST(ParseMoney, LargestWan) { EXPECT_TRUE(parses_to("999999999999.999999万", Money::max_fen)); }
TEST(ParseMoney, WanBeyondLargestRefused) { EXPECT_TRUE(refused("1000000000000万", "out of range")); }

}  // namespace

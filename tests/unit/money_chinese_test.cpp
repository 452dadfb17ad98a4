// 中文大写金额, following 中国人民银行《支付结算办法》附件一
// 《正确填写票据和结算凭证的基本规定》 (see money_chinese.hpp). The examples of
// its item 四 are tested in every spelling it allows.
#include "money/money_chinese.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <string>
#include <string_view>

#include "money/money_format.hpp"
#include "money/money_parse.hpp"

namespace {

using jiangbu::format_chinese_uppercase;
using jiangbu::Money;
using jiangbu::parse_chinese_uppercase;

::testing::AssertionResult reads_as(std::string_view text, std::int64_t expected_fen) {
  const auto result = parse_chinese_uppercase(text);
  if (!result.ok()) {
    return ::testing::AssertionFailure() << "'" << text << "' refused: " << result.error().message;
  }
  if (result.value() != Money::from_fen(expected_fen)) {
    return ::testing::AssertionFailure() << "'" << text << "' read as " << result.value();
  }
  return ::testing::AssertionSuccess();
}

::testing::AssertionResult refused(std::string_view text, std::string_view reason) {
  const auto result = parse_chinese_uppercase(text);
  if (result.ok()) return ::testing::AssertionFailure() << "'" << text << "' accepted as " << result.value();
  if (result.error().code != "bad-amount") {
    return ::testing::AssertionFailure() << "'" << text << "' code " << result.error().code;
  }
  if (result.error().message.find(reason) == std::string::npos) {
    return ::testing::AssertionFailure() << "'" << text << "' message '" << result.error().message
                                         << "' does not mention '" << reason << "'";
  }
  // Long texts are quoted cut short; 30 bytes is whole characters in UTF-8 here.
  if (result.error().message.find(std::string(text.substr(0, 30))) == std::string::npos) {
    return ::testing::AssertionFailure() << "message '" << result.error().message << "' does not quote the text";
  }
  return ::testing::AssertionSuccess();
}

std::string written(std::int64_t fen) { return format_chinese_uppercase(Money::from_fen(fen)); }

// ---- the examples of the brief, with a bad twin each

TEST(ChineseUppercase, TwentyWanWritten) { EXPECT_EQ(written(20'000'000), "贰拾万元整"); }
TEST(ChineseUppercase, TwentyWanRead) { EXPECT_TRUE(reads_as("贰拾万元整", 20'000'000)); }
TEST(ChineseUppercase, TwentyWanBadTwinDoubleZheng) { EXPECT_TRUE(refused("贰拾万元整整", "text after 整")); }
TEST(ChineseUppercase, TwentyWanBadTwinMissingZheng) { EXPECT_TRUE(refused("贰拾万元", "missing 整 after 元")); }

TEST(ChineseUppercase, JiaoWithoutZhengWritten) { EXPECT_EQ(written(100'530), "壹仟零伍元叁角"); }
TEST(ChineseUppercase, JiaoWithoutZhengRead) { EXPECT_TRUE(reads_as("壹仟零伍元叁角", 100'530)); }
TEST(ChineseUppercase, JiaoBadTwinRepeatedJiao) {
  EXPECT_TRUE(refused("壹仟零伍元叁角贰角", "repeated unit '角'"));
}
TEST(ChineseUppercase, JiaoBadTwinMissingZero) {
  EXPECT_TRUE(refused("壹仟伍元叁角", "digit '伍' has no unit"));
}

TEST(ChineseUppercase, NegativeWritten) { EXPECT_EQ(written(-100'530), "负壹仟零伍元叁角"); }
TEST(ChineseUppercase, NegativeRead) { EXPECT_TRUE(reads_as("负壹仟零伍元叁角", -100'530)); }
TEST(ChineseUppercase, NegativeBadTwinSignInside) { EXPECT_TRUE(refused("壹仟负零伍元叁角", "unexpected character '负'")); }
TEST(ChineseUppercase, NegativeZeroRefused) { EXPECT_TRUE(refused("负零元整", "negative zero")); }

TEST(ChineseUppercase, ZeroWritten) { EXPECT_EQ(written(0), "零元整"); }
TEST(ChineseUppercase, ZeroRead) { EXPECT_TRUE(reads_as("零元整", 0)); }
TEST(ChineseUppercase, ZeroBadTwinRepeatedZero) { EXPECT_TRUE(refused("零零元整", "repeated 零")); }
TEST(ChineseUppercase, ZeroBadTwinMissingZheng) { EXPECT_TRUE(refused("零元", "missing 整 after 元")); }

TEST(ChineseUppercase, LeadingTenWrittenWithOne) { EXPECT_EQ(written(10'000'000), "壹拾万元整"); }
TEST(ChineseUppercase, LeadingTenReadWithOne) { EXPECT_TRUE(reads_as("壹拾万元整", 10'000'000)); }
TEST(ChineseUppercase, LeadingTenReadBare) { EXPECT_TRUE(reads_as("拾万元整", 10'000'000)); }
TEST(ChineseUppercase, BareTenOnlyAtTheStart) { EXPECT_TRUE(refused("壹万拾元整", "unit '拾' has no digit")); }
TEST(ChineseUppercase, TenYuan) { EXPECT_EQ(written(1'000), "壹拾元整"); }
TEST(ChineseUppercase, FifteenYuanBare) { EXPECT_TRUE(reads_as("拾伍元整", 1'500)); }

TEST(ChineseUppercase, RenminbiPrefix) { EXPECT_TRUE(reads_as("人民币贰拾万元整", 20'000'000)); }
TEST(ChineseUppercase, RenminbiPrefixBadTwinRepeated) {
  EXPECT_TRUE(refused("人民币人民币贰拾万元整", "unexpected character '人'"));
}
TEST(ChineseUppercase, RenminbiThenNegative) { EXPECT_TRUE(reads_as("人民币负贰拾万元整", -20'000'000)); }

// ---- 附件一 四: where 零 goes

TEST(ChineseUppercase, MiddleZero) { EXPECT_EQ(written(140'950), "壹仟肆佰零玖元伍角"); }
TEST(ChineseUppercase, MiddleZeroRequired) { EXPECT_TRUE(refused("壹仟肆佰玖元伍角", "digit '玖' has no unit")); }
TEST(ChineseUppercase, ZeroRunWrittenOnce) { EXPECT_EQ(written(600'714), "陆仟零柒元壹角肆分"); }
TEST(ChineseUppercase, ZeroRunBadTwinTwoZeros) { EXPECT_TRUE(refused("陆仟零零柒元壹角肆分", "repeated 零")); }

TEST(ChineseUppercase, YuanPlaceZeroCanonicalWritesZero) { EXPECT_EQ(written(168'032), "壹仟陆佰捌拾元零叁角贰分"); }
TEST(ChineseUppercase, YuanPlaceZeroBothSpellingsRead) {
  EXPECT_TRUE(reads_as("壹仟陆佰捌拾元零叁角贰分", 168'032));
  EXPECT_TRUE(reads_as("壹仟陆佰捌拾元叁角贰分", 168'032));
}
TEST(ChineseUppercase, YuanPlaceZeroBadTwinTwoZeros) { EXPECT_TRUE(refused("壹仟陆佰捌拾元零零叁角贰分", "repeated 零")); }
TEST(ChineseUppercase, ThousandYuanFiveJiao) { EXPECT_EQ(written(100'050), "壹仟元零伍角"); }
TEST(ChineseUppercase, ThousandYuanFiveJiaoWithoutZero) { EXPECT_TRUE(reads_as("壹仟元伍角", 100'050)); }

TEST(ChineseUppercase, WanPlaceZeroCanonicalOmitsZero) { EXPECT_EQ(written(10'700'053), "壹拾万柒仟元零伍角叁分"); }
TEST(ChineseUppercase, WanPlaceZeroAllFourSpellingsRead) {
  EXPECT_TRUE(reads_as("壹拾万柒仟元零伍角叁分", 10'700'053));
  EXPECT_TRUE(reads_as("壹拾万零柒仟元伍角叁分", 10'700'053));
  EXPECT_TRUE(reads_as("壹拾万零柒仟元零伍角叁分", 10'700'053));
  EXPECT_TRUE(reads_as("壹拾万柒仟元伍角叁分", 10'700'053));
}
TEST(ChineseUppercase, WanPlaceZeroOnlyWhenThousandsFollow) {
  EXPECT_EQ(written(10'050'000), "壹拾万零伍佰元整");
  EXPECT_TRUE(refused("壹拾万伍佰元整", "not written in standard 大写 form"));
}
TEST(ChineseUppercase, ZeroBetweenNonzeroDigitsIsNotOptional) {
  EXPECT_TRUE(refused("壹万零伍仟元整", "not written in standard 大写 form"));
}

TEST(ChineseUppercase, JiaoZeroFenNonzero) { EXPECT_EQ(written(1'640'902), "壹万陆仟肆佰零玖元零贰分"); }
TEST(ChineseUppercase, JiaoZeroFenNonzeroSecondExample) { EXPECT_EQ(written(32'504), "叁佰贰拾伍元零肆分"); }
TEST(ChineseUppercase, JiaoZeroNeedsZero) {
  EXPECT_TRUE(refused("叁佰贰拾伍元肆分", "not written in standard 大写 form: 325.04 is written 叁佰贰拾伍元零肆分"));
}

TEST(ChineseUppercase, ZeroSectionInTheMiddleIsWritten) { EXPECT_EQ(written(10'000'100'000), "壹亿零壹仟元整"); }
TEST(ChineseUppercase, ZeroSectionInTheMiddleRequired) {
  EXPECT_TRUE(refused("壹亿壹仟元整", "not written in standard 大写 form"));
}
TEST(ChineseUppercase, YiPlaceZeroIsOptional) {
  EXPECT_EQ(written(101'000'000'000), "壹拾亿壹仟万元整");
  EXPECT_TRUE(reads_as("壹拾亿零壹仟万元整", 101'000'000'000));
}
TEST(ChineseUppercase, OneMillionAndOne) { EXPECT_EQ(written(100'000'100), "壹佰万零壹元整"); }
TEST(ChineseUppercase, ZeroBeforeSectionStart) { EXPECT_EQ(written(10'500'000'000), "壹亿零伍佰万元整"); }
TEST(ChineseUppercase, ZeroBeforeSectionUnits) { EXPECT_EQ(written(10'005'000'000), "壹亿零伍万元整"); }

// ---- 整, 角, 分

TEST(ChineseUppercase, ZhengAfterJiaoAccepted) { EXPECT_TRUE(reads_as("壹仟零伍元叁角整", 100'530)); }
TEST(ChineseUppercase, ZhengAfterFenRefused) { EXPECT_TRUE(refused("壹仟零伍元叁角贰分整", "整 is not written after 分")); }
TEST(ChineseUppercase, JiaoAndFen) { EXPECT_EQ(written(100'532), "壹仟零伍元叁角贰分"); }
TEST(ChineseUppercase, JiaoAfterFenRefused) { EXPECT_TRUE(refused("壹仟零伍元贰分叁角", "角 must come before 分")); }
TEST(ChineseUppercase, RepeatedFenRefused) { EXPECT_TRUE(refused("壹元零贰分叁分", "repeated unit '分'")); }
TEST(ChineseUppercase, DigitWithoutFenRefused) { EXPECT_TRUE(refused("壹元叁角贰", "digit '贰' has no unit")); }
TEST(ChineseUppercase, JiaoOnly) { EXPECT_EQ(written(50), "伍角"); }
TEST(ChineseUppercase, FenOnly) { EXPECT_EQ(written(5), "伍分"); }
TEST(ChineseUppercase, JiaoAndFenOnly) { EXPECT_EQ(written(55), "伍角伍分"); }
TEST(ChineseUppercase, BelowOneYuanRead) {
  EXPECT_TRUE(reads_as("伍角", 50));
  EXPECT_TRUE(reads_as("伍分", 5));
  EXPECT_TRUE(reads_as("伍角伍分", 55));
  EXPECT_TRUE(reads_as("伍角整", 50));
}
TEST(ChineseUppercase, ZeroYuanPrefixRefused) {
  EXPECT_TRUE(refused("零元伍角", "not written in standard 大写 form: 0.50 is written 伍角"));
}
TEST(ChineseUppercase, TextAfterZhengRefused) { EXPECT_TRUE(refused("壹元整伍角", "text after 整")); }

// ---- aliases

TEST(ChineseUppercase, YuanAlias) { EXPECT_TRUE(reads_as("贰拾万圆整", 20'000'000)); }
TEST(ChineseUppercase, ZhengAlias) { EXPECT_TRUE(reads_as("贰拾万元正", 20'000'000)); }
TEST(ChineseUppercase, ZhengAliasBadTwinDouble) { EXPECT_TRUE(refused("贰拾万元正整", "text after 整")); }
TEST(ChineseUppercase, TraditionalForms) {
  EXPECT_TRUE(reads_as("貳拾萬圓整", 20'000'000));
  EXPECT_TRUE(reads_as("陸億元整", 60'000'000'000));
}
TEST(ChineseUppercase, CommonNumeralsRefused) {
  EXPECT_TRUE(refused("二十万元整", "unexpected character '二'"));
  EXPECT_TRUE(refused("贰拾万元伍毛", "unexpected character '毛'"));
}

// ---- structure

TEST(ChineseUppercase, UnitsOutOfOrder) { EXPECT_TRUE(refused("壹佰贰仟元整", "unit '仟' out of order")); }
TEST(ChineseUppercase, UnitAfterYuanOutOfOrder) { EXPECT_TRUE(refused("壹元贰拾", "unit '拾' out of order")); }
TEST(ChineseUppercase, RepeatedSmallUnit) { EXPECT_TRUE(refused("壹佰贰佰元整", "repeated unit '佰'")); }
TEST(ChineseUppercase, RepeatedWan) { EXPECT_TRUE(refused("壹万贰万元整", "repeated unit '万'")); }
TEST(ChineseUppercase, RepeatedYi) { EXPECT_TRUE(refused("壹亿贰亿元整", "repeated unit '亿'")); }
TEST(ChineseUppercase, RepeatedYuan) { EXPECT_TRUE(refused("壹元壹元整", "repeated unit '元'")); }
TEST(ChineseUppercase, ZeroCarryingUnit) { EXPECT_TRUE(refused("零拾元整", "零 cannot carry a unit (零拾)")); }
TEST(ChineseUppercase, ZeroCarryingUnitInside) { EXPECT_TRUE(refused("壹佰零拾伍元整", "零 cannot carry a unit (零拾)")); }
TEST(ChineseUppercase, ZeroCarryingJiao) { EXPECT_TRUE(refused("壹元零角伍分", "零 cannot carry a unit (零角)")); }
TEST(ChineseUppercase, ZeroBeforeYuan) { EXPECT_TRUE(refused("壹拾零元整", "零 cannot carry a unit (零元)")); }
TEST(ChineseUppercase, DigitWithoutUnit) { EXPECT_TRUE(refused("壹佰贰元整", "digit '贰' has no unit")); }
TEST(ChineseUppercase, TwoDigitsInARow) { EXPECT_TRUE(refused("壹贰元整", "digit '壹' has no unit")); }
TEST(ChineseUppercase, SkippedPlaceNeedsZero) { EXPECT_TRUE(refused("壹仟贰拾元整", "missing 零 before '贰拾'")); }
TEST(ChineseUppercase, UnitWithoutDigit) { EXPECT_TRUE(refused("佰元整", "unit '佰' has no digit")); }
TEST(ChineseUppercase, WanWithoutDigit) { EXPECT_TRUE(refused("壹亿万元整", "unit '万' has no digit")); }
TEST(ChineseUppercase, YuanWithoutDigit) { EXPECT_TRUE(refused("元整", "unit '元' has no digit")); }
TEST(ChineseUppercase, MissingYuan) { EXPECT_TRUE(refused("壹仟贰佰", "missing 元")); }
TEST(ChineseUppercase, MissingYuanBeforeJiao) { EXPECT_TRUE(refused("壹拾伍角", "missing 元 before '角'")); }
TEST(ChineseUppercase, MissingYuanBeforeZheng) { EXPECT_TRUE(refused("壹拾整", "missing 元 before '整'")); }
TEST(ChineseUppercase, LeadingZeroRefused) { EXPECT_TRUE(refused("零壹元整", "not written in standard 大写 form")); }
TEST(ChineseUppercase, UnnecessaryZeroRefused) { EXPECT_TRUE(refused("壹元零伍角", "not written in standard 大写 form")); }
TEST(ChineseUppercase, BlankInside) { EXPECT_TRUE(refused("贰拾万 元整", "blank inside the amount")); }
TEST(ChineseUppercase, ArabicDigitInside) { EXPECT_TRUE(refused("贰拾5万元整", "unexpected character '5'")); }
TEST(ChineseUppercase, SurroundingWhitespaceTrimmed) { EXPECT_TRUE(reads_as("  贰拾万元整\n", 20'000'000)); }
TEST(ChineseUppercase, EmptyIsMissingField) {
  const auto result = parse_chinese_uppercase("");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, "missing-field");
}
TEST(ChineseUppercase, OnlyPrefixRefused) {
  EXPECT_TRUE(refused("人民币", "no digits"));
  EXPECT_TRUE(refused("负", "no digits"));
}
TEST(ChineseUppercase, TooLongRefused) {
  std::string text;
  for (int repeat = 0; repeat < 70; ++repeat) text += "壹";
  EXPECT_TRUE(refused(text, "too long"));
}

// ---- range: 16 integer digits, the top section ending in 万亿

TEST(ChineseUppercase, LargestWritten) {
  EXPECT_EQ(written(Money::max_fen),
            "玖仟玖佰玖拾玖万玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分");
}
TEST(ChineseUppercase, LargestRead) {
  EXPECT_TRUE(reads_as("玖仟玖佰玖拾玖万玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分", Money::max_fen));
}
TEST(ChineseUppercase, WanYiWritten) { EXPECT_EQ(written(123'400'000'000'000'000), "壹仟贰佰叁拾肆万亿元整"); }
TEST(ChineseUppercase, WanYiRead) { EXPECT_TRUE(reads_as("壹仟贰佰叁拾肆万亿元整", 123'400'000'000'000'000)); }
TEST(ChineseUppercase, WanYiAndOneFen) { EXPECT_EQ(written(100'000'000'000'001), "壹万亿元零壹分"); }
TEST(ChineseUppercase, WanYiThenSmallAmount) { EXPECT_EQ(written(100'000'000'000'100), "壹万亿零壹元整"); }
TEST(ChineseUppercase, WanYiBadTwinRepeatedYi) { EXPECT_TRUE(refused("壹万亿亿元整", "repeated unit '亿'")); }
TEST(ChineseUppercase, SeventeenDigitsCannotBeWritten) { EXPECT_TRUE(refused("壹亿亿元整", "repeated unit '亿'")); }

// ---- round trip

// Random amounts with runs of zeros, so every 零 rule is exercised.
std::int64_t random_amount_fen(std::mt19937_64& generator) {
  std::uniform_int_distribution<int> length_distribution(1, 18);
  std::uniform_int_distribution<int> digit_distribution(0, 9);
  std::bernoulli_distribution zero_digit(0.5);
  std::bernoulli_distribution negative(0.25);
  const int length = length_distribution(generator);
  std::int64_t fen = 0;
  for (int place = 0; place < length; ++place) {
    fen = fen * 10 + (zero_digit(generator) ? 0 : digit_distribution(generator));
  }
  return negative(generator) ? -fen : fen;
}

TEST(ChineseUppercase, RoundTripTwentyThousandAmounts) {
  std::mt19937_64 generator(20'240'419);
  for (int sample = 0; sample < 20'000; ++sample) {
    const Money amount = Money::from_fen(random_amount_fen(generator));
    const std::string uppercase = format_chinese_uppercase(amount);
    const auto read_uppercase = parse_chinese_uppercase(uppercase);
    ASSERT_TRUE(read_uppercase.ok()) << uppercase << ": " << read_uppercase.error().message;
    ASSERT_EQ(read_uppercase.value(), amount) << uppercase;
    const auto read_via_money = jiangbu::parse_money(uppercase, jiangbu::SignPolicy::allow_negative);
    ASSERT_TRUE(read_via_money.ok()) << uppercase;
    ASSERT_EQ(read_via_money.value(), amount) << uppercase;
    const std::string yuan = jiangbu::format_yuan(amount);
    const auto read_yuan = jiangbu::parse_money(yuan, jiangbu::SignPolicy::allow_negative);
    ASSERT_TRUE(read_yuan.ok()) << yuan << ": " << read_yuan.error().message;
    ASSERT_EQ(read_yuan.value(), amount) << yuan;
  }
}

TEST(ChineseUppercase, RoundTripUniformAmountsIncludingLargest) {
  std::mt19937_64 generator(7);
  std::uniform_int_distribution<std::int64_t> distribution(-Money::max_fen, Money::max_fen);
  for (int sample = 0; sample < 2'000; ++sample) {
    const Money amount = Money::from_fen(distribution(generator));
    const auto read = parse_chinese_uppercase(format_chinese_uppercase(amount));
    ASSERT_TRUE(read.ok()) << format_chinese_uppercase(amount);
    ASSERT_EQ(read.value(), amount);
  }
}

}  // namespace

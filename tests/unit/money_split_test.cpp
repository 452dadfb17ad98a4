// Splits by largest remainder (Hamilton): exact fen values for the brief's
// examples, every refusal, and a property test over random splits.
#include "money/money_split.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace {

using boost::multiprecision::cpp_int;
using jiangbu::Money;
using jiangbu::parse_weight;
using jiangbu::split_by_fixed_parts;
using jiangbu::split_by_weights;
using jiangbu::Weight;

std::vector<Money> fen_list(const std::vector<std::int64_t>& values) {
  std::vector<Money> amounts;
  for (const std::int64_t value : values) amounts.push_back(Money::from_fen(value));
  return amounts;
}

std::vector<Weight> weight_list(const std::vector<std::int64_t>& values) {
  std::vector<Weight> weights;
  for (const std::int64_t value : values) weights.emplace_back(value);
  return weights;
}

Money sum_of(const std::vector<Money>& parts) {
  Money sum;
  for (const Money& part : parts) sum += part;
  return sum;
}

::testing::AssertionResult splits_into(const Money& whole, const std::vector<Weight>& weights,
                                       const std::vector<std::int64_t>& expected_fen) {
  const auto result = split_by_weights(whole, weights);
  if (!result.ok()) return ::testing::AssertionFailure() << "refused: " << result.error().message;
  if (result.value() != fen_list(expected_fen)) {
    auto failure = ::testing::AssertionFailure() << "parts:";
    for (const Money& part : result.value()) failure << " " << part;
    return failure;
  }
  if (sum_of(result.value()) != whole) return ::testing::AssertionFailure() << "parts do not sum to the whole";
  return ::testing::AssertionSuccess();
}

template <typename Value>
::testing::AssertionResult refused(const jiangbu::Result<Value>& result, std::string_view code,
                                   std::string_view reason) {
  if (result.ok()) return ::testing::AssertionFailure() << "accepted";
  if (result.error().code != code) return ::testing::AssertionFailure() << "code " << result.error().code;
  if (result.error().message.find(reason) == std::string::npos) {
    return ::testing::AssertionFailure() << "message '" << result.error().message << "' lacks '" << reason << "'";
  }
  return ::testing::AssertionSuccess();
}

::testing::AssertionResult weight_is(std::string_view text, const Weight& expected) {
  const auto result = parse_weight(text);
  if (!result.ok()) return ::testing::AssertionFailure() << "'" << text << "' refused: " << result.error().message;
  if (result.value() != expected) return ::testing::AssertionFailure() << "'" << text << "' read as " << result.value();
  return ::testing::AssertionSuccess();
}

// ---- parse_weight

TEST(ParseWeight, Integer) { EXPECT_TRUE(weight_is("5", Weight(5))); }
TEST(ParseWeight, IntegerBadTwinNegative) { EXPECT_TRUE(refused(parse_weight("-5"), "bad-weight", "cannot be negative")); }
TEST(ParseWeight, Decimal) { EXPECT_TRUE(weight_is("0.3", Weight(3, 10))); }
TEST(ParseWeight, DecimalBadTwinTwoPoints) { EXPECT_TRUE(refused(parse_weight("0.3.1"), "bad-weight", "expected a number")); }
TEST(ParseWeight, Fraction) { EXPECT_TRUE(weight_is("1/3", Weight(1, 3))); }
TEST(ParseWeight, FractionBadTwinZeroDenominator) {
  EXPECT_TRUE(refused(parse_weight("1/0"), "bad-weight", "zero denominator"));
  EXPECT_TRUE(refused(parse_weight("0/0"), "bad-weight", "zero denominator"));
}
TEST(ParseWeight, Zero) { EXPECT_TRUE(weight_is("0", Weight(0))); }
TEST(ParseWeight, Trimmed) { EXPECT_TRUE(weight_is(" 2/4 ", Weight(1, 2))); }
TEST(ParseWeight, Empty) { EXPECT_TRUE(refused(parse_weight("  "), "missing-field", "empty")); }
TEST(ParseWeight, Garbage) { EXPECT_TRUE(refused(parse_weight("abc"), "bad-weight", "expected a number")); }
TEST(ParseWeight, Exponent) { EXPECT_TRUE(refused(parse_weight("1e3"), "bad-weight", "expected a number")); }
TEST(ParseWeight, TrailingDot) { EXPECT_TRUE(refused(parse_weight("5."), "bad-weight", "expected a number")); }
TEST(ParseWeight, LeadingDot) { EXPECT_TRUE(refused(parse_weight(".5"), "bad-weight", "expected a number")); }
TEST(ParseWeight, Plus) { EXPECT_TRUE(refused(parse_weight("+1"), "bad-weight", "unexpected sign")); }
TEST(ParseWeight, LeadingZero) { EXPECT_TRUE(refused(parse_weight("05"), "bad-weight", "leading zero")); }
TEST(ParseWeight, HalfFraction) { EXPECT_TRUE(refused(parse_weight("1/"), "bad-weight", "two whole numbers")); }
TEST(ParseWeight, DecimalInFraction) { EXPECT_TRUE(refused(parse_weight("0.5/2"), "bad-weight", "two whole numbers")); }
TEST(ParseWeight, DoubleFraction) { EXPECT_TRUE(refused(parse_weight("1/3/4"), "bad-weight", "two whole numbers")); }
TEST(ParseWeight, NegativeDenominator) { EXPECT_TRUE(refused(parse_weight("1/-3"), "bad-weight", "two whole numbers")); }
TEST(ParseWeight, TooLong) { EXPECT_TRUE(refused(parse_weight(std::string(65, '1')), "bad-weight", "too long")); }

// ---- split_by_weights: the brief's examples

TEST(SplitByWeights, ThreeWaysEqual) {
  EXPECT_TRUE(splits_into(Money::from_yuan(100'000), weight_list({1, 1, 1}), {3'333'334, 3'333'333, 3'333'333}));
}
TEST(SplitByWeights, ThreeWaysEqualBadTwinNoWeights) {
  EXPECT_TRUE(refused(split_by_weights(Money::from_yuan(100'000), {}), "bad-split", "no weights"));
}
TEST(SplitByWeights, FiveThreeTwo) {
  EXPECT_TRUE(splits_into(Money::from_yuan(200'000), weight_list({5, 3, 2}), {10'000'000, 6'000'000, 4'000'000}));
}
TEST(SplitByWeights, FiveThreeTwoBadTwinNegativeWeight) {
  EXPECT_TRUE(refused(split_by_weights(Money::from_yuan(200'000), weight_list({5, -3, 2})), "bad-split",
                      "the weight of part 2 is negative"));
}
TEST(SplitByWeights, ThirdsAsFractions) {
  const std::vector<Weight> thirds = {Weight(1, 3), Weight(1, 3), Weight(1, 3)};
  EXPECT_TRUE(splits_into(Money::from_yuan(100'000), thirds, {3'333'334, 3'333'333, 3'333'333}));
}
TEST(SplitByWeights, ZeroWeightAmongOthers) {
  EXPECT_TRUE(splits_into(Money::from_yuan(100), weight_list({0, 1, 1}), {0, 5'000, 5'000}));
}
TEST(SplitByWeights, ZeroWeightAmongOthersBadTwinAllZero) {
  EXPECT_TRUE(refused(split_by_weights(Money::from_yuan(100), weight_list({0, 0, 0})), "bad-split", "all weights are zero"));
}

// ---- the rounding rule

TEST(SplitByWeights, LeftoverGoesToLargestRemainderNotFirst) {
  // Exact shares 33.33 and 66.67 fen: the fen left over goes to the second.
  EXPECT_TRUE(splits_into(Money::from_fen(100), weight_list({1, 2}), {33, 67}));
}
TEST(SplitByWeights, TiesGoToEarlierParts) {
  EXPECT_TRUE(splits_into(Money::from_fen(2), weight_list({1, 1, 1}), {1, 1, 0}));
}
TEST(SplitByWeights, DecimalWeights) {
  const std::vector<Weight> weights = {Weight(3, 10), Weight(7, 10)};
  EXPECT_TRUE(splits_into(Money::from_fen(1'001), weights, {300, 701}));
}
TEST(SplitByWeights, NegativeWholeSplitByMagnitude) {
  EXPECT_TRUE(splits_into(Money::from_yuan(-100'000), weight_list({1, 1, 1}), {-3'333'334, -3'333'333, -3'333'333}));
}
TEST(SplitByWeights, ZeroWhole) { EXPECT_TRUE(splits_into(Money(), weight_list({1, 2}), {0, 0})); }
TEST(SplitByWeights, SinglePart) { EXPECT_TRUE(splits_into(Money::from_fen(12'345), weight_list({7}), {12'345})); }
TEST(SplitByWeights, LargestWhole) {
  const Money whole = Money::from_fen(Money::max_fen);
  const auto result = split_by_weights(whole, weight_list({1, 1, 1}));
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(sum_of(result.value()), whole);
  EXPECT_EQ(result.value()[0], Money::from_fen(333'333'333'333'333'333));
}

// Every part within one fen of its exact share, and the parts sum to the whole.
TEST(SplitByWeights, PropertyRandomSplits) {
  std::mt19937_64 generator(5'320'000);
  std::uniform_int_distribution<std::int64_t> whole_distribution(-100'000'000'000, 100'000'000'000);
  std::uniform_int_distribution<int> count_distribution(1, 8);
  std::uniform_int_distribution<std::int64_t> numerator_distribution(0, 1'000);
  std::uniform_int_distribution<std::int64_t> denominator_distribution(1, 60);
  std::bernoulli_distribution zero_weight(0.15);
  for (int sample = 0; sample < 3'000; ++sample) {
    const Money whole = Money::from_fen(whole_distribution(generator));
    std::vector<Weight> weights;
    const int count = count_distribution(generator);
    for (int index = 0; index < count; ++index) {
      const std::int64_t numerator = zero_weight(generator) ? 0 : numerator_distribution(generator);
      weights.emplace_back(numerator, denominator_distribution(generator));
    }
    Weight total = 0;
    for (const Weight& weight : weights) total += weight;
    const auto result = split_by_weights(whole, weights);
    if (total == 0) {
      ASSERT_FALSE(result.ok());
      continue;
    }
    ASSERT_TRUE(result.ok()) << result.error().message;
    ASSERT_EQ(result.value().size(), weights.size());
    ASSERT_EQ(sum_of(result.value()), whole);
    for (std::size_t index = 0; index < weights.size(); ++index) {
      const Weight exact_fen = Weight(cpp_int(whole.fen())) * weights[index] / total;
      const Weight error_fen = Weight(cpp_int(result.value()[index].fen())) - exact_fen;
      ASSERT_LT(abs(error_fen), 1) << "part " << index << " of " << whole;
    }
  }
}

// ---- split_by_fixed_parts

TEST(SplitByFixedParts, ExactSum) {
  const auto result = split_by_fixed_parts(Money::from_yuan(200'000), fen_list({12'000'000, 8'000'000}));
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result.value(), fen_list({12'000'000, 8'000'000}));
}
TEST(SplitByFixedParts, ExactSumBadTwinOneFenShort) {
  EXPECT_TRUE(refused(split_by_fixed_parts(Money::from_yuan(200'000), fen_list({12'000'000, 7'999'999})),
                      "split-mismatch", "parts add up to 0.01 less than the whole (200,000.00)"));
}
TEST(SplitByFixedParts, OverByAGroupedAmount) {
  EXPECT_TRUE(refused(split_by_fixed_parts(Money::from_yuan(200'000), fen_list({12'000'000, 8'123'456})),
                      "split-mismatch", "parts add up to 1,234.56 more than the whole"));
}
TEST(SplitByFixedParts, NoParts) {
  EXPECT_TRUE(refused(split_by_fixed_parts(Money::from_yuan(1), {}), "bad-split", "no parts"));
}
TEST(SplitByFixedParts, OppositeSignRefused) {
  EXPECT_TRUE(refused(split_by_fixed_parts(Money::from_yuan(100), fen_list({15'000, -5'000})), "bad-split",
                      "part 2 (-50.00) has the opposite sign"));
}
TEST(SplitByFixedParts, NegativeWholeNegativeParts) {
  const auto result = split_by_fixed_parts(Money::from_yuan(-100), fen_list({-6'000, -4'000}));
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(sum_of(result.value()), Money::from_yuan(-100));
}
TEST(SplitByFixedParts, ZeroPartAllowed) {
  EXPECT_TRUE(split_by_fixed_parts(Money::from_yuan(100), fen_list({10'000, 0})).ok());
}
TEST(SplitByFixedParts, SumBeyondRangeReportedWithoutOverflow) {
  const Money largest = Money::from_fen(Money::max_fen);
  EXPECT_TRUE(refused(split_by_fixed_parts(Money(), {}), "bad-split", "no parts"));
  EXPECT_TRUE(refused(split_by_fixed_parts(Money::from_fen(1), {largest, largest, largest}), "split-mismatch",
                      "exceed the largest amount"));
}

}  // namespace

#pragma once
// Splitting one amount into parts that add up to it exactly, to the fen: an
// award shared by co-lead units by contribution (西咸 方案 二(四)1(2): one
// award per brand, shares set by the bureau), or a plan spread over
// categories.
//
// Rounding rule, by name: largest remainder (Hamilton). Each part first gets
// floor(whole × weight ÷ total weight) fen; the fen left over then go one
// each to the parts with the largest fractional remainders, ties to the
// earlier part. So every part is within one fen of its exact share and the
// parts always sum to the whole. A negative whole is split by magnitude and
// every part negated. All arithmetic is in exact rationals.
#include <string_view>
#include <vector>

#include <boost/multiprecision/cpp_int.hpp>

#include "core/result.hpp"
#include "money/money.hpp"

namespace jiangbu {

using Weight = boost::multiprecision::cpp_rational;

// "5", "0.3", "1/3" (surrounding ASCII whitespace ignored). Refuses negative
// weights, garbage, "5." / ".5", leading zeros and zero denominators with
// code "bad-weight"; empty text is "missing-field". Zero is a valid weight.
Result<Weight> parse_weight(std::string_view text);

// Errors ("bad-split"): no weights, a negative weight, all weights zero.
Result<std::vector<Money>> split_by_weights(const Money& whole, const std::vector<Weight>& weights);

// Checks parts set by hand: they must sum exactly to the whole, otherwise
// "split-mismatch" naming the difference. "bad-split" for no parts or a part
// whose sign is opposite to the whole's (for a zero whole, a negative part).
Result<std::vector<Money>> split_by_fixed_parts(const Money& whole, const std::vector<Money>& parts);

}  // namespace jiangbu

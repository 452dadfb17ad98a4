#include "report/chart_scale.hpp"

#include "core/assert.hpp"
#include "money/money_parse.hpp"

namespace jiangbu {

namespace {

// Money values in fen; percent values ("87.50") in hundredths, which is the
// same digits read as fen.
FenInteger magnitude(const std::string& value) {
  if (value.empty()) return 0;
  auto parsed = parse_money(value, SignPolicy::allow_negative);
  JIANGBU_ASSERT(parsed.ok());  // the model holds plain values only
  return parsed.value().is_negative() ? FenInteger(0) : parsed.value().fen();
}

}  // namespace

std::vector<std::int64_t> bar_lengths(const BarChart& chart, std::int64_t full_length) {
  JIANGBU_ASSERT(full_length >= 0);
  FenInteger largest = 0;
  for (const auto& bar : chart.bars) largest = std::max(largest, magnitude(bar.value));
  // A rate is drawn against 100 %, so one award at 14 % is not a full bar.
  if (chart.value_kind == CellKind::percent) largest = std::max(largest, FenInteger(10'000));
  std::vector<std::int64_t> lengths;
  for (const auto& bar : chart.bars) {
    const FenInteger length = largest == 0 ? FenInteger(0) : magnitude(bar.value) * full_length / largest;
    lengths.push_back(static_cast<std::int64_t>(length));
  }
  return lengths;
}

}  // namespace jiangbu

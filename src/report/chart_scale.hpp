#pragma once
// Bar lengths for charts, in whatever unit the renderer draws (text cells,
// PDF points, SVG pixels): value × full_length ÷ largest value (at least
// 100.00 for percent charts), rounded
// down, computed on integers (fen, or hundredths of a percent) so that no
// amount passes through floating point. Negative values draw as zero.
#include <cstdint>
#include <vector>

#include "report/report_document.hpp"

namespace jiangbu {

std::vector<std::int64_t> bar_lengths(const BarChart& chart, std::int64_t full_length);

}  // namespace jiangbu

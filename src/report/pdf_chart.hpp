#pragma once
// Bar charts in the PDF export: one horizontal bar per item, the label on
// the left, the value printed right of the bar. Bar lengths are proportional
// to the values, computed on integers (fen, or hundredths of a percent), so
// the figure agrees with the numbers to the last fen. The longest bar is the
// largest value; for percents the scale runs to at least 100 %.
#include <cstdint>

#include "core/result.hpp"
#include "money/money.hpp"
#include "report/pdf_page.hpp"
#include "report/pdf_text.hpp"
#include "report/report_document.hpp"

namespace jiangbu {

Status layout_bar_chart(const BarChart& chart, const PdfText& text, PageFlow& flow);

// value × length_max ÷ value_max, rounded down, in the unit of length_max;
// zero for a value or maximum at or below zero, length_max at the maximum.
std::int64_t bar_length_units(const FenInteger& value, const FenInteger& value_max,
                              std::int64_t length_max);

}  // namespace jiangbu

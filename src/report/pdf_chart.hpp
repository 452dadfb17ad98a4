#pragma once
// Bar charts in the PDF export: one horizontal bar per item, the label on
// the left, the value printed right of the bar. Bar lengths are proportional
// to the values, computed on integers (fen, or hundredths of a percent), so
// the figure agrees with the numbers to the last fen. The longest bar is the
// largest value; for percents the scale runs to at least 100 %.
#include "core/result.hpp"
#include "report/pdf_page.hpp"
#include "report/pdf_text.hpp"
#include "report/report_document.hpp"

namespace jiangbu {

// Bar lengths come from bar_lengths (chart_scale.hpp), shared with the
// other formats.
Status layout_bar_chart(const BarChart& chart, const PdfText& text, PageFlow& flow);

}  // namespace jiangbu

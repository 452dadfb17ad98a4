#pragma once
// Tables in the PDF export: title, a shaded header row repeated on every
// page the table continues on, the rows (never split across pages), the
// total row in bold, or the table's empty text when it has no rows.
//
// Number-like cells (money, percent, count, date) are never wrapped: an
// amount cut into "250,000" and ".00" is misread. Text columns give way
// first; a table whose numbers still do not fit is set in smaller type
// (down to table_font_size_min_points), and if even that is too wide, on
// landscape pages.
#include <optional>
#include <vector>

#include "core/result.hpp"
#include "report/pdf_page.hpp"
#include "report/pdf_text.hpp"
#include "report/report_document.hpp"

namespace jiangbu {

inline constexpr double table_font_size_min_points = 6.5;
inline constexpr double table_font_size_step_points = 0.5;

Status layout_table(const ReportTable& table, const PdfText& text, PageFlow& flow);

// The orientation layout_table will put the table's pages in, so that a
// section heading can go on the page its table starts on.
Result<PageOrientation> table_orientation(const ReportTable& table, const PdfText& text);

// How wide one column would like to be and how narrow it may get.
struct ColumnNeed {
  double natural_points = 0;  // its widest content on one line, header included
  // Number-like: its widest value on one line (only the header may wrap).
  // Text: about three characters, or its natural width when less.
  double minimum_points = 0;
  bool numeric = false;
};

// Column widths that use exactly `available_points`. When every column fits
// at its natural width they are widened in proportion. When not, text
// columns shrink first: the widest are capped at one common width (never
// below their minimum) while numeric columns keep their natural width; only
// if text columns at their minimum still leave too little do numeric
// columns shrink the same way, towards their minimum. nullopt when the
// minimums alone are wider than `available_points`.
std::optional<std::vector<double>> fit_column_widths(const std::vector<ColumnNeed>& columns,
                                                     double available_points);

// The last resort when fit_column_widths has no answer: every minimum
// shrunk in proportion, so numbers may wrap.
std::vector<double> squeezed_column_widths(const std::vector<ColumnNeed>& columns, double available_points);

}  // namespace jiangbu

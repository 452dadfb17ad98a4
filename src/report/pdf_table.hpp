#pragma once
// Tables in the PDF export: title, a shaded header row repeated on every
// page the table continues on, the rows (never split across pages), the
// total row in bold, or the table's empty text when it has no rows.
#include <vector>

#include "core/result.hpp"
#include "report/pdf_page.hpp"
#include "report/pdf_text.hpp"
#include "report/report_document.hpp"

namespace jiangbu {

Status layout_table(const ReportTable& table, const PdfText& text, PageFlow& flow);

// Column widths for `available_points` from each column's natural width
// (its widest content on one line). When everything fits the columns are
// widened in proportion to fill the width; when not, the columns that may
// wrap (wrappable) are capped at one common width so that only the widest
// of them wrap, and the others keep their natural width. If even that is
// impossible every column shrinks in proportion and all may wrap.
std::vector<double> fit_column_widths(const std::vector<double>& natural_points,
                                      const std::vector<bool>& wrappable, double available_points);

}  // namespace jiangbu

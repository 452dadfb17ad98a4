#pragma once
// The whole report laid out into A4 pages: title, subtitle and metadata on
// the first page, then each section's title, paragraphs, tables and charts
// in the document's order, and on every page a running header with the
// document title and the footer "第 N 页 共 M 页".
#include <vector>

#include "core/result.hpp"
#include "report/pdf_page.hpp"
#include "report/pdf_text.hpp"
#include "report/report_document.hpp"

namespace jiangbu {

Result<std::vector<PdfPage>> layout_document(const ReportDocument& document, const PdfText& text);

// "第 3 页 共 12 页"
std::string page_number_text(std::size_t page_number, std::size_t page_count);

}  // namespace jiangbu

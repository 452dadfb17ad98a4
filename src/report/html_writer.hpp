#pragma once
// A report document as one self-contained HTML5 page (UTF-8, lang zh-CN): the
// style sheet reports/report.css inlined, bar charts as inline SVG, nothing
// fetched from elsewhere, so the saved file reads the same offline and
// prints with each table's header repeated on every page.
//
// Every text of the document is escaped (user input reaches the cells).
// Money shows as "1,234.56" (format_yuan), percent as "87.50%". Bar lengths
// are computed on the exact integers (fen, hundredths of a percent), never
// through floating point. The output is deterministic: no timestamps, so
// the same document gives the same bytes.
#include <ostream>
#include <string>
#include <string_view>

#include "report/report_document.hpp"

namespace jiangbu {

void write_document_html(std::ostream& out, const ReportDocument& document);
// The same page's <header> and <main> only, for pages that wrap reports in a
// layout of their own (the web front).
void write_document_html_body(std::ostream& out, const ReportDocument& document);
// reports/report.css, as compiled into the binary.
std::string_view report_style_sheet();

// Text for element content and quoted attribute values alike: & < > " '
// escaped, control characters dropped, invalid UTF-8 shown as U+FFFD.
std::string escape_html(std::string_view text);

}  // namespace jiangbu

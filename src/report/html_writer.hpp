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

#include "report/report_document.hpp"

namespace jiangbu {

void write_document_html(std::ostream& out, const ReportDocument& document);

}  // namespace jiangbu

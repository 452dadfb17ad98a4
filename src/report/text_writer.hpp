#pragma once
// A report document for the terminal: title, metadata, section titles,
// paragraphs, aligned tables (amounts grouped by thousands) and charts as
// rows of block characters. What `jiangbu report … --format table` prints
// and what the golden tests keep.
#include <iosfwd>

#include "report/report_document.hpp"

namespace jiangbu {

void write_document_text(std::ostream& out, const ReportDocument& document);

}  // namespace jiangbu

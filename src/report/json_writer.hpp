#pragma once
// A report document as JSON: title, metadata, and sections with their
// paragraphs, tables (rows as objects keyed by column key, the total row
// apart) and charts. Every value is a string, amounts included, so no JSON
// reader turns money into a floating-point number.
#include <iosfwd>

#include <nlohmann/json.hpp>

#include "report/report_document.hpp"

namespace jiangbu {

nlohmann::ordered_json document_json(const ReportDocument& document);
void write_document_json(std::ostream& out, const ReportDocument& document);

}  // namespace jiangbu

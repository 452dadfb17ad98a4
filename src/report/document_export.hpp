#pragma once
// Writing a report document in a named format: "table" (text), "csv",
// "json", "html" to a stream or a file; "xlsx" and "pdf" to a file; "all"
// writes every format into a folder as <document key>.<extension>.
#include <iosfwd>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "report/report_document.hpp"

namespace jiangbu {

// Returns the files written (none when the output went to `out_stream`).
Result<std::vector<std::string>> export_document(const ReportDocument& document, const std::string& format,
                                                 const std::string& out_path, std::ostream& out_stream);

}  // namespace jiangbu

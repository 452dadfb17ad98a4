#pragma once
// PDF export of a report document: A4 portrait (a table too wide for it on
// landscape pages), set in Noto CJK with cairo and Pango (layout in
// pdf_layout.hpp). The file appears complete or not at all: it is written
// beside the output under a temporary name and renamed into place only once
// cairo and the file system have both said yes.
#include <filesystem>

#include "core/result.hpp"
#include "report/report_document.hpp"

namespace jiangbu {

// Errors, never exceptions: "storage-unavailable" when the file cannot be
// written or the Noto CJK fonts are missing; "bad-text" when some text has
// a character no installed font can draw (it would print as an empty box);
// "bad-amount" for a money or percent value not in its plain form.
Status write_document_pdf(const ReportDocument& document, const std::filesystem::path& output_path);

}  // namespace jiangbu

#pragma once
// A report document as an Excel workbook (Office Open XML, ECMA-376), written
// by hand into a ZIP with libzip. Not libxlsxwriter: its number API takes a
// double, and money must never pass through floating point. Every number
// cell's <v> is the exact decimal text of the model ("1234567.89"); Excel
// shows it through a number format (#,##0.00"元", 0.00%).
//
// Layout: a first sheet "封面" (title, subtitle, metadata), then one sheet per
// section named after its title: the title in A1, then each block (paragraph,
// table with title, header and total rows, bar chart as a label/value table)
// with a blank row between blocks.
#include <filesystem>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "report/report_document.hpp"

namespace jiangbu {

// The workbook's bytes. Deterministic: the same document gives the same bytes
// (fixed ZIP timestamps, no creation date). Refuses, without throwing, a
// money, percent or count cell that is not the plain decimal the model
// promises (bad-amount) and what Excel cannot hold (bad-text: a cell of more
// than 32,767 characters; bad-file: more rows or columns than a sheet has).
Result<std::string> render_document_xlsx(const ReportDocument& document);

// Writes the workbook to a temporary file beside output_path and renames it
// over output_path, so a reader never sees half a file. Errors: those of
// render_document_xlsx, and bad-file (field "file") when the file cannot be
// written.
Status write_document_xlsx(const ReportDocument& document, const std::filesystem::path& output_path);

// The sheet names the workbook uses, in order ("封面" first): each section
// title with []:*?/\ and control characters replaced, cut to 31 UTF-16 units,
// and made unique ignoring ASCII case by a "(2)", "(3)" suffix.
std::vector<std::string> xlsx_sheet_names(const ReportDocument& document);

}  // namespace jiangbu

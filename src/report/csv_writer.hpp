#pragma once
// A report document as CSV for machines. A document with one table is that
// table, one row per line, keyed headers. A document with several tables
// (the audit report) is written long: one line per cell,
//   table,row,column,value
// where row is 1-based and "total" for the total row, so that one file holds
// every table without guessing where one ends. Amounts are plain ("1234.50"),
// percents plain ("87.50"), RFC 4180 quoting, CRLF line ends.
#include <iosfwd>

#include "report/report_document.hpp"

namespace jiangbu {

void write_document_csv(std::ostream& out, const ReportDocument& document);

}  // namespace jiangbu

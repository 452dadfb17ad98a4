#pragma once
// Gathers an AnalyticsInput from the database for one selection: every
// expenditure dated up to the selection's end (in bulk, 10,000 rows a fetch),
// the units and the people they registered, each award's review and report
// deadlines from its policy, and each share's execution from the fund
// statement.
#include "analytics/analytics_input.hpp"
#include "core/result.hpp"
#include "report/fund_statement.hpp"
#include "report/report_selection.hpp"
#include "store/database.hpp"

namespace jiangbu {

// How load_spending_rows reaches the awards' rows: award by award through an
// index, or one pass over the whole table (cheaper once the awards are a
// sizeable part of all). `cheapest` picks by the awards' share; the others
// exist so tests can hold both ways to the same rows.
enum class RowAccess { cheapest, by_award, scan };

// How the rows are read: `fastest` steps SQLite's own API on SQLite (one
// buffer per batch instead of an allocated string per cell, store/
// sqlite_row_cursor.hpp) and uses SOCI on PostgreSQL; `soci` reads through
// SOCI everywhere, so tests can hold both to the same rows.
enum class RowDriver { fastest, soci };

// The awards' expenditures dated up to `to` (reversed ones too, with their
// reversal day), award by award in expenditure order, then other awards'
// rows that share an invoice with them.
Result<SpendingData> load_spending_rows(Database& database, const std::vector<Award>& awards, const Date& to,
                                        RowAccess access = RowAccess::cheapest, RowDriver driver = RowDriver::fastest);

Result<AnalyticsInput> load_analytics_input(Database& database, const FundStatement& statement);
// With rows load_spending_rows gave for the statement's awards and end.
Result<AnalyticsInput> load_analytics_input(Database& database, const FundStatement& statement, SpendingData rows);
Result<AnalyticsInput> load_analytics_input(Database& database, const ReportSelection& selection);

}  // namespace jiangbu

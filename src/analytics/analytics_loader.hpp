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

Result<AnalyticsInput> load_analytics_input(Database& database, const FundStatement& statement);
Result<AnalyticsInput> load_analytics_input(Database& database, const ReportSelection& selection);

}  // namespace jiangbu

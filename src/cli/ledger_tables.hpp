#pragma once
// Ledger reports as output tables, shared by `report` and `demo`.
#include "cli/output.hpp"
#include "ledger/balances.hpp"
#include "report/report_document.hpp"

namespace jiangbu {

Table trial_balance_table(const TrialBalance& report);
// The same as a report document (the CLI's and the web API's trial balance).
ReportDocument trial_balance_document(const TrialBalance& report);

}  // namespace jiangbu

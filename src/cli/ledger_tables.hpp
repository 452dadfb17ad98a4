#pragma once
// Ledger reports as output tables, shared by `report` and `demo`.
#include "cli/output.hpp"
#include "ledger/balances.hpp"

namespace jiangbu {

Table trial_balance_table(const TrialBalance& report);

}  // namespace jiangbu

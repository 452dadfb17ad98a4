#pragma once
// The main job's scenario until awards and expenditures land: a finance
// bureau receives its quota, accrues and pays one award split between two
// lead units, the units receive it on their dedicated sub-ledgers and one
// spends part of it (with a mistaken entry reversed). Every entry goes
// through the same Journal the CLI uses.
#include <vector>

#include "core/result.hpp"
#include "ledger/journal_entry.hpp"
#include "store/database.hpp"

namespace jiangbu {

struct ScenarioResult {
  std::vector<std::string> book_ids;
  std::vector<JournalEntry> entries;
};

// Expects an initialised database with no other books than the bureau's.
Result<ScenarioResult> run_foundation_scenario(Database& database);

}  // namespace jiangbu

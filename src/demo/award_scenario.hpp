#pragma once
// The main job's scenario: a finance bureau receives its quota, registers
// lead units and brands, and grants and pays a realistic year of awards under
// the three paying policies (西咸 2024, 綦江 2023, 乌鲁木齐 2024) — co-leads
// split by contribution, instalments, a suspension lifted, a revocation —
// while one unit books its first spending and corrects a mistaken entry.
// Every step goes through the same library calls the CLI uses; refusals the
// rules produce on the way are collected, not hidden.
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/result.hpp"
#include "store/database.hpp"

namespace jiangbu {

struct ScenarioRefusal {
  std::string attempt;  // what was tried
  Error error;          // why the rules refused it
};

struct ScenarioResult {
  std::vector<std::string> book_ids;  // bureau first, then each unit's
  std::vector<ScenarioRefusal> refusals;
};

// Expects an initialised database without units.
Result<ScenarioResult> run_award_scenario(Database& database);

}  // namespace jiangbu

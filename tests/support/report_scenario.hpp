#pragma once
// A small fixed scenario for report tests: one 西咸 award of 200,000 split
// 100,000 / 100,000 between two units; unit A is paid in full and spends
// across two quarters (one expenditure reversed, one cash submission
// rejected then corrected, a retroactive and an overdrawn one rejected) and
// has 10,000 clawed back; unit B is paid 60,000 and spends 6,000.
#include <string>

#include "core/date.hpp"
#include "store/database.hpp"

namespace jiangbu::testing {

inline const std::string report_unit_a = "91610000MA6TG12349";
inline const std::string report_unit_b = "91611100MA6TX0B25D";

Date report_day(const char* text);
void build_report_scenario(Database& database);

}  // namespace jiangbu::testing

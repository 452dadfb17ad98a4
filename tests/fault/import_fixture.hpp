#pragma once
// The fault tests' bulk-import fixture: a database with units, awards paid in
// full and fund-use plans, and a seeded expenditure CSV against it with a
// realistic mix of accepted rows and rows rejected for different reasons, so
// that both the expenditures and the exception register grow.
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>

#include "core/result.hpp"
#include "store/database.hpp"

namespace jiangbu::fault {

struct ImportFixtureShape {
  std::size_t rows = 100'000;
  std::uint64_t seed = 1;
  std::size_t xixian_units = 40;  // 西咸 municipal awards, 20万 each, one lead each
  std::size_t urumqi_units = 20;  // 乌鲁木齐 municipal awards, each with a filed plan
};

// The day the import judges future dates against (`--today`).
inline constexpr const char* fixture_today = "2024-12-31";

// Registers the units, brands, recognitions and awards, pays every share in
// full and files the 乌鲁木齐 plans. Deterministic: two databases prepared with
// the same shape are identical. Expects an initialised database (migrations,
// charts, policies, the bureau's book).
Status prepare_import_database(Database& database, const ImportFixtureShape& shape);

// Writes the CSV; returns how many rows of each intended kind it holds
// ("valid", "cash-payment", …). The verdicts themselves come from the rules.
std::map<std::string, std::size_t> write_import_csv(const std::string& path, const ImportFixtureShape& shape);

}  // namespace jiangbu::fault

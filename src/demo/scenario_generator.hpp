#pragma once
// `jiangbu demo generate`: a reproducible scenario at any scale. From a seed
// it plans N lead units, their brands, recognitions and awards under the
// three paying policies (西咸 2024, 綦江 2023, 乌鲁木齐 2024), the payments,
// fund-use plans and the persons related to each unit; registers them in a
// database through the library; writes them as the files the CLI's --file
// imports take; and writes E expenditure rows in the import's format with a
// known number of each violation the rules refuse and of each pattern the
// auditor analytics look for, counted in a manifest.
//
// Everything is drawn from std::mt19937_64's raw output, so the same seed
// gives byte-identical files on every machine. The expenditure file is a pure
// function of the shape: it does not read the database. The generator follows
// what the rules will decide row by row (what is left of each share and of
// each plan line, the invoices already claimed) so that a valid row is never
// refused and a planted one is refused for its one reason.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "store/database.hpp"

namespace jiangbu {

struct ScenarioShape {
  std::size_t expenditures = 10'000;
  std::uint64_t seed = 1;
  std::size_t units = 0;  // 0: scale with expenditures (default_scenario_units)
};

inline constexpr std::size_t scenario_units_min = 15;        // room for every planted pattern
inline constexpr std::size_t scenario_units_max = 200'000;
inline constexpr std::size_t scenario_expenditures_max = 50'000'000;
// Rows per lead unit by default, and at most: each row spends 245 元 on
// average, and a unit's share is 10万–30万 (or a part of one), so that valid
// spending uses about half of what was paid and never runs out.
inline constexpr std::size_t scenario_rows_per_unit = 400;
inline constexpr std::size_t scenario_rows_per_unit_max = 600;
// The day the expenditure file is meant to be judged on (`expenditure import
// --today`): its future-dated rows fall after it, everything else before.
inline constexpr const char* scenario_today = "2025-12-31";
inline constexpr const char* scenario_period_from = "2024-01-01";

std::size_t default_scenario_units(std::size_t expenditures);
// Refuses (bad-option, naming --expenditures or --units) a shape that cannot
// be generated: no rows, too many, too few or too many units for the rows.
Status check_scenario_shape(const ScenarioShape& shape);

// One planted analytics pattern: whose it is and the submissions it consists of.
struct PlantedPattern {
  std::string unit_id;
  std::string award_id;
  std::vector<std::string> external_ids;
};

struct ScenarioManifest {
  ScenarioShape shape;
  std::size_t units = 0;
  std::size_t awards = 0;
  std::size_t shares = 0;
  std::size_t payees = 0;
  // Rows written per kind: "valid" (accepted when imported, planted patterns
  // included), "sent-again" (an earlier row repeated: replays its verdict),
  // "corrected" (a rejected row sent again fixed: accepted), and one count
  // per reason code planted (each such row is refused for that reason only).
  std::map<std::string, std::size_t> rows;
  // Planted analytics patterns by analysis key ("split-payments", …).
  std::map<std::string, std::vector<PlantedPattern>> patterns;
};

std::string scenario_manifest_json(const ScenarioManifest& manifest);

struct ScenarioPlan;

class ScenarioGenerator {
 public:
  // Plans the master data; refuses a shape check_scenario_shape refuses.
  static Result<ScenarioGenerator> plan(const ScenarioShape& shape);
  ~ScenarioGenerator();
  ScenarioGenerator(ScenarioGenerator&&) noexcept;
  ScenarioGenerator& operator=(ScenarioGenerator&&) noexcept;

  // Registers everything on an initialised database without those units.
  // Commits do not wait for the disk while it runs (SQLite synchronous=NORMAL
  // in WAL mode, PostgreSQL synchronous_commit=off, this connection only):
  // a crash can lose the last registrations, never corrupt the database, and
  // the scenario is regenerated from its seed.
  Status prepare_database(Database& database) const;
  // units.json, brands.json, recognitions.json, awards.json, payments.json
  // (the --file inputs of unit add, brand add, recognition add, award grant,
  // award pay), and plans.json and related-parties.json, which no command
  // imports yet.
  Status write_master_files(const std::filesystem::path& folder) const;
  // The expenditure rows, with the import's Chinese headers.
  Result<ScenarioManifest> write_expenditures(const std::filesystem::path& csv_path) const;

 private:
  explicit ScenarioGenerator(std::unique_ptr<ScenarioPlan> plan);
  std::unique_ptr<ScenarioPlan> plan_;
};

struct ScenarioFiles {
  ScenarioManifest manifest;
  std::filesystem::path csv_path;
  std::filesystem::path manifest_path;
};

// All of it: plan, register on the database (initialised by the caller),
// write the master files, expenditures.csv and manifest.json into `folder`.
Result<ScenarioFiles> generate_scenario(Database& database, const std::filesystem::path& folder,
                                        const ScenarioShape& shape);

}  // namespace jiangbu

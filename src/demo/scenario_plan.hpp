#pragma once
// The master data of a generated scenario as planned from its seed, before
// anything is written: shared by the parts that register it in a database,
// write it as files and write the expenditure rows against it.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "award/award.hpp"
#include "core/date.hpp"
#include "demo/payee_names.hpp"
#include "demo/scenario_generator.hpp"
#include "policy/policy.hpp"
#include "registry/brands.hpp"
#include "registry/units.hpp"

namespace jiangbu {

struct PlannedUnit {
  UnitInput input;
  Area area = Area::shaanxi;
  std::string legal_representative;  // registered as related (法定代表人)
};

struct PlannedAward {
  Brand brand;
  Recognition recognition;
  GrantInput grant;
  std::size_t policy = 0;  // index into ScenarioPlan::policies
};

struct PlannedPayment {
  std::string award_id;
  std::string unit_id;
  std::optional<Money> amount;  // empty: the rest of the share
  Date paid_on = Date::from_parts(2000, 1, 1);
  std::string reference;
};

struct PlannedLine {
  std::size_t category = 0;  // index into the policy's allowed categories
  std::int64_t amount_fen = 0;
};

enum class ShareRole { ordinary, idle, spike, concentrated, pattern_host };

struct PlannedShare {
  std::size_t award = 0;
  std::size_t unit = 0;
  std::int64_t amount_fen = 0;
  Date effective_on = Date::from_parts(2000, 1, 1);
  Date spending_from = Date::from_parts(2000, 1, 1);  // first day of ordinary spending
  std::optional<Date> plan_filed_on;
  std::string plan_document;
  std::vector<PlannedLine> plan_lines;        // empty: no plan filed
  std::vector<std::size_t> categories;        // allowed categories used, when there is no plan
  std::vector<std::uint32_t> category_weights;
  std::vector<std::uint32_t> payees;          // indices into ScenarioPlan::payees; companies first
  ShareRole role = ShareRole::ordinary;
  std::int64_t reserved_fen = 0;              // kept back from ordinary spending for planted rows
};

enum class PatternKind {
  split_payments,
  round_amounts,
  rest_days,
  related_parties,
  near_duplicate_payees,
  duplicate_invoices,
  idle_funds,
  spending_spikes,
  payee_concentration,
};

struct PatternJob {
  PatternKind kind = PatternKind::split_payments;
  std::size_t share = 0;
  std::size_t position = 0;  // the row before which it is written
  Party look_alike;          // near-duplicate payees: the planted look-alike
  std::uint32_t original_payee = 0;
};

struct ScenarioPlan {
  ScenarioShape shape;
  std::vector<Policy> policies;  // xixian-2024, qijiang-2023, urumqi-2024
  std::vector<PlannedUnit> units;
  std::vector<PlannedAward> awards;
  std::vector<PlannedShare> shares;
  std::vector<PlannedPayment> payments;
  std::vector<Party> payees;
  std::vector<PatternJob> jobs;  // in position order
  Money quota;                   // the bureau's 用款额度, all awards together
};

// Plans units, awards, payments, plans, payees and the pattern jobs.
Result<ScenarioPlan> plan_scenario(const ScenarioShape& shape);
// Writes the expenditure rows of the plan (scenario_rows.cpp).
Result<ScenarioManifest> write_scenario_rows(const ScenarioPlan& plan, const std::filesystem::path& csv_path);

// Rows each pattern job writes.
std::size_t pattern_rows(PatternKind kind);
std::string_view pattern_key(PatternKind kind);  // the analysis key, "split-payments"

}  // namespace jiangbu

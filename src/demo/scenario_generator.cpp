#include "demo/scenario_generator.hpp"

#include <chrono>
#include <fstream>

#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>

#include "award/award.hpp"
#include "core/reason_code.hpp"
#include "demo/scenario_plan.hpp"
#include "expenditure/fund_use_plan.hpp"
#include "ledger/books.hpp"
#include "ledger/journal.hpp"
#include "registry/brands.hpp"
#include "registry/related_parties.hpp"
#include "registry/units.hpp"

namespace jiangbu {

namespace {

using Json = nlohmann::ordered_json;

// A step of the preparation that the rules should accept; a refusal is a generator bug.
template <typename T>
Status expect(const std::string& step, const Result<T>& result) {
  if (result) return success();
  return Error(result.error().code, step + ": " + result.error().message, result.error().field);
}

// Commits that do not wait for the disk, on this connection, until destroyed.
class UnsyncedCommits {
 public:
  explicit UnsyncedCommits(Database& database) : database_(database) {
    database_.session() << (database_.backend() == Backend::sqlite ? "PRAGMA synchronous = NORMAL"
                                                                   : "SET synchronous_commit = off");
  }
  ~UnsyncedCommits() {
    try {
      database_.session() << (database_.backend() == Backend::sqlite ? "PRAGMA synchronous = FULL"
                                                                     : "SET synchronous_commit = on");
    } catch (const std::exception&) {
      // The connection is gone; the next one starts with the durable default.
    }
  }
  UnsyncedCommits(const UnsyncedCommits&) = delete;
  UnsyncedCommits& operator=(const UnsyncedCommits&) = delete;

 private:
  Database& database_;
};

Status register_units(Database& database, const ScenarioPlan& plan) {
  for (const auto& unit : plan.units) {
    if (auto added = expect("unit " + unit.input.uscc, add_unit(database, unit.input)); !added) return added;
    if (auto added = expect("related party of " + unit.input.uscc,
                            add_related_party(database, {unit.input.uscc, unit.legal_representative, "legal-representative"}));
        !added) {
      return added;
    }
  }
  return success();
}

Status register_awards(Database& database, const ScenarioPlan& plan) {
  // The bureau receives its 用款额度 for all the awards at the start of the year.
  Journal journal(database);
  if (auto posted = expect("quota", journal.post({std::string(bureau_book_id), Date::from_parts(2024, 1, 2),
                                                  "收到就业补助资金用款额度", "quota:2024",
                                                  {{"1011", Side::debit, plan.quota}, {"4001", Side::credit, plan.quota},
                                                   {"8001", Side::debit, plan.quota}, {"6001", Side::credit, plan.quota}}}));
      !posted) {
    return posted;
  }
  for (const auto& award : plan.awards) {
    if (auto added = expect("brand " + award.brand.brand_id, add_brand(database, award.brand)); !added) return added;
    if (auto added = expect("recognition " + award.recognition.recognition_id, add_recognition(database, award.recognition));
        !added) {
      return added;
    }
    if (auto granted = expect("award " + award.grant.award_id, grant_award(database, award.grant)); !granted) return granted;
  }
  for (const auto& payment : plan.payments) {
    if (auto paid = expect("payment " + payment.reference,
                           pay_award(database, {payment.award_id, payment.unit_id, payment.amount, payment.paid_on, "1011",
                                                payment.reference}));
        !paid) {
      return paid;
    }
  }
  return success();
}

PlanInput plan_input(const ScenarioPlan& plan, const PlannedShare& share) {
  const auto& award = plan.awards[share.award];
  PlanInput input{award.grant.award_id, plan.units[share.unit].input.uscc, *share.plan_filed_on, share.plan_document, {}};
  for (const auto& line : share.plan_lines) {
    input.lines.emplace_back(plan.policies[award.policy].allowed_categories[line.category].code,
                             Money::from_fen(line.amount_fen).to_plain_string());
  }
  return input;
}

Status file_plans(Database& database, const ScenarioPlan& plan) {
  for (const auto& share : plan.shares) {
    if (!share.plan_filed_on) continue;
    if (auto filed = expect("plan " + share.plan_document, file_plan(database, plan_input(plan, share))); !filed) return filed;
  }
  return success();
}

Status write_json(const std::filesystem::path& path, const Json& value) {
  std::ofstream file(path, std::ios::binary);
  file << value.dump(2) << '\n';
  file.close();
  if (!file) return make_error(ReasonCode::cannot_write_output, "cannot write " + path.string(), "out");
  return success();
}

Json units_json(const ScenarioPlan& plan) {
  Json rows = Json::array();
  for (const auto& unit : plan.units) {
    rows.push_back({{"uscc", unit.input.uscc}, {"name", unit.input.name}, {"type", unit.input.type}, {"method", unit.input.method}});
  }
  return rows;
}

Json awards_json(const ScenarioPlan& plan, Json& brands, Json& recognitions) {
  Json grants = Json::array();
  for (const auto& award : plan.awards) {
    brands.push_back({{"id", award.brand.brand_id}, {"name", award.brand.name},
                      {"category", std::string(brand_category_name(award.brand.category))},
                      {"intangible_heritage", award.brand.intangible_heritage}});
    recognitions.push_back({{"id", award.recognition.recognition_id}, {"brand", award.recognition.brand_id},
                            {"tier", std::string(tier_name(award.recognition.tier))}, {"policy", award.recognition.policy_id},
                            {"date", award.recognition.recognized_on.to_string()},
                            {"document", award.recognition.document_number}, {"units", award.recognition.unit_ids}});
    grants.push_back({{"id", award.grant.award_id}, {"recognition", award.grant.recognition_id},
                      {"date", award.grant.effective_on.to_string()}, {"document", award.grant.document_number},
                      {"weights", award.grant.weights}, {"shares", Json::array()}});
  }
  return grants;
}

Json payments_json(const ScenarioPlan& plan) {
  Json rows = Json::array();
  for (const auto& payment : plan.payments) {
    rows.push_back({{"award", payment.award_id}, {"unit", payment.unit_id},
                    {"amount", payment.amount ? payment.amount->to_plain_string() : std::string("all")},
                    {"date", payment.paid_on.to_string()}, {"from", "1011"}, {"reference", payment.reference}});
  }
  return rows;
}

Json plans_json(const ScenarioPlan& plan) {
  Json rows = Json::array();
  for (const auto& share : plan.shares) {
    if (!share.plan_filed_on) continue;
    const PlanInput input = plan_input(plan, share);
    Json lines = Json::object();
    for (const auto& [category, amount] : input.lines) lines[category] = amount;
    rows.push_back({{"award", input.award_id}, {"unit", input.unit_id}, {"date", input.filed_on.to_string()},
                    {"document", input.document}, {"lines", lines}});
  }
  return rows;
}

Json related_json(const ScenarioPlan& plan) {
  Json rows = Json::array();
  for (const auto& unit : plan.units) {
    rows.push_back({{"uscc", unit.input.uscc}, {"name", unit.legal_representative}, {"relation", "legal-representative"}});
  }
  return rows;
}

}  // namespace

std::size_t default_scenario_units(std::size_t expenditures) {
  return std::clamp((expenditures + scenario_rows_per_unit - 1) / scenario_rows_per_unit, scenario_units_min,
                    scenario_units_max);
}

Status check_scenario_shape(const ScenarioShape& shape) {
  if (shape.expenditures == 0 || shape.expenditures > scenario_expenditures_max) {
    return make_error(ReasonCode::bad_option,
                      "must be between 1 and " + std::to_string(scenario_expenditures_max) + " rows", "expenditures");
  }
  if (shape.units == 0) return success();
  if (shape.units < scenario_units_min || shape.units > scenario_units_max) {
    return make_error(ReasonCode::bad_option, "must be between " + std::to_string(scenario_units_min) + " and " +
                                                  std::to_string(scenario_units_max) + " units", "units");
  }
  const std::size_t needed = (shape.expenditures + scenario_rows_per_unit_max - 1) / scenario_rows_per_unit_max;
  if (shape.units < needed) {
    return make_error(ReasonCode::bad_option,
                      std::to_string(shape.units) + " units cannot pay for " + std::to_string(shape.expenditures) +
                          " expenditures without overdrawing: at least " + std::to_string(needed) + " are needed",
                      "units");
  }
  return success();
}

std::string scenario_manifest_json(const ScenarioManifest& manifest) {
  Json patterns = Json::object();
  for (const auto& [key, instances] : manifest.patterns) {
    Json listed = Json::array();
    for (const auto& instance : instances) {
      listed.push_back({{"unit", instance.unit_id}, {"award", instance.award_id}, {"external_ids", instance.external_ids}});
    }
    patterns[key] = {{"count", instances.size()}, {"instances", listed}};
  }
  Json rows = Json::object();
  for (const auto& [kind, count] : manifest.rows) rows[kind] = count;
  const Json document = {
      {"seed", manifest.shape.seed},
      {"expenditures", manifest.shape.expenditures},
      {"units", manifest.units},
      {"awards", manifest.awards},
      {"shares", manifest.shares},
      {"payees", manifest.payees},
      {"judge_as_of", scenario_today},
      {"period", {{"from", scenario_period_from}, {"to", scenario_today}}},
      {"import", std::string("jiangbu expenditure import expenditures.csv --today ") + scenario_today},
      {"rows", rows},
      {"patterns", patterns},
  };
  return document.dump(2) + "\n";
}

ScenarioGenerator::ScenarioGenerator(std::unique_ptr<ScenarioPlan> plan) : plan_(std::move(plan)) {}
ScenarioGenerator::~ScenarioGenerator() = default;
ScenarioGenerator::ScenarioGenerator(ScenarioGenerator&&) noexcept = default;
ScenarioGenerator& ScenarioGenerator::operator=(ScenarioGenerator&&) noexcept = default;

Result<ScenarioGenerator> ScenarioGenerator::plan(const ScenarioShape& shape) {
  auto planned = plan_scenario(shape);
  if (!planned) return planned.error();
  return ScenarioGenerator(std::make_unique<ScenarioPlan>(std::move(planned.value())));
}

Status ScenarioGenerator::prepare_database(Database& database) const {
  const UnsyncedCommits unsynced(database);
  const auto start = std::chrono::steady_clock::now();
  const auto log_stage = [&](const char* stage) {
    spdlog::debug("demo generate: {} after {:.2f} s", stage,
                  std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  };
  if (auto done = register_units(database, *plan_); !done) return done;
  log_stage("units and related parties registered");
  if (auto done = register_awards(database, *plan_); !done) return done;
  log_stage("brands, recognitions, awards and payments registered");
  auto filed = file_plans(database, *plan_);
  log_stage("plans filed");
  return filed;
}

Status ScenarioGenerator::write_master_files(const std::filesystem::path& folder) const {
  Json brands = Json::array();
  Json recognitions = Json::array();
  const Json grants = awards_json(*plan_, brands, recognitions);
  const std::pair<const char*, Json> files[] = {
      {"units.json", units_json(*plan_)},   {"brands.json", brands},         {"recognitions.json", recognitions},
      {"awards.json", grants},              {"payments.json", payments_json(*plan_)},
      {"plans.json", plans_json(*plan_)},   {"related-parties.json", related_json(*plan_)},
  };
  for (const auto& [name, value] : files) {
    if (auto written = write_json(folder / name, value); !written) return written;
  }
  return success();
}

Result<ScenarioManifest> ScenarioGenerator::write_expenditures(const std::filesystem::path& csv_path) const {
  return write_scenario_rows(*plan_, csv_path);
}

Result<ScenarioFiles> generate_scenario(Database& database, const std::filesystem::path& folder,
                                        const ScenarioShape& shape) {
  // Each stage's time at --log-level info: the scale issue measures them.
  const auto seconds_since = [](std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  };
  auto start = std::chrono::steady_clock::now();
  auto generator = ScenarioGenerator::plan(shape);
  if (!generator) return generator.error();
  spdlog::info("demo generate: scenario planned in {:.2f} s", seconds_since(start));
  std::error_code failed;
  std::filesystem::create_directories(folder, failed);
  if (failed) return make_error(ReasonCode::cannot_write_output, "cannot create " + folder.string() + ": " + failed.message(), "out");
  start = std::chrono::steady_clock::now();
  if (auto prepared = generator.value().prepare_database(database); !prepared) return prepared.error();
  spdlog::info("demo generate: master data registered in {:.2f} s", seconds_since(start));
  if (auto written = generator.value().write_master_files(folder); !written) return written.error();
  start = std::chrono::steady_clock::now();
  const std::filesystem::path csv_path = folder / "expenditures.csv";
  const std::filesystem::path manifest_path = folder / "manifest.json";
  auto manifest = generator.value().write_expenditures(csv_path);
  if (!manifest) return manifest.error();
  spdlog::info("demo generate: {} expenditure rows written in {:.2f} s", shape.expenditures, seconds_since(start));
  std::ofstream file(manifest_path, std::ios::binary);
  file << scenario_manifest_json(manifest.value());
  file.close();
  if (!file) return make_error(ReasonCode::cannot_write_output, "cannot write " + manifest_path.string(), "out");
  return ScenarioFiles{std::move(manifest.value()), csv_path, manifest_path};
}

}  // namespace jiangbu

#include "expenditure/stored_verdicts.hpp"

#include <nlohmann/json.hpp>

#include "core/assert.hpp"

namespace jiangbu {

namespace {

// The keys travel as one bound JSON array of [unit, external id] pairs
// (store/bulk_rows.hpp): one statement per table and batch, its text fixed.
constexpr const char* accepted_sqlite =
    "SELECT CAST(e.expenditure_id AS TEXT), e.unit_id, e.external_id FROM json_each(:keys) k "
    "JOIN expenditures e ON e.unit_id = json_extract(k.value, '$[0]') AND e.external_id = json_extract(k.value, '$[1]')";
constexpr const char* accepted_postgresql =
    "SELECT CAST(e.expenditure_id AS TEXT), e.unit_id, e.external_id FROM json_array_elements(CAST(:keys AS json)) "
    "AS k(value) JOIN expenditures e ON e.unit_id = k.value->>0 AND e.external_id = k.value->>1";
constexpr const char* rejected_sqlite =
    "SELECT CAST(x.exception_id AS TEXT), x.unit_uscc, x.external_id, x.input_json, x.reasons, x.messages "
    "FROM json_each(:keys) k JOIN expenditure_exceptions x ON x.unit_uscc = json_extract(k.value, '$[0]') "
    "AND x.external_id = json_extract(k.value, '$[1]') ORDER BY x.exception_id";
constexpr const char* rejected_postgresql =
    "SELECT CAST(x.exception_id AS TEXT), x.unit_uscc, x.external_id, x.input_json, x.reasons, x.messages "
    "FROM json_array_elements(CAST(:keys AS json)) AS k(value) JOIN expenditure_exceptions x "
    "ON x.unit_uscc = k.value->>0 AND x.external_id = k.value->>1 ORDER BY x.exception_id";

}  // namespace

std::size_t StoredVerdicts::KeyHash::operator()(const Key& key) const {
  const std::size_t unit = std::hash<std::string>{}(key.first);
  // Mixed so that (a, b) and (b, a) differ.
  return unit ^ (std::hash<std::string>{}(key.second) + 0x9e3779b97f4a7c15ULL + (unit << 6) + (unit >> 2));
}

StoredVerdicts::StoredVerdicts(Database& database, std::size_t keys_max) : database_(database), keys_max_(keys_max) {
  JIANGBU_ASSERT(keys_max > 0);
}

StoredVerdicts::~StoredVerdicts() = default;

void StoredVerdicts::load(const std::vector<ExpenditureInput>& inputs) {
  JIANGBU_ASSERT(inputs.size() <= keys_max_);
  found_.clear();
  covered_.clear();
  // A submission without a unit or an external id is never replayed.
  nlohmann::json keys = nlohmann::json::array();
  for (const auto& input : inputs) {
    if (input.external_id.empty() || input.unit_uscc.empty()) continue;
    if (covered_.insert({input.unit_uscc, input.external_id}).second) keys.push_back({input.unit_uscc, input.external_id});
  }
  if (keys.empty()) return;
  const std::string list = keys.dump();
  const bool sqlite = database_.backend() == Backend::sqlite;
  const soci::rowset<soci::row> accepted_rows =
      (database_.session().prepare << (sqlite ? accepted_sqlite : accepted_postgresql), soci::use(list));
  for (const auto& row : accepted_rows) {
    found_[{row.get<std::string>(1), row.get<std::string>(2)}].expenditure_id = std::stoll(row.get<std::string>(0));
  }
  const soci::rowset<soci::row> rejected_rows =
      (database_.session().prepare << (sqlite ? rejected_sqlite : rejected_postgresql), soci::use(list));
  for (const auto& row : rejected_rows) {
    StoredVerdict& verdict = found_[{row.get<std::string>(1), row.get<std::string>(2)}];
    if (verdict.expenditure_id) continue;
    verdict.exception_id = std::stoll(row.get<std::string>(0));  // ascending ids: the latest rejection wins
    verdict.input_json = row.get<std::string>(3);
    verdict.reason_codes = row.get<std::string>(4);
    verdict.messages = row.get<std::string>(5);
  }
}

void StoredVerdicts::remember(const ExpenditureInput& input, const StoredVerdict& verdict) {
  if (input.external_id.empty() || input.unit_uscc.empty()) return;
  JIANGBU_ASSERT(covers(input) && "only a loaded batch's submissions are remembered");
  found_[{input.unit_uscc, input.external_id}] = verdict;
}

bool StoredVerdicts::covers(const ExpenditureInput& input) const {
  return covered_.contains({input.unit_uscc, input.external_id});
}

const StoredVerdict* StoredVerdicts::find(const ExpenditureInput& input) const {
  const auto found = found_.find({input.unit_uscc, input.external_id});
  return found == found_.end() ? nullptr : &found->second;
}

}  // namespace jiangbu

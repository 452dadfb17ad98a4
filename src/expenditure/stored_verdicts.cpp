#include "expenditure/stored_verdicts.hpp"

#include "core/assert.hpp"

namespace jiangbu {

namespace {

// "(unit_id = :u0 AND external_id = :e0) OR …": the text depends only on the
// number of keys, never on their values, which are all bound.
std::string key_condition(const char* unit_column, std::size_t keys) {
  std::string condition;
  for (std::size_t index = 0; index < keys; ++index) {
    const std::string number = std::to_string(index);
    condition += (index == 0 ? "(" : " OR (") + std::string(unit_column) + " = :u" + number +
                 " AND external_id = :e" + number + ")";
  }
  return condition;
}

}  // namespace

// SOCI 4.0.3 mishandles re-executed vector binds on PostgreSQL, and reading a
// multi-row result row by row into scalar intos gave rows the wrong keys here
// (found by the kill test on SQLite): each batch runs its own statement with
// scalar binds, read as a rowset of text columns.
struct StoredVerdicts::Statements {
  std::string accepted_sql;
  std::string rejected_sql;
  std::vector<std::string> units;
  std::vector<std::string> external_ids;
};

StoredVerdicts::StoredVerdicts(Database& database, std::size_t keys_max)
    : database_(database), keys_max_(keys_max), statements_(std::make_unique<Statements>()) {
  JIANGBU_ASSERT(keys_max > 0);
  Statements& statements = *statements_;
  statements.units.resize(keys_max);
  statements.external_ids.resize(keys_max);
  statements.accepted_sql = "SELECT CAST(expenditure_id AS TEXT), unit_id, external_id FROM expenditures WHERE " +
                            key_condition("unit_id", keys_max);
  statements.rejected_sql =
      "SELECT CAST(exception_id AS TEXT), unit_uscc, external_id, input_json, reasons, messages "
      "FROM expenditure_exceptions WHERE " + key_condition("unit_uscc", keys_max) + " ORDER BY exception_id";
}

StoredVerdicts::~StoredVerdicts() = default;

void StoredVerdicts::load(const std::vector<ExpenditureInput>& inputs) {
  JIANGBU_ASSERT(inputs.size() <= keys_max_);
  found_.clear();
  covered_.clear();
  Statements& statements = *statements_;
  // A submission without a unit or an external id is never replayed.
  std::size_t bound = 0;
  for (const auto& input : inputs) {
    if (input.external_id.empty() || input.unit_uscc.empty()) continue;
    statements.units[bound] = input.unit_uscc;
    statements.external_ids[bound] = input.external_id;
    covered_[{input.unit_uscc, input.external_id}] += 1;
    ++bound;
  }
  if (bound == 0) return;
  for (std::size_t index = bound; index < keys_max_; ++index) {  // repeat a key: no extra rows
    statements.units[index] = statements.units[0];
    statements.external_ids[index] = statements.external_ids[0];
  }
  const auto bind_keys = [&](soci::details::prepare_temp_type& query) {
    for (std::size_t index = 0; index < keys_max_; ++index) {
      query, soci::use(statements.units[index]), soci::use(statements.external_ids[index]);
    }
  };
  soci::details::prepare_temp_type accepted = (database_.session().prepare << statements.accepted_sql);
  bind_keys(accepted);
  const soci::rowset<soci::row> accepted_rows(accepted);
  for (const auto& row : accepted_rows) {
    found_[{row.get<std::string>(1), row.get<std::string>(2)}].expenditure_id = std::stoll(row.get<std::string>(0));
  }
  soci::details::prepare_temp_type rejected = (database_.session().prepare << statements.rejected_sql);
  bind_keys(rejected);
  const soci::rowset<soci::row> rejected_rows(rejected);
  for (const auto& row : rejected_rows) {
    StoredVerdict& verdict = found_[{row.get<std::string>(1), row.get<std::string>(2)}];
    if (verdict.expenditure_id) continue;
    verdict.exception_id = std::stoll(row.get<std::string>(0));  // ascending ids: the latest rejection wins
    verdict.input_json = row.get<std::string>(3);
    verdict.reason_codes = row.get<std::string>(4);
    verdict.messages = row.get<std::string>(5);
  }
}

bool StoredVerdicts::covers(const ExpenditureInput& input) const {
  const auto found = covered_.find({input.unit_uscc, input.external_id});
  // A submission that occurs twice in one batch is looked up row by row: its
  // first occurrence stores a verdict that this lookup did not see.
  return found != covered_.end() && found->second == 1;
}

const StoredVerdict* StoredVerdicts::find(const ExpenditureInput& input) const {
  const auto found = found_.find({input.unit_uscc, input.external_id});
  return found == found_.end() ? nullptr : &found->second;
}

}  // namespace jiangbu

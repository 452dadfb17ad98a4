#include "expenditure/batch_facts.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "award/award_event_history.hpp"
#include "core/assert.hpp"
#include "core/text.hpp"
#include "expenditure/invoice.hpp"
#include "policy/policy_store.hpp"
#include "store/bulk_rows.hpp"
#include "store/money_conversion.hpp"

namespace jiangbu {

namespace {

constexpr std::size_t lookup_text_bytes_max = 200;

// Ids and keys go to the database only as valid, printable text:
// PostgreSQL refuses invalid UTF-8 and NUL even inside a bound JSON value.
bool is_lookup_text(const std::string& text) { return validate_text(text, "", lookup_text_bytes_max).ok(); }

std::string json_list(const std::vector<std::string>& texts) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& text : texts) list.push_back(text);
  return list.dump();
}

}  // namespace

void BatchFacts::prepare(const std::vector<ExpenditureInput>& inputs) {
  const bool postgresql = database_.backend() == Backend::postgresql;
  if (postgresql || other_writer_committed()) {
    states_.clear();
    policies_.clear();
    categories_known_.clear();
  }
  // Positive answers about units and awards stay (both tables are
  // append-only); "no such award" may have changed since.
  std::erase_if(units_, [](const auto& entry) { return !entry.second; });
  std::erase_if(awards_, [](const auto& entry) { return !entry.second; });
  std::set<std::string> wanted;
  for (const auto& input : inputs) {
    if (is_lookup_text(input.award_id) && !states_.contains(input.award_id)) wanted.insert(input.award_id);
  }
  load_awards({wanted.begin(), wanted.end()});
  load_invoice_claims(inputs);
}

bool BatchFacts::other_writer_committed() {
  long long version = 0;
  database_.session() << "PRAGMA data_version", soci::into(version);
  const bool changed = version != data_version_;
  data_version_ = version;
  return changed;
}

void BatchFacts::load_awards(const std::vector<std::string>& award_ids) {
  if (award_ids.empty()) return;
  const std::string ids = json_list(award_ids);
  if (database_.backend() == Backend::postgresql) {
    // The same share lock single recording and payments take, for every
    // share of these awards, in key order.
    long long locked = 0;
    database_.session() << "SELECT count(*) FROM (SELECT 1 FROM award_shares WHERE award_id IN " +
                               json_text_list(Backend::postgresql, "ids") +
                               " ORDER BY award_id, unit_id FOR UPDATE) locked",
        soci::use(ids), soci::into(locked);
  }
  for (const auto& award_id : award_ids) states_[award_id];
  load_events(ids);
  load_sums(ids);
  load_spending(ids);
  load_plans(ids);
}

void BatchFacts::load_events(const std::string& ids) {
  const soci::rowset<soci::row> rows =
      (database_.session().prepare << "SELECT award_id, kind, effective_on FROM award_events WHERE award_id IN " +
                                          json_text_list(database_.backend(), "ids") +
                                          " ORDER BY award_id, effective_on, event_id",
       soci::use(ids));
  for (const auto& row : rows) {
    const auto kind = parse_award_event_kind(row.get<std::string>(1));
    const auto day = Date::parse(row.get<std::string>(2));
    JIANGBU_ASSERT(kind && day && "award_events holds checked kinds and dates");
    states_.at(row.get<std::string>(0)).events.emplace_back(*kind, day.value());
  }
}

void BatchFacts::load_sums(const std::string& ids) {
  const std::string list = json_text_list(database_.backend(), "ids");
  for (const bool payments : {true, false}) {
    const std::string table = payments ? "award_payments" : "clawbacks";
    const soci::rowset<soci::row> rows =
        (database_.session().prepare << "SELECT award_id, unit_id, CAST(SUM(amount_fen) AS TEXT) FROM " + table +
                                            " WHERE award_id IN " + list + " GROUP BY award_id, unit_id",
         soci::use(ids));
    for (const auto& row : rows) {
      AwardState& state = states_.at(row.get<std::string>(0));
      (payments ? state.paid : state.clawed_back)[row.get<std::string>(1)] = money_from_fen_text(row.get<std::string>(2));
    }
  }
}

void BatchFacts::load_spending(const std::string& ids) {
  const soci::rowset<soci::row> rows =
      (database_.session().prepare << "SELECT award_id, unit_id, category, CAST(spent_fen AS TEXT) FROM share_spending "
                                      "WHERE award_id IN " + json_text_list(database_.backend(), "ids"),
       soci::use(ids));
  for (const auto& row : rows) {
    states_.at(row.get<std::string>(0)).spent[{row.get<std::string>(1), row.get<std::string>(2)}] =
        money_from_fen_text(row.get<std::string>(3));
  }
}

void BatchFacts::load_plans(const std::string& ids) {
  const soci::rowset<soci::row> rows =
      (database_.session().prepare << "SELECT CAST(p.plan_id AS TEXT), p.award_id, p.unit_id, CAST(p.revision AS TEXT), "
                                      "p.filed_on, p.document, l.category, CAST(l.amount_fen AS TEXT) "
                                      "FROM fund_use_plans p JOIN fund_use_plan_lines l ON l.plan_id = p.plan_id "
                                      "WHERE p.award_id IN " + json_text_list(database_.backend(), "ids") +
                                      " ORDER BY p.award_id, p.unit_id, p.revision, l.category",
       soci::use(ids));
  for (const auto& row : rows) {
    auto& revisions = states_.at(row.get<std::string>(1)).plans[row.get<std::string>(2)];
    const std::int64_t plan_id = std::stoll(row.get<std::string>(0));
    if (revisions.empty() || revisions.back().plan_id != plan_id) {
      const auto filed_on = Date::parse(row.get<std::string>(4));
      JIANGBU_ASSERT(filed_on && "fund_use_plans holds checked dates");
      revisions.push_back(FundUsePlan{plan_id, row.get<std::string>(1), row.get<std::string>(2),
                                      std::stoi(row.get<std::string>(3)), filed_on.value(), row.get<std::string>(5), {}});
    }
    revisions.back().lines.push_back({row.get<std::string>(6), money_from_fen_text(row.get<std::string>(7))});
  }
}

void BatchFacts::load_invoice_claims(const std::vector<ExpenditureInput>& inputs) {
  invoice_claims_.clear();
  invoice_keys_looked_up_.clear();
  std::vector<std::string> keys;
  for (const auto& input : inputs) {
    // An individual payee has no code (the key ends in ':'); judging looks
    // those keys up too, and a key not fetched here costs a query of its own.
    if (!input.payee_uscc.empty() && !is_lookup_text(input.payee_uscc)) continue;
    auto key = invoice_key(input.invoice_code, input.invoice_number, input.payee_uscc);
    if (!key || !is_lookup_text(key.value())) continue;
    if (invoice_keys_looked_up_.insert(key.value()).second) keys.push_back(key.value());
  }
  if (keys.empty()) return;
  const std::string list = json_list(keys);
  const soci::rowset<soci::row> rows =
      (database_.session().prepare << "SELECT c.invoice_key, COALESCE(e.unit_id, ''), COALESCE(e.external_id, '') "
                                      "FROM invoice_claims c LEFT JOIN expenditures e ON e.expenditure_id = c.expenditure_id "
                                      "WHERE c.invoice_key IN " + json_text_list(database_.backend(), "keys"),
       soci::use(list));
  for (const auto& row : rows) {
    invoice_claims_[row.get<std::string>(0)] = claimant_name(database_.principal(), row.get<std::string>(1), row.get<std::string>(2));
  }
}

void BatchFacts::note_accepted(const std::string& award_id, const std::string& unit_id, const std::string& category,
                               const Money& amount, const std::string& invoice_key, const std::string& external_id) {
  state_of(award_id).spent[{unit_id, category}] += amount;
  invoice_claims_[invoice_key] = claimant_name(database_.principal(), unit_id, external_id);
  invoice_keys_looked_up_.insert(invoice_key);
}

void BatchFacts::forget() {
  data_version_ = -1;
  units_.clear();
  awards_.clear();
  policies_.clear();
  categories_known_.clear();
  states_.clear();
  invoice_claims_.clear();
  invoice_keys_looked_up_.clear();
}

BatchFacts::AwardState& BatchFacts::state_of(const std::string& award_id) {
  auto found = states_.find(award_id);
  JIANGBU_ASSERT(found != states_.end() && "prepare loaded every award the batch names");
  return found->second;
}

const Unit* BatchFacts::unit(const std::string& unit_id) {
  auto found = units_.find(unit_id);
  if (found == units_.end()) found = units_.emplace(unit_id, find_unit(database_, unit_id)).first;
  return found->second ? &*found->second : nullptr;
}

const Award* BatchFacts::award(const std::string& award_id) {
  auto found = awards_.find(award_id);
  if (found == awards_.end()) found = awards_.emplace(award_id, find_award(database_, award_id)).first;
  return found->second ? &*found->second : nullptr;
}

const Policy* BatchFacts::policy(const std::string& policy_id) {
  auto found = policies_.find(policy_id);
  if (found == policies_.end()) {
    auto stored = stored_policy(database_, policy_id);
    found = policies_.emplace(policy_id, stored ? std::optional<Policy>(stored.value()) : std::nullopt).first;
  }
  return found->second ? &*found->second : nullptr;
}

bool BatchFacts::category_known(const std::string& category) {
  auto found = categories_known_.find(category);
  if (found != categories_known_.end()) return found->second;
  bool known = false;
  for (const auto& policy_id : stored_policy_ids(database_)) {
    const Policy* other = policy(policy_id);
    known = known || (other != nullptr && (other->find_allowed(category) != nullptr ||
                                           other->find_banned(category) != nullptr));
  }
  categories_known_.emplace(category, known);
  return known;
}

std::optional<std::string> BatchFacts::invoice_claimed_by(const std::string& invoice_key) {
  const auto found = invoice_claims_.find(invoice_key);
  if (found != invoice_claims_.end()) return found->second;
  if (invoice_keys_looked_up_.contains(invoice_key)) return std::nullopt;
  return DatabaseFacts(database_).invoice_claimed_by(invoice_key);
}

AwardStatus BatchFacts::award_status_on(const std::string& award_id, const Date& day) {
  AwardStatus status = AwardStatus::active;
  for (const auto& [kind, effective_on] : state_of(award_id).events) {
    if (effective_on <= day) status = apply_award_event(status, kind);
  }
  return status;
}

Money BatchFacts::unspent(const std::string& award_id, const std::string& unit_id) {
  const AwardState& state = state_of(award_id);
  Money remaining;
  if (const auto paid = state.paid.find(unit_id); paid != state.paid.end()) remaining += paid->second;
  if (const auto returned = state.clawed_back.find(unit_id); returned != state.clawed_back.end()) {
    remaining -= returned->second;
  }
  for (auto spent = state.spent.lower_bound({unit_id, ""}); spent != state.spent.end() && spent->first.first == unit_id;
       ++spent) {
    remaining -= spent->second;
  }
  return remaining;
}

Money BatchFacts::spent(const std::string& award_id, const std::string& unit_id, const std::string& category) {
  const AwardState& state = state_of(award_id);
  const auto found = state.spent.find({unit_id, category});
  return found == state.spent.end() ? Money() : found->second;
}

const FundUsePlan* BatchFacts::plan_in_force(const std::string& award_id, const std::string& unit_id, const Date& day) {
  const AwardState& state = state_of(award_id);
  const auto found = state.plans.find(unit_id);
  if (found == state.plans.end()) return nullptr;
  const FundUsePlan* in_force = nullptr;
  for (const auto& plan : found->second) {
    if (plan.filed_on <= day) in_force = &plan;
  }
  return in_force;
}

}  // namespace jiangbu

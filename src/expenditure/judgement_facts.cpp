#include "expenditure/judgement_facts.hpp"

#include "access/permission.hpp"
#include "award/clawback.hpp"
#include "policy/policy_store.hpp"
#include "store/money_conversion.hpp"

namespace jiangbu {

const Unit* DatabaseFacts::unit(const std::string& unit_id) {
  auto found = units_.find(unit_id);
  if (found == units_.end()) found = units_.emplace(unit_id, find_unit(database_, unit_id)).first;
  return found->second ? &*found->second : nullptr;
}

const Award* DatabaseFacts::award(const std::string& award_id) {
  auto found = awards_.find(award_id);
  if (found == awards_.end()) found = awards_.emplace(award_id, find_award(database_, award_id)).first;
  return found->second ? &*found->second : nullptr;
}

const Policy* DatabaseFacts::policy(const std::string& policy_id) {
  auto found = policies_.find(policy_id);
  if (found == policies_.end()) {
    auto stored = stored_policy(database_, policy_id);
    found = policies_.emplace(policy_id, stored ? std::optional<Policy>(stored.value()) : std::nullopt).first;
  }
  return found->second ? &*found->second : nullptr;
}

bool DatabaseFacts::category_known(const std::string& category) {
  for (const auto& policy_id : stored_policy_ids(database_)) {
    const Policy* other = policy(policy_id);
    if (other != nullptr && (other->find_allowed(category) != nullptr || other->find_banned(category) != nullptr)) {
      return true;
    }
  }
  return false;
}

std::optional<std::string> DatabaseFacts::invoice_claimed_by(const std::string& invoice_key) {
  long long claimed_by = 0;
  std::string unit_id;
  std::string external_id;
  soci::indicator found = soci::i_null;
  soci::indicator visible = soci::i_null;
  soci::indicator visible_external = soci::i_null;
  database_.session() << "SELECT c.expenditure_id, e.unit_id, e.external_id FROM invoice_claims c "
                         "LEFT JOIN expenditures e ON e.expenditure_id = c.expenditure_id WHERE c.invoice_key = :key",
      soci::use(invoice_key), soci::into(claimed_by, found), soci::into(unit_id, visible),
      soci::into(external_id, visible_external);
  if (found != soci::i_ok) return std::nullopt;
  if (visible != soci::i_ok) return claimant_name(database_.principal(), "", "");
  return claimant_name(database_.principal(), unit_id, external_id);
}

// Row-level security hides another unit's expenditures from a unit (on
// PostgreSQL), and the refusal must not tell it what another unit spent on.
std::string claimant_name(const Principal& principal, const std::string& unit_id, const std::string& external_id) {
  if (unit_id.empty() || !authorize(principal, Action::read_unit, unit_id)) return "an expenditure of another unit";
  return "expenditure " + external_id + " of unit " + unit_id;
}

AwardStatus DatabaseFacts::award_status_on(const std::string& award_id, const Date& day) {
  return jiangbu::award_status_on(database_, award_id, day);
}

Money DatabaseFacts::unspent(const std::string& award_id, const std::string& unit_id) {
  return paid_to_unit(database_, award_id, unit_id) - share_spent(database_, award_id, unit_id, "") -
         clawed_back(database_, award_id, unit_id);
}

Money DatabaseFacts::spent(const std::string& award_id, const std::string& unit_id, const std::string& category) {
  return share_spent(database_, award_id, unit_id, category);
}

const FundUsePlan* DatabaseFacts::plan_in_force(const std::string& award_id, const std::string& unit_id,
                                                const Date& day) {
  const auto key = std::make_tuple(award_id, unit_id, day);
  auto found = plans_.find(key);
  if (found == plans_.end()) found = plans_.emplace(key, jiangbu::plan_in_force(database_, award_id, unit_id, day)).first;
  return found->second ? &*found->second : nullptr;
}

Money share_spent(Database& database, const std::string& award_id, const std::string& unit_id,
                  const std::string& category) {
  std::string text;
  const std::string any_category = category.empty() ? "1" : "0";
  database.session() << "SELECT CAST(COALESCE(SUM(spent_fen), 0) AS TEXT) FROM share_spending "
                        "WHERE award_id = :award AND unit_id = :unit AND (:any = '1' OR category = :category)",
      soci::use(award_id), soci::use(unit_id), soci::use(any_category), soci::use(category), soci::into(text);
  return money_from_fen_text(text);
}

}  // namespace jiangbu

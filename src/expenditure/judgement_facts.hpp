#pragma once
// What judging an expenditure needs to know besides the submission itself:
// the award, the unit, the policy, the award's status, what the unit has
// received and spent, its plan, and who claimed an invoice. One interface,
// two sources: DatabaseFacts asks the database for each submission (single
// recording); BatchFacts (batch_facts.hpp) loads a whole import batch's state
// at once and keeps it current as the batch's rows are accepted, so the same
// rules judge both paths.
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <tuple>

#include "access/principal.hpp"
#include "award/award.hpp"
#include "core/date.hpp"
#include "expenditure/fund_use_plan.hpp"
#include "money/money.hpp"
#include "policy/policy.hpp"
#include "registry/units.hpp"
#include "store/database.hpp"

namespace jiangbu {

class JudgementFacts {
 public:
  virtual ~JudgementFacts() = default;
  // Pointers stay valid as long as the facts object does.
  virtual const Unit* unit(const std::string& unit_id) = 0;
  virtual const Award* award(const std::string& award_id) = 0;
  virtual const Policy* policy(const std::string& policy_id) = 0;
  // Whether any stored policy allows or bans this category.
  virtual bool category_known(const std::string& category) = 0;
  // The expenditure that holds this invoice key, if any, named by what the
  // unit knows it as ("K17 of unit 9161…"), not by a surrogate id.
  virtual std::optional<std::string> invoice_claimed_by(const std::string& invoice_key) = 0;
  virtual AwardStatus award_status_on(const std::string& award_id, const Date& day) = 0;
  // Paid to the unit, less its live spending, less what it returned.
  virtual Money unspent(const std::string& award_id, const std::string& unit_id) = 0;
  // Live spending of the share in one category.
  virtual Money spent(const std::string& award_id, const std::string& unit_id, const std::string& category) = 0;
  virtual const FundUsePlan* plan_in_force(const std::string& award_id, const std::string& unit_id,
                                           const Date& day) = 0;
};

// Asks the database (one query per question; answers are cached for the
// lifetime of the object, which is one submission).
class DatabaseFacts final : public JudgementFacts {
 public:
  explicit DatabaseFacts(Database& database) : database_(database) {}
  const Unit* unit(const std::string& unit_id) override;
  const Award* award(const std::string& award_id) override;
  const Policy* policy(const std::string& policy_id) override;
  bool category_known(const std::string& category) override;
  std::optional<std::string> invoice_claimed_by(const std::string& invoice_key) override;
  AwardStatus award_status_on(const std::string& award_id, const Date& day) override;
  Money unspent(const std::string& award_id, const std::string& unit_id) override;
  Money spent(const std::string& award_id, const std::string& unit_id, const std::string& category) override;
  const FundUsePlan* plan_in_force(const std::string& award_id, const std::string& unit_id, const Date& day) override;

 private:
  Database& database_;
  std::map<std::string, std::optional<Unit>> units_;
  std::map<std::string, std::optional<Award>> awards_;
  std::map<std::string, std::optional<Policy>> policies_;
  std::map<std::tuple<std::string, std::string, Date>, std::optional<FundUsePlan>> plans_;
};

// How a duplicate-invoice refusal names the expenditure holding the invoice:
// by its unit and external id when the principal may read that unit, else
// only as another unit's (an empty unit_id: not visible at all).
std::string claimant_name(const Principal& principal, const std::string& unit_id, const std::string& external_id);

// Live spending of a share from the running totals (share_spending, kept by
// triggers); an empty category sums every category.
Money share_spent(Database& database, const std::string& award_id, const std::string& unit_id,
                  const std::string& category);

}  // namespace jiangbu

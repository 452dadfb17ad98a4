#pragma once
// Judging one submission against every rule of DOMAIN.md "Checks on each
// expenditure", collecting all failing reasons (not just the first). Reads
// what it needs through JudgementFacts (award, unit, policy, balances, plans,
// invoice claims) and writes nothing: record_expenditure stores the verdict.
#include <optional>
#include <string>
#include <vector>

#include "award/award.hpp"
#include "core/date.hpp"
#include "core/error.hpp"
#include "expenditure/expenditure.hpp"
#include "expenditure/judgement_facts.hpp"
#include "expenditure/payment_method.hpp"
#include "money/money.hpp"
#include "policy/policy.hpp"
#include "registry/units.hpp"

namespace jiangbu {

struct Judgement {
  std::vector<Error> reasons;  // sorted by reason code number, one per code
  std::optional<Date> date;
  std::optional<Money> amount;
  // Point into the JudgementFacts the judgement was made with.
  const Award* award = nullptr;
  const Unit* unit = nullptr;
  const Policy* policy = nullptr;
  const AllowedCategory* category = nullptr;
  std::optional<PaymentMethod> method;
  std::string invoice_key;

  [[nodiscard]] bool accepted() const { return reasons.empty(); }
};

Judgement judge_expenditure(JudgementFacts& facts, const ExpenditureInput& input, const Date& today);

// What a unit has spent of an award (live expenditures).
Money spent_for_award(Database& database, const std::string& award_id, const std::string& unit_id,
                      const std::string& category);  // empty category: all

}  // namespace jiangbu

#include "expenditure/expenditure_judgement.hpp"

#include <algorithm>
#include <set>

#include "award/clawback.hpp"
#include "core/printable_text.hpp"
#include "core/reason_code.hpp"
#include "core/text.hpp"
#include "expenditure/fund_use_plan.hpp"
#include "expenditure/invoice.hpp"
#include "money/money_format.hpp"
#include "money/money_parse.hpp"
#include "policy/policy_store.hpp"
#include "registry/uscc.hpp"
#include "store/money_conversion.hpp"

namespace jiangbu {

namespace {

constexpr std::size_t field_bytes_max = 200;
constexpr std::size_t description_bytes_max = 500;

std::string cite(const Citation& citation) { return citation.file + " " + citation.article; }

class Judge {
 public:
  Judge(JudgementFacts& facts, const ExpenditureInput& input, const Date& today)
      : facts_(facts), input_(input), today_(today) {}

  Judgement run() {
    check_texts();
    check_date();
    check_amount();
    check_award_and_unit();
    check_category();
    check_payment();
    check_payee_and_invoice();
    check_award_rules();
    check_balance_and_plan();
    std::sort(judgement_.reasons.begin(), judgement_.reasons.end(), [](const Error& left, const Error& right) {
      return static_cast<int>(*find_reason_code(left.code)) < static_cast<int>(*find_reason_code(right.code));
    });
    return judgement_;
  }

 private:
  void add(Error error) {
    for (const auto& reason : judgement_.reasons) {
      if (reason.code == error.code) return;  // one reason per code; the first message stands
    }
    judgement_.reasons.push_back(std::move(error));
  }
  void add(ReasonCode code, const std::string& message, const std::string& field) {
    add(make_error(code, message, field));
  }

  void check_texts();
  void check_date();
  void check_amount();
  void check_award_and_unit();
  void check_category();
  void check_payment();
  void check_payee_and_invoice();
  void check_award_rules();
  void check_balance_and_plan();

  JudgementFacts& facts_;
  const ExpenditureInput& input_;
  const Date today_;
  Judgement judgement_;
  bool unit_on_award_ = false;  // balances and plans exist only for a lead unit
};

void Judge::check_texts() {
  const std::pair<const std::string*, const char*> required[] = {
      {&input_.external_id, "external_id"}, {&input_.award_id, "award_id"}, {&input_.unit_uscc, "unit_uscc"},
      {&input_.category, "category"}, {&input_.payment_method, "payment_method"}, {&input_.payee_name, "payee_name"}};
  for (const auto& [value, field] : required) {
    if (auto valid = validate_text(*value, field, field_bytes_max); !valid) add(valid.error());
  }
  for (const auto& [value, field] : {std::pair{&input_.payee_uscc, "payee_uscc"}, {&input_.invoice_code, "invoice_code"}}) {
    if (auto valid = validate_text(*value, field, field_bytes_max, true); !valid) add(valid.error());
  }
  if (auto valid = validate_text(input_.description, "description", description_bytes_max, true); !valid) {
    add(valid.error());
  }
}

void Judge::check_date() {
  auto date = Date::parse(input_.date);
  if (!date) {
    add(Error(date.error().code, date.error().message, "date"));
    return;
  }
  judgement_.date = date.value();
  if (today_ < date.value()) {
    add(ReasonCode::future_dated, "dated " + input_.date + ", after today " + today_.to_string(), "date");
  }
}

void Judge::check_amount() {
  auto amount = parse_money(input_.amount);
  if (!amount) {
    add(Error(amount.error().code, amount.error().message, "amount"));
    return;
  }
  if (!amount.value().is_positive()) {
    add(ReasonCode::bad_amount, "an expenditure must be more than 0.00", "amount");
    return;
  }
  judgement_.amount = amount.value();
}

void Judge::check_award_and_unit() {
  // Text that check_texts refused is not looked up: PostgreSQL refuses
  // invalid UTF-8 and NUL even as a bound value.
  const auto is_lookup_text = [](const std::string& text) { return validate_text(text, "", field_bytes_max).ok(); };
  if (is_lookup_text(input_.unit_uscc)) {
    judgement_.unit = facts_.unit(input_.unit_uscc);
    if (!judgement_.unit) add(ReasonCode::unknown_unit, "no unit " + quote_input(input_.unit_uscc), "unit_uscc");
  }
  if (!is_lookup_text(input_.award_id)) return;
  judgement_.award = facts_.award(input_.award_id);
  if (!judgement_.award) {
    add(ReasonCode::unknown_award, "no award " + quote_input(input_.award_id), "award_id");
    return;
  }
  judgement_.policy = facts_.policy(judgement_.award->policy_id);
  if (!judgement_.unit) return;
  const auto& shares = judgement_.award->shares;
  const bool on_award = std::any_of(shares.begin(), shares.end(),
                                    [&](const AwardShare& share) { return share.unit_id == judgement_.unit->unit_id; });
  unit_on_award_ = on_award;
  if (!on_award) {
    add(ReasonCode::unit_not_on_award, "unit " + input_.unit_uscc + " is not a lead unit of " + input_.award_id,
        "unit_uscc");
  }
}

// A category is allowed by this award's policy, banned by it, known only to
// another policy (not allowed here), or not known at all.
void Judge::check_category() {
  if (input_.category.empty()) return;
  if (judgement_.policy) {
    if (const AllowedCategory* allowed = judgement_.policy->find_allowed(input_.category)) {
      judgement_.category = allowed;
      return;
    }
    if (const BannedCategory* banned = judgement_.policy->find_banned(input_.category)) {
      add(ReasonCode::category_banned,
          banned->name + " is " + banned->group + ", banned by " + judgement_.policy->policy_id + " (" +
              cite(banned->source) + ")",
          "category");
      return;
    }
  }
  if (facts_.category_known(input_.category)) {
    if (judgement_.policy) {
      add(ReasonCode::category_not_allowed,
          quote_input(input_.category) + " is not an allowed use under " + judgement_.policy->policy_id, "category");
    }
    return;
  }
  add(ReasonCode::unknown_category, quote_input(input_.category) + " is no category of any policy", "category");
}

void Judge::check_payment() {
  if (input_.payment_method.empty()) return;
  judgement_.method = parse_payment_method(input_.payment_method);
  if (!judgement_.method) {
    add(ReasonCode::unknown_payment_method,
        quote_input(input_.payment_method) + " is not bank-transfer, official-card, cheque, online, cash or other",
        "payment_method");
    return;
  }
  if (*judgement_.method == PaymentMethod::cash && judgement_.policy && judgement_.policy->cash_banned.value) {
    add(ReasonCode::cash_payment,
        "paid in cash; " + judgement_.policy->policy_id + " bans cash (" + cite(judgement_.policy->cash_banned.source) + ")",
        "payment_method");
  }
}

void Judge::check_payee_and_invoice() {
  if (!input_.payee_uscc.empty()) {
    if (auto valid = validate_uscc(input_.payee_uscc, "payee_uscc"); !valid) add(valid.error());
  }
  auto key = invoice_key(input_.invoice_code, input_.invoice_number, input_.payee_uscc);
  if (!key) {
    add(key.error());
    return;
  }
  judgement_.invoice_key = key.value();
  // A key holding a payee code that check_texts refused is not looked up:
  // PostgreSQL refuses invalid UTF-8 and NUL even as a bound value.
  if (!validate_text(input_.payee_uscc, "", field_bytes_max, true).ok()) return;
  if (const auto claimed_by = facts_.invoice_claimed_by(judgement_.invoice_key)) {
    add(ReasonCode::duplicate_invoice,
        "invoice " + input_.invoice_code + (input_.invoice_code.empty() ? "" : "-") + input_.invoice_number +
            " of payee " + input_.payee_uscc + " is already used by " + *claimed_by,
        "invoice_number");
  }
}

void Judge::check_award_rules() {
  if (!judgement_.award || !judgement_.date) return;
  const Award& award = *judgement_.award;
  if (judgement_.policy && judgement_.policy->retroactive_banned.value && *judgement_.date < award.effective_on) {
    add(ReasonCode::retroactive,
        "dated " + judgement_.date->to_string() + ", before award " + award.award_id + " took effect on " +
            award.effective_on.to_string() + " (" + cite(judgement_.policy->retroactive_banned.source) + ")",
        "date");
  }
  switch (facts_.award_status_on(award.award_id, *judgement_.date)) {
    case AwardStatus::revoked:
      add(ReasonCode::grant_revoked, "award " + award.award_id + " was revoked on or before " +
                                         judgement_.date->to_string(), "date");
      break;
    case AwardStatus::suspended:
      add(ReasonCode::grant_suspended, "award " + award.award_id + " is suspended on " + judgement_.date->to_string(),
          "date");
      break;
    case AwardStatus::active: break;
  }
}

void Judge::check_balance_and_plan() {
  if (!judgement_.award || !unit_on_award_ || !judgement_.amount || !judgement_.policy) return;
  const std::string& award_id = judgement_.award->award_id;
  const std::string& unit_id = judgement_.unit->unit_id;
  const Money remaining = facts_.unspent(award_id, unit_id);
  if (*judgement_.amount > remaining) {
    add(ReasonCode::overdrawn, format_yuan(*judgement_.amount) + " is more than the " + format_yuan(remaining) +
                                   " left of what the unit received for " + award_id, "amount");
  }
  if (!judgement_.date || !judgement_.category) return;
  const FundUsePlan* plan = facts_.plan_in_force(award_id, unit_id, *judgement_.date);
  if (!plan) {
    if (judgement_.policy->plan_required.value) {
      add(ReasonCode::no_plan_filed, judgement_.policy->policy_id + " requires a filed 资金使用管理计划 before spending (" +
                                         cite(judgement_.policy->plan_required.source) + ")", "award_id");
    }
    return;
  }
  const Money planned = plan->planned(judgement_.category->code).value_or(Money());
  const Money spent = facts_.spent(award_id, unit_id, judgement_.category->code);
  if (spent + *judgement_.amount > planned) {
    add(ReasonCode::over_plan, judgement_.category->name + ": " + format_yuan(spent) + " spent + " +
                                   format_yuan(*judgement_.amount) + " is over the plan's " + format_yuan(planned) +
                                   " (revision " + std::to_string(plan->revision) + ")", "amount");
  }
}

}  // namespace

Judgement judge_expenditure(JudgementFacts& facts, const ExpenditureInput& input, const Date& today) {
  return Judge(facts, input, today).run();
}

Money spent_for_award(Database& database, const std::string& award_id, const std::string& unit_id,
                      const std::string& category) {
  std::string text;
  const std::string any_category = category.empty() ? "1" : "0";
  database.session() << "SELECT CAST(COALESCE(SUM(e.amount_fen), 0) AS TEXT) FROM expenditures e "
                        "WHERE e.award_id = :award AND e.unit_id = :unit AND (:any = '1' OR e.category = :category) "
                        "AND NOT EXISTS (SELECT 1 FROM expenditure_reversals r WHERE r.expenditure_id = e.expenditure_id)",
      soci::use(award_id), soci::use(unit_id), soci::use(any_category), soci::use(category), soci::into(text);
  return money_from_fen_text(text);
}

}  // namespace jiangbu

#pragma once
// Awards (一次性奖补): one per brand and tier under a policy, at one unit's
// standard however many lead units there are (002 西咸 二(五)1), split among
// the leads by contribution (二(五)2). Granting books the accrual on the
// bureau's book; paying books the payment there and the receipt on the
// unit's dedicated sub-ledger, in one transaction.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/result.hpp"
#include "money/money.hpp"
#include "policy/policy.hpp"
#include "store/database.hpp"

namespace jiangbu {

enum class AwardStatus { active, suspended, revoked };
enum class AwardEventKind { suspend, reinstate, revoke };
std::string_view award_status_name(AwardStatus status);
std::string_view award_event_kind_name(AwardEventKind kind);

struct AwardShare {
  std::string unit_id;
  Money share;
  std::optional<std::string> weight;  // the contribution weight, when split by weights
};

struct Award {
  std::string award_id;  // chosen by the bureau, e.g. "XX2024-003"
  std::string recognition_id;
  std::string brand_id;
  Tier tier = Tier::district;
  std::string policy_id;
  Money amount;
  Date effective_on = Date::from_parts(2000, 1, 1);  // spending before it is retroactive
  std::string document_number;
  std::int64_t accrual_entry_id = 0;
  std::vector<AwardShare> shares;
};

struct GrantInput {
  std::string award_id;
  std::string recognition_id;
  Date effective_on = Date::from_parts(2000, 1, 1);
  std::string document_number;
  std::vector<std::string> weights;      // "5", "0.3", "1/3" — one per lead, in recognition order
  std::vector<std::string> fixed_parts;  // amounts, one per lead; must add up to the award
};

Result<Award> grant_award(Database& database, const GrantInput& input);

struct PaymentInput {
  std::string award_id;
  std::string unit_id;
  std::optional<Money> amount;  // empty: whatever of the share is still unpaid
  Date paid_on = Date::from_parts(2000, 1, 1);
  std::string paid_from = "1011";  // 零余额账户用款额度, or 1002 银行存款
  std::string reference;           // bank or payment-order reference
};

struct AwardPayment {
  std::int64_t payment_id = 0;
  std::string award_id;
  std::string unit_id;
  Money amount;
  Date paid_on = Date::from_parts(2000, 1, 1);
  std::int64_t bureau_entry_id = 0;
  std::int64_t unit_entry_id = 0;
};

// Partial payments and instalments are allowed; never more than the share.
Result<AwardPayment> pay_award(Database& database, const PaymentInput& input);

struct StatusChange {
  std::string award_id;
  AwardEventKind kind = AwardEventKind::suspend;
  Date effective_on = Date::from_parts(2000, 1, 1);
  std::string document_number;
  std::string reason;
};

// Suspension, reinstatement, revocation; revocation starts the policy's
// re-application ban for the award's lead units.
Status change_award_status(Database& database, const StatusChange& change);
AwardStatus award_status_on(Database& database, const std::string& award_id, const Date& day);

std::optional<Award> find_award(Database& database, const std::string& award_id);
std::vector<Award> list_awards(Database& database);

struct ShareBalance {
  std::string unit_id;
  Money share;
  Money paid;
  [[nodiscard]] Money unpaid() const { return share - paid; }
};
std::vector<ShareBalance> share_balances(Database& database, const std::string& award_id);
// What the bureau has paid (and the unit so received) on one share.
Money paid_to_unit(Database& database, const std::string& award_id, const std::string& unit_id);

}  // namespace jiangbu

#pragma once
// Clawback (收回/追缴): a unit returns award money after revocation or misuse.
// One transaction books the refund on the unit's book (CAS 16 第十三条:
// against the remaining 递延收益 first, the excess against 其他收益; a
// non-profit reduces its 政府补助收入) and the receipt on the bureau's book as
// a refund that reduces the expenditure (Dr 1011 / Cr 5001, budget Dr 8001 /
// Cr 7101), never as new income.
#include <cstdint>
#include <string>

#include "core/date.hpp"
#include "core/result.hpp"
#include "money/money.hpp"
#include "store/database.hpp"

namespace jiangbu {

struct ClawbackInput {
  std::string award_id;
  std::string unit_id;
  Money amount;
  Date returned_on = Date::from_parts(2000, 1, 1);
  std::string document_number;  // 追缴 decision
  std::string reason;
  std::string recorded_by;      // who recorded it
};

struct Clawback {
  std::int64_t clawback_id = 0;
  std::int64_t bureau_entry_id = 0;
  std::int64_t unit_entry_id = 0;
  Money from_deferred_income;  // enterprise: 递延收益 released back
  Money from_income;           // the excess, against income already recognised
};

// Refuses more than the unit received for the award net of earlier clawbacks.
Result<Clawback> claw_back(Database& database, const ClawbackInput& input);
Money clawed_back(Database& database, const std::string& award_id, const std::string& unit_id);

}  // namespace jiangbu

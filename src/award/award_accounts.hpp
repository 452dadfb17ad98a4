#pragma once
// The sub-accounts an award is booked on. One place, so that booking,
// reconciliation and reports agree on the names.
#include <string>

#include "registry/units.hpp"

namespace jiangbu {

// Bureau book (政府会计制度).
inline std::string bureau_expense_account(const std::string& award_id) { return "5001/" + award_id; }
inline std::string bureau_payable_account(const std::string& award_id, const std::string& unit_id) {
  return "2303/" + award_id + "/" + unit_id;
}
inline std::string bureau_budget_expenditure_account(const std::string& award_id) { return "7101/" + award_id; }
inline constexpr const char* bureau_budget_balance_account = "8001";

// Unit book: where the receipt is credited. An enterprise defers it
// (递延收益, CAS 16 第九条); a non-profit books restricted income
// (政府补助收入—限定性收入, 民间非营利组织会计制度).
inline std::string unit_receipt_account(UnitType type, const std::string& award_id) {
  return (type == UnitType::enterprise ? "2401/" : "4401/") + award_id;
}

}  // namespace jiangbu

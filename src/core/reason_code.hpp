#pragma once
// The registry of reason codes: the stable, public names of every way jiangbu
// says "no". Append-only: a code's number and meaning never change, a retired
// code is never reused, and tests/golden/reason_codes.txt pins the list.
// Expenditure codes come from ../shared/DOMAIN.md ("Checks on each expenditure").
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace jiangbu {

enum class ReasonCode : int {
  // Expenditure rules (DOMAIN.md).
  category_not_allowed = 1,
  category_banned = 2,
  cash_payment = 3,
  retroactive = 4,
  overdrawn = 5,
  over_plan = 6,
  no_plan_filed = 7,
  grant_revoked = 8,
  grant_suspended = 9,
  future_dated = 10,
  duplicate_invoice = 11,
  bad_invoice_number = 12,
  bad_payee_id = 13,
  bad_amount = 14,
  // Input that cannot be judged at all (DOMAIN.md).
  bad_date = 15,
  missing_field = 16,
  unknown_award = 17,
  unit_not_on_award = 18,
  unknown_category = 19,
  unknown_payment_method = 20,
  // Ledger.
  unbalanced_entry = 21,
  too_few_postings = 22,
  bad_posting = 23,
  unknown_book = 24,
  unknown_account = 25,
  bad_account_code = 26,
  unknown_entry = 27,
  already_reversed = 28,
  cannot_reverse_reversal = 29,
  reversal_before_original = 30,
  duplicate_book = 31,
  duplicate_account = 32,
  bad_text = 33,
  too_many_postings = 34,
  // Store and configuration.
  storage_unavailable = 35,
  schema_out_of_date = 36,
  schema_newer_than_program = 37,
  schema_tampered = 38,
  bad_database = 39,
  bad_chart = 40,
  // Splitting an amount among co-leads.
  bad_weight = 41,
  bad_split = 42,
  split_mismatch = 43,
  // Policies, registry and awards.
  bad_policy = 44,
  unknown_unit = 45,
  duplicate_unit = 46,
  unknown_brand = 47,
  duplicate_brand = 48,
  unknown_recognition = 49,
  duplicate_recognition = 50,
  unknown_policy = 51,
  too_many_leads = 52,
  tier_not_paid = 53,
  duplicate_award = 54,
  reapplication_banned = 55,
  tier_upgrade_forbidden = 56,
  award_over_cap = 57,
  overpaid = 58,
  payment_before_award = 59,
  bad_status_change = 60,
  bad_uscc = 61,
  // Spreadsheet and CSV files uploaded by units.
  bad_file = 62,
  bad_encoding = 63,
  bad_header = 64,
  // Expenditures.
  rows_rejected = 65,
  // Bank statements and the bank reconciliation (银行存款余额调节表).
  bad_statement_row = 66,
  reconciliation_gap = 67,
  bad_option = 68,
  cannot_write_output = 69,
  // Auditor analytics and the people a unit registers for the related-party test.
  bad_analytics_config = 70,
  bad_related_party = 71,
  // Integrity and security: the journal's hash chain and who may do what.
  journal_chain_broken = 72,
  permission_denied = 73,
  bad_principal = 74,
  // Web sign-in (src/web)
  sign_in_failed = 75,
  account_locked = 76,
  csrf_refused = 77,
  duplicate_user = 78,
  bad_password = 79,
  busy = 80,
  not_signed_in = 81,
};

// What kind of "no" it is decides the CLI's exit code: a rule rejection (1),
// bad input or usage (2), or a storage failure (3).
enum class ReasonKind { rule, input, storage };

struct ReasonCodeInfo {
  ReasonCode code;
  ReasonKind kind;
  std::string_view name;     // "category-not-allowed"
  std::string_view meaning;  // one line, for `jiangbu reasons` and the docs
};

std::span<const ReasonCodeInfo> reason_codes();
std::string_view reason_code_name(ReasonCode code);
std::optional<ReasonCode> find_reason_code(std::string_view name);
// Unknown names count as input errors.
ReasonKind reason_kind(std::string_view name);

inline Error make_error(ReasonCode code, std::string message, std::string field = {}) {
  return Error(std::string(reason_code_name(code)), std::move(message), std::move(field));
}

}  // namespace jiangbu

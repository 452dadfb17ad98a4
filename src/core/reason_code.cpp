#include "core/reason_code.hpp"

#include <array>

#include "core/assert.hpp"

namespace jiangbu {

namespace {

using enum ReasonCode;

constexpr std::array registry{
    ReasonCodeInfo{category_not_allowed, ReasonKind::rule, "category-not-allowed", "the category is not an allowed use under the award's policy"},
    ReasonCodeInfo{category_banned, ReasonKind::rule, "category-banned", "the category is banned: 三公经费, 人员津补贴 or 一般性支出"},
    ReasonCodeInfo{cash_payment, ReasonKind::rule, "cash-payment", "paid in cash where the policy bans cash"},
    ReasonCodeInfo{retroactive, ReasonKind::rule, "retroactive", "dated before the award's effective date"},
    ReasonCodeInfo{overdrawn, ReasonKind::rule, "overdrawn", "more than the unit's remaining share"},
    ReasonCodeInfo{over_plan, ReasonKind::rule, "over-plan", "more than the filed plan for that category"},
    ReasonCodeInfo{no_plan_filed, ReasonKind::rule, "no-plan-filed", "the policy requires a filed fund-use plan and none is filed"},
    ReasonCodeInfo{grant_revoked, ReasonKind::rule, "grant-revoked", "dated after the award was revoked"},
    ReasonCodeInfo{grant_suspended, ReasonKind::rule, "grant-suspended", "dated while the award is suspended"},
    ReasonCodeInfo{future_dated, ReasonKind::rule, "future-dated", "dated after today"},
    ReasonCodeInfo{duplicate_invoice, ReasonKind::rule, "duplicate-invoice", "the invoice key is already used, by any unit"},
    ReasonCodeInfo{bad_invoice_number, ReasonKind::input, "bad-invoice-number", "the invoice code or number is malformed"},
    ReasonCodeInfo{bad_payee_id, ReasonKind::input, "bad-payee-id", "the payee's 统一社会信用代码 fails its check"},
    ReasonCodeInfo{bad_amount, ReasonKind::input, "bad-amount", "the amount is not a positive amount of whole fen in range"},
    ReasonCodeInfo{bad_date, ReasonKind::input, "bad-date", "the date is not a real calendar date in YYYY-MM-DD"},
    ReasonCodeInfo{missing_field, ReasonKind::input, "missing-field", "a required field is empty"},
    ReasonCodeInfo{unknown_award, ReasonKind::input, "unknown-award", "no award with that id"},
    ReasonCodeInfo{unit_not_on_award, ReasonKind::input, "unit-not-on-award", "the unit is not a lead unit of that award"},
    ReasonCodeInfo{unknown_category, ReasonKind::input, "unknown-category", "no category with that code or name in the policy"},
    ReasonCodeInfo{unknown_payment_method, ReasonKind::input, "unknown-payment-method", "no payment method with that name"},
    ReasonCodeInfo{unbalanced_entry, ReasonKind::rule, "unbalanced-entry", "debits and credits of an entry differ (per basis)"},
    ReasonCodeInfo{too_few_postings, ReasonKind::input, "too-few-postings", "an entry needs at least two postings"},
    ReasonCodeInfo{bad_posting, ReasonKind::input, "bad-posting", "a posting needs exactly one of debit and credit, positive"},
    ReasonCodeInfo{unknown_book, ReasonKind::input, "unknown-book", "no book with that id"},
    ReasonCodeInfo{unknown_account, ReasonKind::input, "unknown-account", "the account is not open in that book"},
    ReasonCodeInfo{bad_account_code, ReasonKind::input, "bad-account-code", "the account code is malformed or not in the chart"},
    ReasonCodeInfo{unknown_entry, ReasonKind::input, "unknown-entry", "no journal entry with that id or voucher"},
    ReasonCodeInfo{already_reversed, ReasonKind::rule, "already-reversed", "the entry has already been reversed"},
    ReasonCodeInfo{cannot_reverse_reversal, ReasonKind::rule, "cannot-reverse-reversal", "a reversing entry cannot itself be reversed"},
    ReasonCodeInfo{reversal_before_original, ReasonKind::rule, "reversal-before-original", "a reversal cannot be dated before its original"},
    ReasonCodeInfo{duplicate_book, ReasonKind::rule, "duplicate-book", "a book with that id already exists"},
    ReasonCodeInfo{duplicate_account, ReasonKind::rule, "duplicate-account", "that account is already open in the book"},
    ReasonCodeInfo{bad_text, ReasonKind::input, "bad-text", "text is empty, too long, not UTF-8, or has control characters"},
    ReasonCodeInfo{too_many_postings, ReasonKind::input, "too-many-postings", "an entry has more postings than the limit"},
    ReasonCodeInfo{storage_unavailable, ReasonKind::storage, "storage-unavailable", "the database cannot be opened or reached"},
    ReasonCodeInfo{schema_out_of_date, ReasonKind::storage, "schema-out-of-date", "the database needs `jiangbu init` to migrate"},
    ReasonCodeInfo{schema_newer_than_program, ReasonKind::storage, "schema-newer-than-program", "the database was migrated by a newer jiangbu"},
    ReasonCodeInfo{schema_tampered, ReasonKind::storage, "schema-tampered", "an applied migration differs from the bundled one"},
    ReasonCodeInfo{bad_database, ReasonKind::input, "bad-database", "the database location is malformed"},
    ReasonCodeInfo{bad_chart, ReasonKind::input, "bad-chart", "a chart-of-accounts file is malformed or inconsistent"},
    ReasonCodeInfo{bad_weight, ReasonKind::input, "bad-weight", "a split weight is not a non-negative number or fraction"},
    ReasonCodeInfo{bad_split, ReasonKind::input, "bad-split", "no parts, a negative weight, all weights zero, or a part of the wrong sign"},
    ReasonCodeInfo{split_mismatch, ReasonKind::rule, "split-mismatch", "fixed parts do not add up to the whole"},
    ReasonCodeInfo{bad_policy, ReasonKind::input, "bad-policy", "a policy file is malformed or inconsistent"},
    ReasonCodeInfo{unknown_unit, ReasonKind::input, "unknown-unit", "no unit with that 统一社会信用代码"},
    ReasonCodeInfo{duplicate_unit, ReasonKind::rule, "duplicate-unit", "the unit is already registered, or named twice"},
    ReasonCodeInfo{unknown_brand, ReasonKind::input, "unknown-brand", "no brand with that id"},
    ReasonCodeInfo{duplicate_brand, ReasonKind::rule, "duplicate-brand", "a brand with that id or name already exists"},
    ReasonCodeInfo{unknown_recognition, ReasonKind::input, "unknown-recognition", "no recognition with that id"},
    ReasonCodeInfo{duplicate_recognition, ReasonKind::rule, "duplicate-recognition", "a recognition with that id already exists"},
    ReasonCodeInfo{unknown_policy, ReasonKind::input, "unknown-policy", "no policy with that id"},
    ReasonCodeInfo{too_many_leads, ReasonKind::rule, "too-many-leads", "more lead units than the policy allows"},
    ReasonCodeInfo{tier_not_paid, ReasonKind::rule, "tier-not-paid", "the policy pays no award at that tier"},
    ReasonCodeInfo{duplicate_award, ReasonKind::rule, "duplicate-award", "the award id is taken, or the brand already has an award at that tier"},
    ReasonCodeInfo{reapplication_banned, ReasonKind::rule, "reapplication-banned", "a lead unit is within the re-application ban after a revocation"},
    ReasonCodeInfo{tier_upgrade_forbidden, ReasonKind::rule, "tier-upgrade-forbidden", "the policy pays nothing more for a brand moving up a tier, or the tier is not higher"},
    ReasonCodeInfo{award_over_cap, ReasonKind::rule, "award-over-cap", "the award is above the policy cap"},
    ReasonCodeInfo{overpaid, ReasonKind::rule, "overpaid", "a payment would exceed the unpaid part of the unit's share"},
    ReasonCodeInfo{payment_before_award, ReasonKind::rule, "payment-before-award", "a payment is dated before the award takes effect"},
    ReasonCodeInfo{bad_status_change, ReasonKind::rule, "bad-status-change", "that suspension, reinstatement or revocation does not fit the award's status or dates"},
    ReasonCodeInfo{bad_uscc, ReasonKind::input, "bad-uscc", "a unit's 统一社会信用代码 fails GB 32100-2015"},
    ReasonCodeInfo{bad_file, ReasonKind::input, "bad-file", "an uploaded file cannot be read as CSV or XLSX, is malformed, or is too large"},
    ReasonCodeInfo{bad_encoding, ReasonKind::input, "bad-encoding", "an uploaded text file is neither UTF-8 nor GBK/GB18030"},
    ReasonCodeInfo{bad_header, ReasonKind::input, "bad-header", "a file's header row misses a required column, repeats one, or has one nobody reads"},
    ReasonCodeInfo{rows_rejected, ReasonKind::rule, "rows-rejected", "an import was read and judged, and some of its rows were rejected"},
    ReasonCodeInfo{bad_statement_row, ReasonKind::input, "bad-statement-row", "a bank statement has rows that cannot be read; nothing of it was imported"},
    ReasonCodeInfo{reconciliation_gap, ReasonKind::rule, "reconciliation-gap", "the book and the bank still differ after every reconciling item"},
    ReasonCodeInfo{bad_option, ReasonKind::input, "bad-option", "an option is missing or does not fit the command (a report format without --out, a listing asked for as PDF)"},
    ReasonCodeInfo{cannot_write_output, ReasonKind::storage, "cannot-write-output", "a report file cannot be written (folder missing or read-only, disk full, fonts missing); nothing half-written is left"},
    ReasonCodeInfo{bad_analytics_config, ReasonKind::input, "bad-analytics-config", "the analytics parameters file has an unknown key, a value of the wrong type or out of range"},
    ReasonCodeInfo{bad_related_party, ReasonKind::input, "bad-related-party", "a person registered as related to a unit has no name, an unknown relation or an over-long field"},
    ReasonCodeInfo{journal_chain_broken, ReasonKind::storage, "journal-chain-broken", "an entry of the journal no longer matches its SHA-256 hash chain, or the chain has a gap: the database was changed behind the application's back"},
    ReasonCodeInfo{permission_denied, ReasonKind::rule, "permission-denied", "the principal (bureau, unit or auditor) may not do this, or not to another unit's books"},
    ReasonCodeInfo{bad_principal, ReasonKind::input, "bad-principal", "the principal given by --as or the configuration is not bureau, auditor or unit:<registered USCC>, or does not match the database role"},
    ReasonCodeInfo{sign_in_failed, ReasonKind::rule, "sign-in-failed", "the user name or password is wrong (which of the two is never said)"},
    ReasonCodeInfo{account_locked, ReasonKind::rule, "account-locked", "too many wrong passwords in a row: the web account refuses every sign-in until the lock-out ends"},
    ReasonCodeInfo{csrf_refused, ReasonKind::rule, "csrf-refused", "a form or API call that changes something came without this session's anti-forgery token"},
    ReasonCodeInfo{duplicate_user, ReasonKind::input, "duplicate-user", "a web account with this user name already exists"},
    ReasonCodeInfo{bad_password, ReasonKind::input, "bad-password", "a new web password is shorter than 12 characters, longer than 128 bytes, or not valid UTF-8 text"},
    ReasonCodeInfo{busy, ReasonKind::storage, "busy", "the server is running as many long jobs as it may (or yours already): try again when one has finished"},
    ReasonCodeInfo{not_signed_in, ReasonKind::rule, "not-signed-in", "a web request needs a signed-in session, and this one has none or it has expired"},
};

}  // namespace

std::span<const ReasonCodeInfo> reason_codes() { return registry; }

std::string_view reason_code_name(ReasonCode code) {
  const auto index = static_cast<std::size_t>(code) - 1;
  JIANGBU_ASSERT(index < registry.size() && registry[index].code == code);
  return registry[index].name;
}

std::optional<ReasonCode> find_reason_code(std::string_view name) {
  for (const auto& info : registry) {
    if (info.name == name) return info.code;
  }
  return std::nullopt;
}

ReasonKind reason_kind(std::string_view name) {
  const auto code = find_reason_code(name);
  if (!code) return ReasonKind::input;
  return registry[static_cast<std::size_t>(*code) - 1].kind;
}

}  // namespace jiangbu

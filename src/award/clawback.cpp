#include "award/clawback.hpp"

#include <algorithm>

#include "access/permission.hpp"
#include "award/award.hpp"
#include "award/award_accounts.hpp"
#include "core/reason_code.hpp"
#include "core/text.hpp"
#include "core/timestamp.hpp"
#include "expenditure/expenditure_judgement.hpp"
#include "ledger/accounts.hpp"
#include "ledger/balances.hpp"
#include "ledger/books.hpp"
#include "ledger/journal.hpp"
#include "money/money_format.hpp"
#include "registry/units.hpp"
#include "store/money_conversion.hpp"
#include "store/transaction.hpp"

namespace jiangbu {

namespace {

Money balance_of(Database& database, const std::string& book, const std::string& code) {
  auto balance = account_balance(database, book, code, std::nullopt, true);
  return balance ? balance.value().balance() : Money();
}

// The unit's refund: deferred income first, income for the excess; from the
// dedicated account as far as it holds, the rest from the unit's own bank.
Result<EntryInput> unit_refund(Database& database, const Unit& unit, const ClawbackInput& input, Clawback& split) {
  const std::string receipt = unit_receipt_account(unit.type, input.award_id);
  std::vector<PostingInput> postings;
  if (unit.type == UnitType::enterprise) {
    const Money deferred = balance_of(database, unit.book_id, receipt);
    split.from_deferred_income = std::min(deferred, input.amount);
    split.from_income = input.amount - split.from_deferred_income;
    if (split.from_deferred_income.is_positive()) postings.push_back({receipt, Side::debit, split.from_deferred_income});
    if (split.from_income.is_positive()) {
      const std::string income = "6117/" + input.award_id;
      if (auto opened = open_sub_account(database, unit.book_id, income, "其他收益 " + input.award_id); !opened) {
        return opened.error();
      }
      postings.push_back({income, Side::debit, split.from_income});
    }
  } else {
    split.from_income = input.amount;
    postings.push_back({receipt, Side::debit, input.amount});
  }
  // The dedicated account holds every award's money: take from it no more
  // than this award's unspent part, or another award's spending could later
  // drive it below zero. Each award's money stays its own (专账核算、专款专用,
  // 000 綦江区办法 第九条; 003 乌鲁木齐 "专款专用").
  const std::string dedicated(dedicated_bank_account);
  const Money unspent = paid_to_unit(database, input.award_id, unit.unit_id) -
                        spent_for_award(database, input.award_id, unit.unit_id, "") -
                        clawed_back(database, input.award_id, unit.unit_id);
  const Money in_dedicated =
      std::max(Money(), std::min({balance_of(database, unit.book_id, dedicated), input.amount, unspent}));
  if (in_dedicated.is_positive()) postings.push_back({dedicated, Side::credit, in_dedicated});
  if (input.amount > in_dedicated) postings.push_back({"1002", Side::credit, input.amount - in_dedicated});
  return EntryInput{unit.book_id, input.returned_on, "退回劳务品牌奖补资金 " + input.award_id + "（" + input.reason + "）",
                    "clawback:" + input.award_id + " " + input.document_number, postings};
}

EntryInput bureau_receipt(const ClawbackInput& input, const Unit& unit) {
  return EntryInput{std::string(bureau_book_id), input.returned_on,
                    "收回劳务品牌奖补 " + input.award_id + " " + unit.name + "（退款，冲减支出）",
                    "clawback:" + input.award_id + " " + input.document_number,
                    {{"1011", Side::debit, input.amount},
                     {bureau_expense_account(input.award_id), Side::credit, input.amount},
                     {std::string(bureau_budget_balance_account), Side::debit, input.amount},
                     {bureau_budget_expenditure_account(input.award_id), Side::credit, input.amount}}};
}

// Locks the share row for the rest of the transaction on PostgreSQL, as a
// payment and a spending of it do, so that clawbacks and spending of one
// share are judged one at a time (SQLite's BEGIN IMMEDIATE serialises them).
void lock_share(Database& database, const std::string& award_id, const std::string& unit_id) {
  if (database.backend() != Backend::postgresql) return;
  long long share_fen = 0;
  soci::indicator found = soci::i_null;
  database.session() << "SELECT share_fen FROM award_shares WHERE award_id = :award AND unit_id = :unit FOR UPDATE",
      soci::use(award_id), soci::use(unit_id), soci::into(share_fen, found);
}

}  // namespace

Money clawed_back(Database& database, const std::string& award_id, const std::string& unit_id) {
  std::string text;
  database.session() << "SELECT CAST(COALESCE(SUM(amount_fen), 0) AS TEXT) FROM clawbacks "
                        "WHERE award_id = :award AND unit_id = :unit",
      soci::use(award_id), soci::use(unit_id), soci::into(text);
  return money_from_fen_text(text);
}

Result<Clawback> claw_back(Database& database, const ClawbackInput& input) {
  if (auto valid = validate_text(input.document_number, "document", 100); !valid) return valid.error();
  if (auto valid = validate_text(input.reason, "reason", 300); !valid) return valid.error();
  if (!input.amount.is_positive()) return make_error(ReasonCode::bad_amount, "must be positive", "amount");
  if (auto allowed = authorize(database.principal(), Action::claw_back, input.unit_id); !allowed) {
    return allowed.error();
  }
  Transaction transaction(database, {"award.claw-back", "share", input.award_id + " " + input.unit_id});
  const auto award = find_award(database, input.award_id);
  if (!award) return make_error(ReasonCode::unknown_award, "no award '" + input.award_id + "'", "award");
  const auto unit = find_unit(database, input.unit_id);
  const bool on_award = std::any_of(award->shares.begin(), award->shares.end(),
                                    [&](const AwardShare& share) { return share.unit_id == input.unit_id; });
  if (!unit || !on_award) {
    return make_error(ReasonCode::unit_not_on_award, "unit " + input.unit_id + " is not on award " + input.award_id, "unit");
  }
  lock_share(database, input.award_id, input.unit_id);
  const Money returnable = paid_to_unit(database, input.award_id, input.unit_id) - clawed_back(database, input.award_id, input.unit_id);
  if (input.amount > returnable) {
    return make_error(ReasonCode::overpaid, "clawing back " + format_yuan(input.amount) + " is more than the " +
                                                format_yuan(returnable) + " the unit received and still holds on paper",
                      "amount");
  }
  Clawback clawback;
  auto refund = unit_refund(database, *unit, input, clawback);
  if (!refund) return refund.error();
  // The bureau's book first, then the unit's, as a payment does: voucher
  // counters are locked in one order, so the two cannot deadlock.
  Journal& journal = Journal::of_connection(database);
  auto bureau_entry = journal.append(bureau_receipt(input, *unit));
  if (!bureau_entry) return bureau_entry.error();
  auto unit_entry = journal.append(refund.value());
  if (!unit_entry) return unit_entry.error();
  clawback.unit_entry_id = unit_entry.value().entry_id;
  clawback.bureau_entry_id = bureau_entry.value().entry_id;
  const long long amount_fen = input.amount.fen_int64();
  const std::string returned_on = input.returned_on.to_string();
  const long long bureau_entry_id = clawback.bureau_entry_id;
  const long long unit_entry_id = clawback.unit_entry_id;
  const std::string recorded_by = input.recorded_by.empty() ? "unknown" : input.recorded_by;
  const std::string now = utc_timestamp_now();
  long long clawback_id = 0;
  database.session() << "INSERT INTO clawbacks (award_id, unit_id, amount_fen, returned_on, document_number, reason, "
                        "recorded_by, bureau_entry_id, unit_entry_id, recorded_at) VALUES (:award, :unit, :amount, "
                        ":returned_on, :document, :reason, :by, :bureau_entry, :unit_entry, :now) RETURNING clawback_id",
      soci::use(input.award_id), soci::use(input.unit_id), soci::use(amount_fen), soci::use(returned_on),
      soci::use(input.document_number), soci::use(input.reason), soci::use(recorded_by), soci::use(bureau_entry_id),
      soci::use(unit_entry_id), soci::use(now), soci::into(clawback_id);
  clawback.clawback_id = clawback_id;
  transaction.commit();
  return clawback;
}

}  // namespace jiangbu

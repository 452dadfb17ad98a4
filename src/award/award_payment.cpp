// Paying an award share: the bureau's payment (financial and budget basis)
// and the unit's receipt on its dedicated sub-ledger, in one transaction.
#include "access/permission.hpp"
#include "award/award.hpp"
#include "award/award_accounts.hpp"
#include "core/reason_code.hpp"
#include "core/text.hpp"
#include "core/timestamp.hpp"
#include "ledger/accounts.hpp"
#include "ledger/books.hpp"
#include "ledger/journal.hpp"
#include "money/money_format.hpp"
#include "registry/units.hpp"
#include "store/money_conversion.hpp"
#include "store/transaction.hpp"

namespace jiangbu {

namespace {

// Locks the share row for the rest of the transaction on PostgreSQL, so two
// payments of the same share cannot both see the same unpaid amount. SQLite
// already holds the database's write lock from BEGIN IMMEDIATE.
std::optional<Money> lock_share(Database& database, const std::string& award_id, const std::string& unit_id) {
  long long share_fen = 0;
  soci::indicator found = soci::i_null;
  const std::string lock = database.backend() == Backend::postgresql ? " FOR UPDATE" : "";
  database.session() << "SELECT share_fen FROM award_shares WHERE award_id = :award AND unit_id = :unit" + lock,
      soci::use(award_id), soci::use(unit_id), soci::into(share_fen, found);
  if (found != soci::i_ok) return std::nullopt;
  return Money::from_fen(share_fen);
}

Status check_payable(Database& database, const Award& award, const PaymentInput& input) {
  if (input.paid_on < award.effective_on) {
    return make_error(ReasonCode::payment_before_award,
                      "payment dated " + input.paid_on.to_string() + " is before the award takes effect on " +
                          award.effective_on.to_string(),
                      "date");
  }
  switch (award_status_on(database, award.award_id, input.paid_on)) {
    case AwardStatus::revoked:
      return make_error(ReasonCode::grant_revoked, "award " + award.award_id + " is revoked", "award");
    case AwardStatus::suspended:
      return make_error(ReasonCode::grant_suspended, "award " + award.award_id + " is suspended", "award");
    case AwardStatus::active: break;
  }
  return success();
}

Result<std::int64_t> book_bureau_payment(Database& database, Journal& journal, const Award& award,
                                         const Unit& unit, const PaymentInput& input, const Money& amount) {
  const std::string budget = bureau_budget_expenditure_account(award.award_id);
  if (auto opened = open_sub_account(database, std::string(bureau_book_id), budget, "劳务品牌奖补 " + award.award_id);
      !opened) {
    return opened.error();
  }
  auto posted = journal.append(EntryInput{
      std::string(bureau_book_id), input.paid_on, "支付劳务品牌奖补 " + award.award_id + " " + unit.name,
      "award:" + award.award_id + (input.reference.empty() ? "" : " ref:" + input.reference),
      {{bureau_payable_account(award.award_id, unit.unit_id), Side::debit, amount},
       {input.paid_from, Side::credit, amount},
       {budget, Side::debit, amount},
       {bureau_budget_balance_account, Side::credit, amount}}});
  if (!posted) return posted.error();
  return posted.value().entry_id;
}

Result<std::int64_t> book_unit_receipt(Database& database, Journal& journal, const Award& award,
                                       const Unit& unit, const PaymentInput& input, const Money& amount) {
  const std::string receipt = unit_receipt_account(unit.type, award.award_id);
  const std::string name = unit.type == UnitType::enterprise ? "劳务品牌奖补 " + award.award_id
                                                             : "限定性收入 劳务品牌奖补 " + award.award_id;
  if (auto opened = open_sub_account(database, unit.book_id, receipt, name); !opened) return opened.error();
  auto posted = journal.append(EntryInput{
      unit.book_id, input.paid_on, "收到劳务品牌奖补资金 " + award.award_id,
      "award:" + award.award_id + (input.reference.empty() ? "" : " ref:" + input.reference),
      {{std::string(dedicated_bank_account), Side::debit, amount}, {receipt, Side::credit, amount}}});
  if (!posted) return posted.error();
  return posted.value().entry_id;
}

std::int64_t insert_payment(Database& database, const AwardPayment& payment, const PaymentInput& input) {
  const long long amount_fen = payment.amount.fen_int64();
  const std::string paid_on = payment.paid_on.to_string();
  const long long bureau_entry = payment.bureau_entry_id;
  const long long unit_entry = payment.unit_entry_id;
  const std::string now = utc_timestamp_now();
  long long payment_id = 0;
  database.session() << "INSERT INTO award_payments (award_id, unit_id, amount_fen, paid_on, paid_from, reference, "
                        "bureau_entry_id, unit_entry_id, recorded_at) VALUES (:award, :unit, :amount, :paid_on, "
                        ":paid_from, :reference, :bureau_entry, :unit_entry, :now) RETURNING payment_id",
      soci::use(payment.award_id), soci::use(payment.unit_id), soci::use(amount_fen), soci::use(paid_on),
      soci::use(input.paid_from), soci::use(input.reference), soci::use(bureau_entry), soci::use(unit_entry),
      soci::use(now), soci::into(payment_id);
  return payment_id;
}

}  // namespace

Result<AwardPayment> pay_award(Database& database, const PaymentInput& input) {
  if (input.paid_from != "1011" && input.paid_from != "1002") {
    return make_error(ReasonCode::bad_account_code, "pay from 1011 (零余额账户用款额度) or 1002 (银行存款)", "from");
  }
  if (auto valid = validate_text(input.reference, "reference", 100, true); !valid) return valid.error();
  if (input.amount && !input.amount->is_positive()) {
    return make_error(ReasonCode::bad_amount, "must be positive", "amount");
  }
  if (auto allowed = authorize(database.principal(), Action::pay_award, input.unit_id); !allowed) {
    return allowed.error();
  }
  Transaction transaction(database, {"award.pay", "share", input.award_id + " " + input.unit_id});
  const auto award = find_award(database, input.award_id);
  if (!award) return make_error(ReasonCode::unknown_award, "no award '" + input.award_id + "'", "award");
  const auto unit = find_unit(database, input.unit_id);
  const auto share = lock_share(database, input.award_id, input.unit_id);
  if (!unit || !share) {
    return make_error(ReasonCode::unit_not_on_award,
                      "unit " + input.unit_id + " is not a lead unit of award " + input.award_id, "unit");
  }
  if (auto payable = check_payable(database, *award, input); !payable) return payable.error();
  const Money unpaid = *share - paid_to_unit(database, input.award_id, input.unit_id);
  const Money amount = input.amount.value_or(unpaid);
  if (amount > unpaid || !amount.is_positive()) {
    return make_error(ReasonCode::overpaid,
                      "paying " + format_yuan(amount) + " would exceed the share: " + format_yuan(unpaid) +
                          " of " + format_yuan(*share) + " is unpaid",
                      "amount");
  }
  Journal& journal = Journal::of_connection(database);
  auto bureau_entry = book_bureau_payment(database, journal, *award, *unit, input, amount);
  if (!bureau_entry) return bureau_entry.error();
  auto unit_entry = book_unit_receipt(database, journal, *award, *unit, input, amount);
  if (!unit_entry) return unit_entry.error();
  AwardPayment payment{0, input.award_id, input.unit_id, amount, input.paid_on, bureau_entry.value(),
                       unit_entry.value()};
  payment.payment_id = insert_payment(database, payment, input);
  transaction.commit();
  return payment;
}

}  // namespace jiangbu

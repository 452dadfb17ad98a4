#pragma once
// The bank reconciliation (银行存款余额调节表) of a unit's bank account as of
// a date: the book's balance and the bank's, the items each has that the
// other has not yet (未达账项), and both balances adjusted for them, which
// must agree to the fen.
//
//   adjusted book = book + 银行已收企业未收 − 银行已付企业未付
//   adjusted bank = bank + 企业已收银行未收 − 企业已付银行未付
//
// The book side is every posting on the account (and its sub-accounts) dated
// on or before as_of, except an entry and its reversal when both are: they
// cancel in the book and the bank never saw them. The bank side is every
// stored statement line dated on or before as_of, and the bank balance is the
// earliest statement's opening balance plus what came in less what went out.
#include <cstddef>
#include <string>
#include <vector>

#include "bank/bank_matching.hpp"
#include "core/date.hpp"
#include "core/result.hpp"
#include "money/money.hpp"
#include "registry/units.hpp"
#include "store/database.hpp"

namespace jiangbu {

inline constexpr int default_window_days = 5;
inline constexpr int window_days_max = 366;

struct ReconciliationRequest {
  std::string unit_id;
  std::string account_code = std::string(dedicated_bank_account);
  Date as_of = Date::from_parts(2000, 1, 1);
  int window_days = default_window_days;
};

// An item on one side only.
struct ReconcilingItem {
  Date date = Date::from_parts(2000, 1, 1);
  Money amount;  // positive
  std::string reference;    // the voucher number (book) or the bank's 流水号, else its 摘要 (bank)
  std::string description;  // the memo (book); counterparty and 摘要/附言 (bank)
};

struct MatchedPair {
  std::string voucher_number;
  Date book_date = Date::from_parts(2000, 1, 1);
  Date bank_date = Date::from_parts(2000, 1, 1);
  Money amount;
  bool money_in = true;
  std::string bank_reference;
  std::string description;
  MatchRule rule = MatchRule::reference;
  int days_apart = 0;  // bank date minus book date
};

struct BankReconciliation {
  std::string unit_id;
  std::string unit_name;
  std::string book_id;
  std::string account_code;
  Date as_of = Date::from_parts(2000, 1, 1);
  int window_days = default_window_days;
  std::size_t statement_count = 0;
  std::size_t reversed_postings_left_out = 0;  // entries and reversals that cancel, both by as_of

  Money book_balance;  // debit − credit of the account and its sub-accounts, as of
  Money bank_opening_balance;
  Money bank_in_total;
  Money bank_out_total;
  [[nodiscard]] Money bank_balance() const { return bank_opening_balance + bank_in_total - bank_out_total; }

  std::vector<MatchedPair> matches;  // in the bank's order
  std::vector<ReconcilingItem> bank_in_not_in_book;   // 银行已收企业未收
  std::vector<ReconcilingItem> bank_out_not_in_book;  // 银行已付企业未付
  std::vector<ReconcilingItem> book_in_not_in_bank;   // 企业已收银行未收
  std::vector<ReconcilingItem> book_out_not_in_bank;  // 企业已付银行未付

  [[nodiscard]] Money adjusted_book_balance() const;
  [[nodiscard]] Money adjusted_bank_balance() const;
  [[nodiscard]] bool agrees() const { return adjusted_book_balance() == adjusted_bank_balance(); }
  // Adjusted book minus adjusted bank; zero when they agree.
  [[nodiscard]] Money gap() const { return adjusted_book_balance() - adjusted_bank_balance(); }
  // The matches whose two dates differ.
  [[nodiscard]] std::vector<MatchedPair> date_shifted_matches() const;
};

Money total_of(const std::vector<ReconcilingItem>& items);

Result<BankReconciliation> reconcile_bank_account(Database& database, const ReconciliationRequest& request);

}  // namespace jiangbu

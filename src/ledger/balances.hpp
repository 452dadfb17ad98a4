#pragma once
// Balances of an account or a subtree as of a date, and the trial balance
// (试算平衡表) of a book: opening balance, the period's debits and credits,
// and the closing balance of every account that has postings.
#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/result.hpp"
#include "ledger/chart.hpp"
#include "money/money.hpp"
#include "store/database.hpp"

namespace jiangbu {

struct AccountBalance {
  std::string book_id;
  std::string account_code;
  NormalSide normal_side = NormalSide::debit;
  Money debit_total;
  Money credit_total;
  // Positive when the balance lies on the account's normal side.
  [[nodiscard]] Money balance() const {
    return normal_side == NormalSide::debit ? debit_total - credit_total
                                            : credit_total - debit_total;
  }
};

// The account and, when include_subtree, every sub-account below it; only
// postings dated on or before as_of (all when empty).
Result<AccountBalance> account_balance(Database& database, const std::string& book_id,
                                       const std::string& account_code,
                                       const std::optional<Date>& as_of, bool include_subtree);

struct TrialBalanceRow {
  std::string account_code;
  std::string account_name;
  Basis basis = Basis::financial;
  Money opening_debit_minus_credit;
  Money period_debit;
  Money period_credit;
  [[nodiscard]] Money closing_debit_minus_credit() const {
    return opening_debit_minus_credit + period_debit - period_credit;
  }
};

struct TrialBalanceTotals {
  Money opening_debit, opening_credit, period_debit, period_credit, closing_debit, closing_credit;
  [[nodiscard]] bool balanced() const {
    return opening_debit == opening_credit && period_debit == period_credit &&
           closing_debit == closing_credit;
  }
};

struct TrialBalance {
  std::string book_id;
  std::optional<Date> from;  // empty: since the first entry
  Date to = Date::from_parts(2000, 1, 1);
  std::vector<TrialBalanceRow> rows;  // by account code
  TrialBalanceTotals financial;
  TrialBalanceTotals budget;
};

// Accounts with postings on or before `to`; postings before `from` make up
// the opening balance.
Result<TrialBalance> trial_balance(Database& database, const std::string& book_id,
                                   const std::optional<Date>& from, const Date& to);

}  // namespace jiangbu

#include "ledger/balances.hpp"

#include "core/reason_code.hpp"
#include "ledger/accounts.hpp"
#include "ledger/books.hpp"
#include "store/money_conversion.hpp"

namespace jiangbu {

namespace {

constexpr std::size_t trial_balance_rows_max = 1'000'000;

void add_to_totals(TrialBalanceTotals& totals, const TrialBalanceRow& row) {
  const auto on_side = [](const Money& debit_minus_credit, Money& debit, Money& credit) {
    if (debit_minus_credit.is_negative()) {
      credit += -debit_minus_credit;
    } else {
      debit += debit_minus_credit;
    }
  };
  on_side(row.opening_debit_minus_credit, totals.opening_debit, totals.opening_credit);
  totals.period_debit += row.period_debit;
  totals.period_credit += row.period_credit;
  on_side(row.closing_debit_minus_credit(), totals.closing_debit, totals.closing_credit);
}

}  // namespace

Result<AccountBalance> account_balance(Database& database, const std::string& book_id,
                                       const std::string& account_code,
                                       const std::optional<Date>& as_of, bool include_subtree) {
  const auto account = find_account(database, book_id, account_code);
  if (!account) {
    return make_error(ReasonCode::unknown_account,
                      "'" + account_code + "' is not open in book '" + book_id + "'", "account");
  }
  // Sub-accounts of "2303" are the codes strictly between "2303/" and "23030".
  const std::string subtree_low = include_subtree ? account_code + "/" : account_code;
  const std::string subtree_high = include_subtree ? account_code + "0" : account_code;
  const std::string as_of_text = as_of ? as_of->to_string() : "9999-99-99";
  std::string debit_text;
  std::string credit_text;
  database.session() << "SELECT CAST(COALESCE(SUM(debit_fen), 0) AS TEXT), "
                        "CAST(COALESCE(SUM(credit_fen), 0) AS TEXT) FROM postings "
                        "WHERE book_id = :book AND entry_date <= :as_of AND (account_code = :code "
                        "OR (account_code > :low AND account_code < :high))",
      soci::use(book_id), soci::use(as_of_text), soci::use(account_code), soci::use(subtree_low),
      soci::use(subtree_high), soci::into(debit_text), soci::into(credit_text);
  AccountBalance balance;
  balance.book_id = book_id;
  balance.account_code = account_code;
  balance.normal_side = account->normal_side;
  balance.debit_total = money_from_fen_text(debit_text);
  balance.credit_total = money_from_fen_text(credit_text);
  return balance;
}

Result<TrialBalance> trial_balance(Database& database, const std::string& book_id,
                                   const std::optional<Date>& from, const Date& to) {
  if (!find_book(database, book_id)) {
    return make_error(ReasonCode::unknown_book, "no book '" + book_id + "'", "book");
  }
  TrialBalance report;
  report.book_id = book_id;
  report.from = from;
  report.to = to;
  const std::string from_text = from ? from->to_string() : "0000-00-00";
  const std::string to_text = to.to_string();
  TrialBalanceRow row;
  std::string basis;
  std::string opening_text;
  std::string debit_text;
  std::string credit_text;
  soci::statement statement =
      (database.session().prepare
           << "SELECT p.account_code, a.name, c.basis, "
              "CAST(SUM(CASE WHEN p.entry_date < :from1 THEN p.debit_fen - p.credit_fen ELSE 0 END) AS TEXT), "
              "CAST(SUM(CASE WHEN p.entry_date >= :from2 THEN p.debit_fen ELSE 0 END) AS TEXT), "
              "CAST(SUM(CASE WHEN p.entry_date >= :from3 THEN p.credit_fen ELSE 0 END) AS TEXT) "
              "FROM postings p "
              "JOIN accounts a ON a.book_id = p.book_id AND a.code = p.account_code "
              "JOIN books b ON b.book_id = p.book_id "
              "JOIN chart_accounts c ON c.chart_id = b.chart_id AND c.code = a.chart_code "
              "WHERE p.book_id = :book AND p.entry_date <= :to "
              "GROUP BY p.account_code, a.name, c.basis ORDER BY p.account_code",
       soci::use(from_text), soci::use(from_text), soci::use(from_text), soci::use(book_id),
       soci::use(to_text), soci::into(row.account_code), soci::into(row.account_name),
       soci::into(basis), soci::into(opening_text), soci::into(debit_text),
       soci::into(credit_text));
  statement.execute();
  while (statement.fetch() && report.rows.size() < trial_balance_rows_max) {
    row.basis = basis == "financial" ? Basis::financial : Basis::budget;
    row.opening_debit_minus_credit = money_from_fen_text(opening_text);
    row.period_debit = money_from_fen_text(debit_text);
    row.period_credit = money_from_fen_text(credit_text);
    report.rows.push_back(row);
    add_to_totals(row.basis == Basis::financial ? report.financial : report.budget, row);
  }
  return report;
}

}  // namespace jiangbu

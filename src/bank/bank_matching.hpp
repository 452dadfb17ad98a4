#pragma once
// Pairing the book's postings on a bank account with the bank's lines (对账).
// A pair always has the same amount and the same direction: a debit in the
// book (money in) with a line the bank received, a credit with one it paid.
// Three passes, each using only what the earlier ones left:
//   1. the same reference (the bank's 流水号, 摘要 or 附言 equals one of the
//      posting's references: voucher number, source reference, the
//      expenditure's external id, the payment's reference), within the window;
//   2. the same date;
//   3. the nearest date within the window.
// Within a pass the closest dates pair first, then the earlier bank line, then
// the earlier posting, so the result depends only on the inputs' order.
// Each posting and each line is used at most once.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "bank/bank_statement.hpp"
#include "core/date.hpp"
#include "ledger/journal_entry.hpp"
#include "money/money.hpp"

namespace jiangbu {

// One posting on the bank account, with what it can be recognised by.
struct BookItem {
  std::int64_t entry_id = 0;
  int line_number = 0;
  std::string voucher_number;
  Date entry_date = Date::from_parts(2000, 1, 1);
  Side side = Side::debit;  // debit: money into the account
  Money amount;             // positive
  std::string description;  // the entry's memo, and the payee when known
  std::vector<std::string> references;
};

enum class MatchRule { reference, same_date, nearest_date };
std::string_view match_rule_name(MatchRule rule);  // "reference", "same-date", "nearest-date"

struct BankMatch {
  std::size_t book_index = 0;  // into the postings given
  std::size_t bank_index = 0;  // into the lines given
  MatchRule rule = MatchRule::reference;
  int days_apart = 0;  // the bank's date minus the book's: 2 when the bank booked it two days later
};

struct MatchResult {
  std::vector<BankMatch> matches;             // by bank index
  std::vector<std::size_t> unmatched_book;    // ascending
  std::vector<std::size_t> unmatched_bank;    // ascending
};

// window_days: how far apart the dates of a pair may be (passes 1 and 3).
MatchResult match_bank_lines(const std::vector<BookItem>& book, const std::vector<StoredBankLine>& bank,
                             int window_days);

}  // namespace jiangbu

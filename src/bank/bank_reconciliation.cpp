#include "bank/bank_reconciliation.hpp"

#include <map>

#include "core/assert.hpp"
#include "core/reason_code.hpp"
#include "ledger/balances.hpp"
#include "store/money_conversion.hpp"

namespace jiangbu {

namespace {

constexpr std::size_t postings_read_max = 10'000'000;
constexpr std::size_t references_read_max = 10'000'000;

using ReferencesByEntry = std::map<std::int64_t, std::vector<std::string>>;

// Rows of (entry id, text) for the unit, added to each entry's references.
void collect_references(Database& database, const std::string& sql, const std::string& unit_id,
                        ReferencesByEntry& references) {
  long long entry_id = 0;
  std::string text;
  soci::statement statement =
      (database.session().prepare << sql, soci::use(unit_id), soci::into(entry_id), soci::into(text));
  statement.execute();
  for (std::size_t rows = 0; rows < references_read_max && statement.fetch(); ++rows) {
    if (!text.empty()) references[entry_id].push_back(text);
  }
}

// What a bank may quote for an entry besides its voucher number and source
// reference: the unit's own id for the expenditure, the bureau's payment
// reference, the clawback decision's number; and whom an expenditure paid.
struct EntryKnowledge {
  ReferencesByEntry references;
  ReferencesByEntry payees;
};

EntryKnowledge entry_knowledge(Database& database, const std::string& unit_id) {
  EntryKnowledge knowledge;
  collect_references(database, "SELECT entry_id, external_id FROM expenditures WHERE unit_id = :unit", unit_id,
                     knowledge.references);
  collect_references(database, "SELECT unit_entry_id, reference FROM award_payments WHERE unit_id = :unit", unit_id,
                     knowledge.references);
  collect_references(database, "SELECT unit_entry_id, document_number FROM clawbacks WHERE unit_id = :unit",
                     unit_id, knowledge.references);
  collect_references(database, "SELECT entry_id, payee_name FROM expenditures WHERE unit_id = :unit", unit_id,
                     knowledge.payees);
  return knowledge;
}

struct BookSide {
  std::vector<BookItem> items;
  std::size_t left_out = 0;
};

BookSide book_items(Database& database, const std::string& book_id, const std::string& account_code,
                    const Date& as_of, const EntryKnowledge& knowledge) {
  const std::string as_of_text = as_of.to_string();
  const std::string subtree_low = account_code + "/";
  const std::string subtree_high = account_code + "0";
  BookItem item;
  long long entry_id = 0;
  std::string date;
  std::string memo;
  std::string source_reference;
  long long debit_fen = 0;
  long long credit_fen = 0;
  long long reverses = 0;
  soci::indicator reverses_indicator = soci::i_null;
  std::string reversed_on;
  soci::indicator reversed_indicator = soci::i_null;
  soci::statement statement =
      (database.session().prepare
           << "SELECT p.entry_id, p.line_number, e.voucher_number, e.entry_date, e.memo, e.source_reference, "
              "p.debit_fen, p.credit_fen, e.reverses_entry_id, "
              "(SELECT r.entry_date FROM journal_entries r WHERE r.reverses_entry_id = e.entry_id) "
              "FROM postings p JOIN journal_entries e ON e.entry_id = p.entry_id "
              "WHERE p.book_id = :book AND p.entry_date <= :as_of AND (p.account_code = :code "
              "OR (p.account_code > :low AND p.account_code < :high)) "
              "ORDER BY p.entry_date, p.entry_id, p.line_number",
       soci::use(book_id), soci::use(as_of_text), soci::use(account_code), soci::use(subtree_low),
       soci::use(subtree_high), soci::into(entry_id), soci::into(item.line_number), soci::into(item.voucher_number),
       soci::into(date), soci::into(memo), soci::into(source_reference), soci::into(debit_fen),
       soci::into(credit_fen), soci::into(reverses, reverses_indicator),
       soci::into(reversed_on, reversed_indicator));
  statement.execute();
  BookSide side;
  for (std::size_t rows = 0; rows < postings_read_max && statement.fetch(); ++rows) {
    // A reversal is never dated before its original, so when the reversal is
    // in the period both are, and together they moved nothing.
    const bool reversal = reverses_indicator == soci::i_ok;
    const bool reversed = reversed_indicator == soci::i_ok && reversed_on <= as_of_text;
    if (reversal || reversed) {
      ++side.left_out;
      continue;
    }
    item.entry_id = entry_id;
    auto parsed = Date::parse(date);
    JIANGBU_ASSERT(parsed.ok());  // the schema's CHECK keeps dates well-formed
    item.entry_date = parsed.value();
    item.side = debit_fen > 0 ? Side::debit : Side::credit;
    item.amount = Money::from_fen(debit_fen > 0 ? debit_fen : credit_fen);
    item.description = memo;
    item.references = {item.voucher_number, source_reference};
    if (const auto found = knowledge.references.find(entry_id); found != knowledge.references.end()) {
      item.references.insert(item.references.end(), found->second.begin(), found->second.end());
    }
    if (const auto found = knowledge.payees.find(entry_id); found != knowledge.payees.end()) {
      item.description += "（" + found->second.front() + "）";
    }
    side.items.push_back(item);
  }
  return side;
}

std::string join_nonempty(const std::vector<std::string>& parts) {
  std::string joined;
  for (const auto& part : parts) {
    if (!part.empty()) joined += (joined.empty() ? "" : " / ") + part;
  }
  return joined;
}

ReconcilingItem book_item(const BookItem& posting) {
  return {posting.entry_date, posting.amount, posting.voucher_number, posting.description};
}

ReconcilingItem bank_item(const BankStatementLine& line) {
  return {line.transaction_date, line.amount, line.reference.empty() ? line.memo : line.reference,
          join_nonempty({line.counterparty, line.reference.empty() ? std::string() : line.memo, line.remark})};
}

void place_unmatched(BankReconciliation& report, const std::vector<BookItem>& book,
                     const std::vector<StoredBankLine>& bank, const MatchResult& matched) {
  for (const std::size_t index : matched.unmatched_bank) {
    const BankStatementLine& line = bank[index].line;
    (line.direction == BankDirection::in ? report.bank_in_not_in_book : report.bank_out_not_in_book)
        .push_back(bank_item(line));
  }
  for (const std::size_t index : matched.unmatched_book) {
    (book[index].side == Side::debit ? report.book_in_not_in_bank : report.book_out_not_in_bank)
        .push_back(book_item(book[index]));
  }
}

void place_matches(BankReconciliation& report, const std::vector<BookItem>& book,
                   const std::vector<StoredBankLine>& bank, const MatchResult& matched) {
  for (const auto& match : matched.matches) {
    const BookItem& posting = book[match.book_index];
    const BankStatementLine& line = bank[match.bank_index].line;
    report.matches.push_back({posting.voucher_number, posting.entry_date, line.transaction_date, posting.amount,
                              posting.side == Side::debit, line.reference.empty() ? line.memo : line.reference,
                              posting.description, match.rule, match.days_apart});
  }
}

}  // namespace

Money total_of(const std::vector<ReconcilingItem>& items) {
  Money total;
  for (const auto& item : items) total += item.amount;
  return total;
}

Money BankReconciliation::adjusted_book_balance() const {
  return book_balance + total_of(bank_in_not_in_book) - total_of(bank_out_not_in_book);
}

Money BankReconciliation::adjusted_bank_balance() const {
  return bank_balance() + total_of(book_in_not_in_bank) - total_of(book_out_not_in_bank);
}

std::vector<MatchedPair> BankReconciliation::date_shifted_matches() const {
  std::vector<MatchedPair> shifted;
  for (const auto& match : matches) {
    if (match.days_apart != 0) shifted.push_back(match);
  }
  return shifted;
}

Result<BankReconciliation> reconcile_bank_account(Database& database, const ReconciliationRequest& request) {
  if (request.window_days < 0 || request.window_days > window_days_max) {
    return make_error(ReasonCode::bad_text, "must be between 0 and " + std::to_string(window_days_max) + " days",
                      "window-days");
  }
  const auto unit = find_unit(database, request.unit_id);
  if (!unit) return make_error(ReasonCode::unknown_unit, "no unit '" + request.unit_id + "'", "unit");
  if (auto checked = check_bank_account(database, *unit, request.account_code); !checked) return checked.error();
  auto balance = account_balance(database, unit->book_id, request.account_code, request.as_of, true);
  if (!balance) return balance.error();

  BankReconciliation report;
  report.unit_id = unit->unit_id;
  report.unit_name = unit->name;
  report.book_id = unit->book_id;
  report.account_code = request.account_code;
  report.as_of = request.as_of;
  report.window_days = request.window_days;
  report.book_balance = balance.value().debit_total - balance.value().credit_total;
  report.statement_count = list_bank_statements(database, unit->unit_id, request.account_code).size();
  report.bank_opening_balance = bank_opening_balance(database, unit->unit_id, request.account_code);

  const BookSide book =
      book_items(database, unit->book_id, request.account_code, request.as_of, entry_knowledge(database, unit->unit_id));
  report.reversed_postings_left_out = book.left_out;
  const auto bank = stored_bank_lines(database, unit->unit_id, request.account_code, request.as_of);
  for (const auto& stored : bank) {
    (stored.line.direction == BankDirection::in ? report.bank_in_total : report.bank_out_total) += stored.line.amount;
  }
  const MatchResult matched = match_bank_lines(book.items, bank, request.window_days);
  place_matches(report, book.items, bank, matched);
  place_unmatched(report, book.items, bank, matched);
  return report;
}

}  // namespace jiangbu

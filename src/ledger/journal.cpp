#include "ledger/journal.hpp"

#include <map>
#include <set>

#include "core/printable_text.hpp"
#include "core/reason_code.hpp"
#include "core/text.hpp"
#include "core/timestamp.hpp"
#include "ledger/accounts.hpp"
#include "ledger/books.hpp"
#include "ledger/journal_chain.hpp"
#include "store/money_conversion.hpp"
#include "store/transaction.hpp"

namespace jiangbu {

std::string_view side_name(Side side) { return side == Side::debit ? "debit" : "credit"; }

std::string format_voucher_number(int fiscal_year, std::int64_t number) {
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "记-%04d-%06lld", fiscal_year,
                static_cast<long long>(number));
  return buffer;
}

// Statements prepared once per Journal and executed per entry; the members
// are the variables they are bound to.
struct Journal::Statements {
  explicit Statements(soci::session& session);

  std::string book_id;
  std::string account_code;
  std::string basis;
  soci::indicator basis_indicator = soci::i_null;
  soci::statement find_account_basis;

  int fiscal_year = 0;
  long long voucher_sequence = 0;
  soci::statement ensure_sequence;
  soci::statement next_sequence;

  std::string voucher_number;
  std::string entry_date;
  std::string memo;
  std::string source_reference;
  long long reverses_entry_id = 0;
  soci::indicator reverses_indicator = soci::i_null;
  std::string recorded_at;
  long long entry_id = 0;
  soci::statement insert_entry;

  // One row per execution: SOCI 4.0's PostgreSQL backend keeps stale buffers
  // when a prepared statement with vector binds runs again (SOCI issues
  // #910 and #1167), which here would write wrong amounts.
  int posting_line_number = 0;
  std::string posting_account;
  long long posting_debit_fen = 0;
  long long posting_credit_fen = 0;
  soci::statement insert_posting;

  // Seals each entry into its book and year's hash chain (journal_chain.hpp).
  ChainSealer sealer;

  // Positive lookups only: books and accounts are never closed or removed.
  std::map<std::pair<std::string, std::string>, Basis> basis_cache;
  std::set<std::string> known_books;
};

Journal::Statements::Statements(soci::session& session)
    : find_account_basis(
          (session.prepare << "SELECT c.basis FROM accounts a "
                              "JOIN books b ON b.book_id = a.book_id "
                              "JOIN chart_accounts c ON c.chart_id = b.chart_id AND c.code = a.chart_code "
                              "WHERE a.book_id = :book AND a.code = :code",
           soci::use(book_id), soci::use(account_code), soci::into(basis, basis_indicator))),
      ensure_sequence((session.prepare << "INSERT INTO voucher_sequences (book_id, fiscal_year, last_number) "
                                          "VALUES (:book, :year, 0) ON CONFLICT (book_id, fiscal_year) DO NOTHING",
                       soci::use(book_id), soci::use(fiscal_year))),
      next_sequence((session.prepare << "UPDATE voucher_sequences SET last_number = last_number + 1 "
                                        "WHERE book_id = :book AND fiscal_year = :year RETURNING last_number",
                     soci::use(book_id), soci::use(fiscal_year), soci::into(voucher_sequence))),
      insert_entry((session.prepare << "INSERT INTO journal_entries (book_id, voucher_number, fiscal_year, "
                                       "entry_date, memo, source_reference, reverses_entry_id, recorded_at) "
                                       "VALUES (:book, :voucher, :year, :entry_date, :memo, :source, "
                                       ":reverses, :recorded_at) RETURNING entry_id",
                    soci::use(book_id), soci::use(voucher_number), soci::use(fiscal_year),
                    soci::use(entry_date), soci::use(memo), soci::use(source_reference),
                    soci::use(reverses_entry_id, reverses_indicator), soci::use(recorded_at),
                    soci::into(entry_id))),
      insert_posting((session.prepare << "INSERT INTO postings (entry_id, line_number, book_id, entry_date, "
                                         "account_code, debit_fen, credit_fen) VALUES (:entry, :line, "
                                         ":book, :entry_date, :account, :debit, :credit)",
                      soci::use(entry_id), soci::use(posting_line_number), soci::use(book_id),
                      soci::use(entry_date), soci::use(posting_account), soci::use(posting_debit_fen),
                      soci::use(posting_credit_fen))),
      sealer(session) {}

namespace {

// Runs a prepared statement that yields at most one row and steps it to the
// end, so SQLite does not hold it open (an open statement blocks COMMIT).
bool execute_single_row(soci::statement& statement) {
  const bool found = statement.execute(true);
  if (found) {
    for (int extra_rows = 0; statement.fetch(); ++extra_rows) {
      JIANGBU_ASSERT(extra_rows == 0 && "single-row statement returned several rows");
    }
  }
  return found;
}

std::string posting_field(std::size_t index, std::string_view name) {
  return "postings[" + std::to_string(index + 1) + "]." + std::string(name);
}

Status validate_shape(const EntryInput& input) {
  if (auto valid = validate_text(input.memo, "memo", memo_bytes_max); !valid) return valid;
  if (auto valid = validate_text(input.source_reference, "source_reference",
                                 source_reference_bytes_max, true);
      !valid) {
    return valid;
  }
  if (input.postings.size() < 2) {
    return make_error(ReasonCode::too_few_postings,
                      "an entry needs at least two postings, this one has " +
                          std::to_string(input.postings.size()),
                      "postings");
  }
  if (input.postings.size() > postings_per_entry_max) {
    return make_error(ReasonCode::too_many_postings,
                      "at most " + std::to_string(postings_per_entry_max) + " postings per entry",
                      "postings");
  }
  for (std::size_t index = 0; index < input.postings.size(); ++index) {
    const auto& posting = input.postings[index];
    if (auto valid = validate_account_code(posting.account_code); !valid) {
      return Error(valid.error().code, valid.error().message, posting_field(index, "account"));
    }
    if (!posting.amount.is_positive()) {
      return make_error(ReasonCode::bad_posting,
                        "must be positive, got " + posting.amount.to_plain_string(),
                        posting_field(index, "amount"));
    }
  }
  return success();
}

}  // namespace

Journal::Journal(Database& database, JournalSealing sealing)
    : database_(database),
      statements_(std::make_unique<Statements>(database.session())),
      sealing_(sealing) {}

Journal::~Journal() = default;

Journal& Journal::of_connection(Database& database) {
  Journal& journal = database.reused<Journal>([](Database& owner) { return std::make_unique<Journal>(owner); });
  journal.statements_->basis_cache.clear();
  journal.statements_->known_books.clear();
  return journal;
}

Result<JournalEntry> Journal::post(const EntryInput& input) {
  Transaction transaction(database_, {"entry.post", "entry", input.book_id});
  auto entry = append(input);
  if (entry) {
    transaction.set_object_id(input.book_id + " " + entry.value().voucher_number);
    transaction.commit();
  }
  return entry;
}

Status Journal::validate(const EntryInput& input) {
  if (auto valid = validate_shape(input); !valid) return valid;
  auto& statements = *statements_;
  if (!statements.known_books.contains(input.book_id)) {
    if (!find_book(database_, input.book_id)) {
      return make_error(ReasonCode::unknown_book, "no book '" + input.book_id + "'", "book");
    }
    statements.known_books.insert(input.book_id);
  }
  // Each basis (财务会计, 预算会计) must balance on its own.
  std::map<Basis, FenInteger> debit_minus_credit;
  for (std::size_t index = 0; index < input.postings.size(); ++index) {
    const auto& posting = input.postings[index];
    const auto key = std::make_pair(input.book_id, posting.account_code);
    auto cached = statements.basis_cache.find(key);
    if (cached == statements.basis_cache.end()) {
      statements.book_id = input.book_id;
      statements.account_code = posting.account_code;
      if (!execute_single_row(statements.find_account_basis) ||
          statements.basis_indicator != soci::i_ok) {
        return make_error(ReasonCode::unknown_account,
                          quote_input(posting.account_code) + " is not open in book " + quote_input(input.book_id),
                          posting_field(index, "account"));
      }
      cached = statements.basis_cache
                   .emplace(key, statements.basis == "financial" ? Basis::financial : Basis::budget)
                   .first;
    }
    const FenInteger& fen = posting.amount.fen();
    debit_minus_credit[cached->second] += posting.side == Side::debit ? fen : FenInteger(-fen);
  }
  for (const auto& [basis, difference] : debit_minus_credit) {
    if (difference != 0) {
      const Money gap = Money::from_fen_integer(difference < 0 ? FenInteger(-difference) : difference);
      return make_error(ReasonCode::unbalanced_entry,
                        std::string(basis_name(basis)) + " postings do not balance: " +
                            (difference > 0 ? "debits" : "credits") + " exceed by " +
                            gap.to_plain_string(),
                        "postings");
    }
  }
  return success();
}

Result<JournalEntry> Journal::append(const EntryInput& input) {
  if (auto valid = validate(input); !valid) return valid.error();
  auto& statements = *statements_;
  statements.book_id = input.book_id;
  statements.fiscal_year = input.entry_date.year();
  statements.ensure_sequence.execute(true);
  JIANGBU_ASSERT(execute_single_row(statements.next_sequence));
  statements.voucher_number = format_voucher_number(statements.fiscal_year, statements.voucher_sequence);
  statements.entry_date = input.entry_date.to_string();
  statements.memo = input.memo;
  statements.source_reference = input.source_reference;
  statements.recorded_at = utc_timestamp_now();
  JIANGBU_ASSERT(execute_single_row(statements.insert_entry));

  JournalEntry entry;
  for (std::size_t index = 0; index < input.postings.size(); ++index) {
    const auto& posting = input.postings[index];
    const long long fen = static_cast<long long>(posting.amount.fen_int64());
    statements.posting_line_number = static_cast<int>(index + 1);
    statements.posting_account = posting.account_code;
    statements.posting_debit_fen = posting.side == Side::debit ? fen : 0;
    statements.posting_credit_fen = posting.side == Side::credit ? fen : 0;
    statements.insert_posting.execute(true);
    entry.postings.push_back(Posting{statements.posting_line_number, posting.account_code,
                                     posting.side, posting.amount});
  }

  database_.note_created_entry(statements.entry_id);
  entry.entry_id = statements.entry_id;
  entry.book_id = input.book_id;
  entry.voucher_number = statements.voucher_number;
  entry.fiscal_year = statements.fiscal_year;
  entry.entry_date = input.entry_date;
  entry.memo = input.memo;
  entry.source_reference = input.source_reference;
  if (statements.reverses_indicator == soci::i_ok) entry.reverses_entry_id = statements.reverses_entry_id;
  entry.recorded_at = statements.recorded_at;
  // The voucher counter's row lock taken above is held until commit, so the
  // previous entry of this chain is committed and no other writer can seal
  // the same place: the chain cannot fork, also under READ COMMITTED.
  if (sealing_ == JournalSealing::sealed) {
    if (auto sealed = statements.sealer.seal(entry); !sealed) return sealed.error();
  }
  return entry;
}

Result<JournalEntry> Journal::reverse(std::int64_t entry_id, const Date& reversal_date,
                                      const std::string& reason) {
  Transaction transaction(database_, {"entry.reverse", "entry", std::to_string(entry_id)});
  try {
    auto entry = append_reversal(entry_id, reversal_date, reason);
    if (entry) transaction.commit();
    return entry;
  } catch (const soci::soci_error& error) {
    // Lost a race with another reversal of the same entry: the UNIQUE
    // constraint on reverses_entry_id held, and the verdict is a rule one.
    if (!is_unique_violation(error)) throw;
    return make_error(ReasonCode::already_reversed,
                      "entry " + std::to_string(entry_id) + " has already been reversed", "entry");
  }
}

Result<JournalEntry> Journal::append_reversal(std::int64_t entry_id, const Date& reversal_date,
                                              const std::string& reason) {
  if (auto valid = validate_text(reason, "reason", 300); !valid) return valid.error();
  const auto original = find(entry_id);
  if (!original) {
    return make_error(ReasonCode::unknown_entry, "no entry " + std::to_string(entry_id), "entry");
  }
  if (original->reverses_entry_id) {
    return make_error(ReasonCode::cannot_reverse_reversal,
                      original->voucher_number + " is itself a reversal; post a new entry instead",
                      "entry");
  }
  if (original->reversed_by_entry_id) {
    return make_error(ReasonCode::already_reversed,
                      original->voucher_number + " has already been reversed by entry " +
                          std::to_string(*original->reversed_by_entry_id),
                      "entry");
  }
  if (reversal_date < original->entry_date) {
    return make_error(ReasonCode::reversal_before_original,
                      "the reversal date " + reversal_date.to_string() + " is before " +
                          original->entry_date.to_string(),
                      "date");
  }
  EntryInput input;
  input.book_id = original->book_id;
  input.entry_date = reversal_date;
  input.memo = "冲销 " + original->voucher_number + "：" + reason;
  input.source_reference = original->source_reference;
  for (const auto& posting : original->postings) {
    input.postings.push_back(PostingInput{
        posting.account_code, posting.side == Side::debit ? Side::credit : Side::debit,
        posting.amount});
  }
  // The link travels in a bound variable of the prepared insert; clear it
  // again however append() ends, or the next entry would claim it.
  struct ReversalLink {
    Statements& statements;
    ReversalLink(Statements& bound, std::int64_t original_id) : statements(bound) {
      statements.reverses_entry_id = original_id;
      statements.reverses_indicator = soci::i_ok;
    }
    ~ReversalLink() { statements.reverses_indicator = soci::i_null; }
  } link(*statements_, entry_id);
  return append(input);
}

}  // namespace jiangbu

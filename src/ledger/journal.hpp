#pragma once
// The journal: append-only. Entries are posted, never changed; a correction
// is a reversing entry that points at the original (as TigerBeetle does), and
// an entry can be reversed once. Each Journal prepares its statements once on
// its Database and reuses them; use one Journal per connection and thread.
#include <memory>
#include <optional>

#include "core/result.hpp"
#include "ledger/journal_entry.hpp"
#include "store/database.hpp"

namespace jiangbu {

// Every entry is sealed into the hash chain (journal_chain.hpp) as it is
// posted. `unsealed` exists only for the benchmark that measures what the
// seal costs: `jiangbu verify` reports each entry posted that way.
enum class JournalSealing { sealed, unsealed };

class Journal {
 public:
  explicit Journal(Database& database, JournalSealing sealing = JournalSealing::sealed);
  ~Journal();
  Journal(const Journal&) = delete;
  Journal& operator=(const Journal&) = delete;

  // Validates and posts in a transaction of its own.
  Result<JournalEntry> post(const EntryInput& input);
  // The same inside the caller's open transaction (several entries, or an
  // entry plus other rows, that must land together).
  Result<JournalEntry> append(const EntryInput& input);
  // Every check append makes (shape, book, open accounts, each basis
  // balanced) without writing anything: a batch validates as it goes and
  // writes at the end (journal_batch.hpp).
  Status validate(const EntryInput& input);

  // Posts the mirror image of an entry, dated reversal_date (not before the
  // original), pointing back at it.
  Result<JournalEntry> reverse(std::int64_t entry_id, const Date& reversal_date,
                               const std::string& reason);
  Result<JournalEntry> append_reversal(std::int64_t entry_id, const Date& reversal_date,
                                       const std::string& reason);

  // The connection's journal (Database::reused), its prepared statements
  // kept, its lookups of books and accounts forgotten: an account a rolled
  // back transaction opened must not pass for open.
  static Journal& of_connection(Database& database);

  std::optional<JournalEntry> find(std::int64_t entry_id);
  std::optional<JournalEntry> find_by_voucher(const std::string& book_id,
                                              const std::string& voucher_number);
  // Entries of a book in voucher order, dated within [from, to], at most limit.
  std::vector<JournalEntry> list(const std::string& book_id, const std::optional<Date>& from,
                                 const std::optional<Date>& to, std::size_t limit);

 private:
  struct Statements;
  Database& database_;
  std::unique_ptr<Statements> statements_;
  JournalSealing sealing_;
};

}  // namespace jiangbu

#pragma once
// The journal's hash chain (tamper evidence). Every entry is sealed, in the
// transaction that posts it, by a row of journal_hashes holding the previous
// entry's hash and its own. There is one chain per book and fiscal year, in
// voucher order: entry 记-Y-n of book B follows 记-Y-(n-1) of B. Whoever
// changes a posting, a memo or a hash row behind the application's back
// breaks the chain at that entry (`jiangbu verify` names it); whoever rewrites
// a whole chain consistently changes its head, which `jiangbu verify --head`
// prints for recording outside the database.
//
// Encoding, version 1 (so an auditor can recompute it with other tools).
// Every field is a netstring (D. J. Bernstein): the byte length in decimal
// ASCII, ':', the bytes (UTF-8 as stored), ','. Integers are decimal ASCII
// without sign or leading zeros; absent values are the empty string.
//
//   genesis(B, Y)  = SHA-256( ns("jiangbu-journal-genesis-v1") ns(B) ns(Y) )
//   entry hash     = SHA-256( ns("jiangbu-journal-entry-v1")
//                             ns(previous hash)        64 lowercase hex digits;
//                                                      genesis(B, Y) for voucher 1
//                             ns(entry_id) ns(book_id) ns(voucher_number)
//                             ns(fiscal_year) ns(entry_date "YYYY-MM-DD")
//                             ns(memo) ns(source_reference)
//                             ns(reverses_entry_id or "") ns(recorded_at)
//                             then per posting, by line number:
//                             ns(line_number) ns(account_code)
//                             ns("debit" | "credit") ns(amount in fen)
//                             and last ns(posting count) )
// (The count comes last so that a verifier can hash a posting at a time.)
//   combined head  = SHA-256( ns("jiangbu-journal-head-v1")
//                             per chain, by book_id (bytewise) then year:
//                             ns(book_id) ns(fiscal_year) ns(entry count)
//                             ns(last entry hash) )
// Hashes are stored and printed as 64 lowercase hex digits.
//
// Example: ns("abc") = "3:abc,"; the posting (line 1, 5001, debit, 2,000.00
// 元) is "1:1,4:5001,5:debit,6:200000,".
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "core/sha256.hpp"
#include "ledger/journal_entry.hpp"
#include "store/database.hpp"

namespace jiangbu {

inline constexpr int journal_chain_version = 1;

// Appends ns(field) to output.
void append_netstring(std::string& output, std::string_view field);

std::string chain_genesis_hash(std::string_view book_id, int fiscal_year);

// Hashes one entry a field at a time, so that an entry's postings never need
// to be held together (verification streams them).
class EntryHasher {
 public:
  // header.postings is not read. keep_bytes keeps a copy of what is hashed
  // (for tests and for auditors who want to see the encoding).
  EntryHasher(std::string_view previous_hash, const JournalEntry& header, bool keep_bytes = false);
  // amount_fen: decimal text of the posting's amount in fen, as stored.
  void add_posting(std::int64_t line_number, std::string_view account_code, Side side,
                   std::string_view amount_fen);
  [[nodiscard]] std::int64_t posting_count() const { return posting_count_; }
  // The entry hash, 64 lowercase hex digits; call once.
  std::string finish();
  [[nodiscard]] const std::string& bytes() const { return bytes_; }

 private:
  void feed(std::string_view field);
  Sha256 hasher_;
  std::int64_t posting_count_ = 0;
  bool keep_bytes_ = false;
  std::string bytes_;
};

// The bytes hashed for a whole entry (see above), and their SHA-256 hex.
std::string canonical_entry_encoding(const JournalEntry& entry, std::string_view previous_hash);
std::string entry_chain_hash(const JournalEntry& entry, std::string_view previous_hash);

// Seals entries as they are posted: reads the previous entry's hash (the
// caller holds the chain's voucher_sequences row lock, so no other writer
// can append to this chain until it commits) and inserts the hash row.
// Statements are prepared once per session.
class ChainSealer {
 public:
  explicit ChainSealer(soci::session& session);
  ~ChainSealer();
  ChainSealer(const ChainSealer&) = delete;
  ChainSealer& operator=(const ChainSealer&) = delete;
  // entry must carry its entry_id, voucher number and postings. Refuses
  // (journal-chain-broken) when the previous voucher has no hash row.
  Status seal(const JournalEntry& entry);

 private:
  struct Statements;
  std::unique_ptr<Statements> statements_;
};

// The voucher's place in its chain: n of "记-YYYY-n"; 0 when malformed.
std::int64_t voucher_sequence_of(std::string_view voucher_number);

// The last link of one chain.
struct ChainHead {
  std::string book_id;
  int fiscal_year = 0;
  std::int64_t entry_count = 0;
  std::string head_hash;
};

// Folds chain heads (sorted by book, then year) into one hash.
std::string combined_chain_head(const std::vector<ChainHead>& heads);

struct JournalHead {
  std::string combined_hash;
  std::int64_t entry_count = 0;
  std::int64_t chain_count = 0;
};

// The head as stored (last hash row of each chain), without recomputing
// anything: what a report states it was computed from. `jiangbu verify`
// recomputes the same value from the entries. At most chains_max chains.
Result<JournalHead> stored_journal_head(Database& database);

// Seals the entries posted before migration 0006 (entry_id up to
// journal_chain_start.legacy_entry_id_max, without a hash row), chain by
// chain in voucher order, in one transaction. Idempotent; `jiangbu init`
// runs it after migrating. Returns how many entries it sealed.
Result<std::int64_t> seal_legacy_entries(Database& database);

inline constexpr std::size_t journal_chains_max = 1'000'000;

}  // namespace jiangbu

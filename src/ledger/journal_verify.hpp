#pragma once
// Recomputes the journal's hash chains (journal_chain.hpp) from the entries
// and postings as they stand, and names, per chain, the first entry that no
// longer matches what was sealed. Streams the journal in pages (entries and
// postings by id), so memory grows with the number of chains (books x
// years), never with the number of entries. Runs in one read-only snapshot
// (REPEATABLE READ on PostgreSQL, a read transaction on SQLite), so writers
// posting meanwhile neither block it nor confuse it.
//
// Entries are walked in entry_id order. Within one chain that is voucher
// order: the voucher counter's row lock is held from numbering to commit,
// so the next voucher's row is inserted (and takes its id) only after the
// previous one committed. A chain whose ids and vouchers disagree is
// reported (voucher-out-of-order), never silently reordered.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "ledger/journal_chain.hpp"
#include "store/database.hpp"

namespace jiangbu {

enum class ChainProblemKind {
  content_changed,    // the entry's fields or postings differ from what was sealed
  postings_changed,   // a posting added or removed (count or line numbers differ)
  hash_row_missing,   // the entry has no hash row
  hash_row_mismatch,  // the hash row sits at another place (book, year, voucher)
  link_broken,        // the hash row's previous hash is not the previous entry's hash
  voucher_gap,        // vouchers missing before this entry (an entry deleted)
  voucher_order,      // a voucher out of order or repeated
  missing_at_end,     // the voucher counter is past the last entry
};
std::string_view chain_problem_name(ChainProblemKind kind);

struct ChainProblem {
  ChainProblemKind kind = ChainProblemKind::content_changed;
  std::int64_t entry_id = 0;  // 0 when no entry is left to name (missing_at_end on an empty chain)
  std::string voucher_number;
  std::string entry_date;
  std::string message;
};

struct ChainVerification {
  ChainHead head;  // entries checked and the recomputed head (up to the problem, if any)
  std::optional<ChainProblem> problem;
};

struct JournalVerification {
  std::vector<ChainVerification> chains;  // by book (bytewise), then year
  JournalHead head;                        // over every chain; meaningful only when intact
  [[nodiscard]] bool intact() const;
  [[nodiscard]] const ChainVerification* first_broken() const;
};

struct VerifyOptions {
  std::string book_id;  // empty: every book
  std::size_t page_entries = 1000;
};

Result<JournalVerification> verify_journal(Database& database, const VerifyOptions& options = {});

}  // namespace jiangbu

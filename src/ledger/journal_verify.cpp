#include "ledger/journal_verify.hpp"

#include <map>

#include "core/assert.hpp"
#include "core/date.hpp"
#include "core/reason_code.hpp"
#include "store/read_snapshot.hpp"

namespace jiangbu {

std::string_view chain_problem_name(ChainProblemKind kind) {
  switch (kind) {
    case ChainProblemKind::content_changed: return "content-changed";
    case ChainProblemKind::postings_changed: return "posting-added-or-removed";
    case ChainProblemKind::hash_row_missing: return "hash-row-missing";
    case ChainProblemKind::hash_row_mismatch: return "hash-row-misplaced";
    case ChainProblemKind::link_broken: return "chain-link-broken";
    case ChainProblemKind::voucher_gap: return "voucher-gap";
    case ChainProblemKind::voucher_order: return "voucher-out-of-order";
    case ChainProblemKind::missing_at_end: return "entries-missing-at-end";
  }
  return "unknown";
}

bool JournalVerification::intact() const { return first_broken() == nullptr; }

const ChainVerification* JournalVerification::first_broken() const {
  for (const auto& chain : chains) {
    if (chain.problem) return &chain;
  }
  return nullptr;
}

namespace {

constexpr std::size_t postings_page_max = 5000;

// The book filter is bound twice under two names (:every_book, :book):
// SQLite gives one index to a repeated name, while SOCI binds by position.

struct EntryRow {
  long long entry_id = 0;
  std::string book_id;
  std::string voucher_number;
  int fiscal_year = 0;
  std::string entry_date;
  std::string memo;
  std::string source_reference;
  long long reverses = 0;
  soci::indicator reverses_indicator = soci::i_null;
  std::string recorded_at;
  // The hash row, when there is one (LEFT JOIN).
  std::string sealed_book_id;
  soci::indicator sealed_indicator = soci::i_null;
  int sealed_year = 0;
  soci::indicator sealed_year_indicator = soci::i_null;
  long long sealed_sequence = 0;
  soci::indicator sealed_sequence_indicator = soci::i_null;
  int sealed_posting_count = 0;
  soci::indicator sealed_count_indicator = soci::i_null;
  std::string previous_hash;
  soci::indicator previous_indicator = soci::i_null;
  std::string entry_hash;
  soci::indicator hash_indicator = soci::i_null;
};

// Entries in id order, a page at a time.
class EntryPages {
 public:
  EntryPages(soci::session& session, const std::string& book_id, std::size_t page_entries)
      : book_id_(book_id),
        page_entries_(static_cast<long long>(page_entries)),
        select_((session.prepare << "SELECT e.entry_id, e.book_id, e.voucher_number, e.fiscal_year, "
                                    "e.entry_date, e.memo, e.source_reference, e.reverses_entry_id, "
                                    "e.recorded_at, h.book_id, h.fiscal_year, h.voucher_sequence, "
                                    "h.posting_count, h.previous_hash, h.entry_hash "
                                    "FROM journal_entries e LEFT JOIN journal_hashes h ON h.entry_id = e.entry_id "
                                    "WHERE e.entry_id > :after AND (CAST(:every_book AS TEXT) = '' OR e.book_id = :book) "
                                    "ORDER BY e.entry_id LIMIT :page",
                 soci::use(after_), soci::use(book_id_), soci::use(book_id_), soci::use(page_entries_),
                 soci::into(row_.entry_id), soci::into(row_.book_id), soci::into(row_.voucher_number),
                 soci::into(row_.fiscal_year), soci::into(row_.entry_date), soci::into(row_.memo),
                 soci::into(row_.source_reference), soci::into(row_.reverses, row_.reverses_indicator),
                 soci::into(row_.recorded_at), soci::into(row_.sealed_book_id, row_.sealed_indicator),
                 soci::into(row_.sealed_year, row_.sealed_year_indicator),
                 soci::into(row_.sealed_sequence, row_.sealed_sequence_indicator),
                 soci::into(row_.sealed_posting_count, row_.sealed_count_indicator),
                 soci::into(row_.previous_hash, row_.previous_indicator),
                 soci::into(row_.entry_hash, row_.hash_indicator))) {}

  // The next page; empty at the end.
  const std::vector<EntryRow>& next_page() {
    page_.clear();
    if (select_.execute(true)) {
      do page_.push_back(row_);
      while (select_.fetch());
    }
    if (!page_.empty()) after_ = page_.back().entry_id;
    return page_;
  }

 private:
  long long after_ = 0;
  std::string book_id_;
  long long page_entries_;
  EntryRow row_;
  soci::statement select_;
  std::vector<EntryRow> page_;
};

struct PostingRow {
  long long entry_id = 0;
  long long line_number = 0;
  // Copies of the entry's book and date, which balances read: not hashed,
  // so checked against the entry instead.
  std::string book_id;
  std::string entry_date;
  std::string account_code;
  std::string debit_fen;  // decimal text, exactly as stored
  std::string credit_fen;
};

// Postings in (entry id, line) order, a page at a time, merged with the entries.
class PostingStream {
 public:
  PostingStream(soci::session& session, const std::string& book_id)
      : book_id_(book_id),
        select_((session.prepare << "SELECT entry_id, line_number, book_id, entry_date, account_code, debit_fen, credit_fen "
                                    "FROM postings WHERE (entry_id, line_number) > (:entry, :line) "
                                    "AND (CAST(:every_book AS TEXT) = '' OR book_id = :book) "
                                    "ORDER BY entry_id, line_number LIMIT :page",
                 soci::use(after_entry_), soci::use(after_line_), soci::use(book_id_), soci::use(book_id_),
                 soci::use(page_postings_), soci::into(row_.entry_id), soci::into(row_.line_number),
                 soci::into(row_.book_id), soci::into(row_.entry_date), soci::into(row_.account_code), soci::into(row_.debit_fen), soci::into(row_.credit_fen))) {}

  // The posting under the cursor, or nullptr at the end.
  const PostingRow* current() {
    if (index_ < page_.size()) return &page_[index_];
    if (finished_) return nullptr;
    refill();
    return index_ < page_.size() ? &page_[index_] : nullptr;
  }
  void advance() { ++index_; }

 private:
  void refill() {
    page_.clear();
    index_ = 0;
    if (select_.execute(true)) {
      do page_.push_back(row_);
      while (select_.fetch());
    }
    if (page_.size() < postings_page_max) finished_ = true;
    if (!page_.empty()) {
      after_entry_ = page_.back().entry_id;
      after_line_ = page_.back().line_number;
    }
  }

  long long after_entry_ = 0;
  long long after_line_ = 0;
  std::string book_id_;
  long long page_postings_ = static_cast<long long>(postings_page_max);
  PostingRow row_;
  soci::statement select_;
  std::vector<PostingRow> page_;
  std::size_t index_ = 0;
  bool finished_ = false;
};

struct ChainState {
  ChainVerification result;
  std::int64_t last_sequence = 0;
  std::int64_t last_entry_id = 0;
  std::string last_voucher;
  std::string last_date;
};

using ChainKey = std::pair<std::string, int>;

ChainProblem problem_at(const EntryRow& row, ChainProblemKind kind, std::string message) {
  return ChainProblem{kind, row.entry_id, row.voucher_number, row.entry_date, std::move(message)};
}

std::string voucher_text(int fiscal_year, std::int64_t sequence) {
  return format_voucher_number(fiscal_year, sequence);
}

// Checks the entry's place in its chain; the content is checked apart.
std::optional<ChainProblem> check_place(const EntryRow& row, const ChainState& chain) {
  const std::int64_t sequence = voucher_sequence_of(row.voucher_number);
  if (sequence == 0 || sequence <= chain.last_sequence) {
    return problem_at(row, ChainProblemKind::voucher_order,
                      "voucher out of order or repeated: expected " +
                          voucher_text(row.fiscal_year, chain.last_sequence + 1));
  }
  if (sequence > chain.last_sequence + 1) {
    const std::string first_missing = voucher_text(row.fiscal_year, chain.last_sequence + 1);
    const std::string last_missing = voucher_text(row.fiscal_year, sequence - 1);
    return problem_at(row, ChainProblemKind::voucher_gap,
                      "voucher gap before this entry: " + first_missing +
                          (first_missing == last_missing ? "" : " to " + last_missing) +
                          " missing (an entry was deleted)");
  }
  if (row.hash_indicator != soci::i_ok) {
    return problem_at(row, ChainProblemKind::hash_row_missing, "the entry has no hash row");
  }
  if (row.sealed_book_id != row.book_id || row.sealed_year != row.fiscal_year ||
      row.sealed_sequence != sequence) {
    return problem_at(row, ChainProblemKind::hash_row_mismatch,
                      "the hash row seals book '" + row.sealed_book_id + "', year " +
                          std::to_string(row.sealed_year) + ", voucher " +
                          std::to_string(row.sealed_sequence) + ", not this entry's place");
  }
  if (row.previous_hash != chain.result.head.head_hash) {
    return problem_at(row, ChainProblemKind::link_broken,
                      "chain link broken: the previous hash in its hash row is not the hash of " +
                          (chain.last_sequence == 0 ? std::string("the chain's genesis")
                                                    : chain.last_voucher) +
                          " (that hash row or this one was rewritten)");
  }
  return std::nullopt;
}

JournalEntry header_of(const EntryRow& row, const Date& date) {
  JournalEntry header;
  header.entry_id = row.entry_id;
  header.book_id = row.book_id;
  header.voucher_number = row.voucher_number;
  header.fiscal_year = row.fiscal_year;
  header.entry_date = date;
  header.memo = row.memo;
  header.source_reference = row.source_reference;
  if (row.reverses_indicator == soci::i_ok) header.reverses_entry_id = row.reverses;
  header.recorded_at = row.recorded_at;
  return header;
}

class Verifier {
 public:
  Verifier(Database& database, const VerifyOptions& options)
      : database_(database), options_(options), postings_(database.session(), options.book_id) {}

  Result<JournalVerification> run() {
    EntryPages entries(database_.session(), options_.book_id, options_.page_entries);
    // Bounded: every page moves past at least one entry id, and ends when empty.
    for (;;) {
      const auto& page = entries.next_page();
      if (page.empty()) break;
      for (const auto& row : page) {
        if (auto checked = check_entry(row); !checked) return checked.error();
      }
    }
    check_ends();
    return result();
  }

 private:
  Result<ChainState*> chain_for(const EntryRow& row) {
    const ChainKey key{row.book_id, row.fiscal_year};
    auto found = chains_.find(key);
    if (found != chains_.end()) return &found->second;
    if (chains_.size() >= journal_chains_max) {
      return make_error(ReasonCode::journal_chain_broken,
                        "more than " + std::to_string(journal_chains_max) + " chains", "journal");
    }
    ChainState state;
    state.result.head = ChainHead{row.book_id, row.fiscal_year, 0, chain_genesis_hash(row.book_id, row.fiscal_year)};
    return &chains_.emplace(key, std::move(state)).first->second;
  }

  Status check_entry(const EntryRow& row) {
    // Postings whose entry is gone belong to no chain; deleting that entry
    // left a gap (or a counter past the end) that is reported there.
    for (const PostingRow* posting = postings_.current(); posting && posting->entry_id < row.entry_id;
         posting = postings_.current()) {
      postings_.advance();
    }
    auto chain = chain_for(row);
    if (!chain) return chain.error();
    ChainState& state = *chain.value();
    std::optional<ChainProblem> problem;
    if (!state.result.problem) problem = check_place(row, state);
    if (state.result.problem || problem) {
      skip_postings(row.entry_id);
      if (!state.result.problem) state.result.problem = std::move(problem);
      return success();
    }
    problem = check_content(row, state);
    if (problem) {
      state.result.problem = std::move(problem);
      return success();
    }
    state.last_sequence = row.sealed_sequence;
    state.last_entry_id = row.entry_id;
    state.last_voucher = row.voucher_number;
    state.last_date = row.entry_date;
    ++state.result.head.entry_count;
    state.result.head.head_hash = row.entry_hash;
    return success();
  }

  void skip_postings(long long entry_id) {
    for (const PostingRow* posting = postings_.current(); posting && posting->entry_id == entry_id;
         posting = postings_.current()) {
      postings_.advance();
    }
  }

  std::optional<ChainProblem> check_content(const EntryRow& row, const ChainState& state) {
    const auto date = Date::parse(row.entry_date);
    if (!date) {
      skip_postings(row.entry_id);
      return problem_at(row, ChainProblemKind::content_changed, "the entry date is not a date");
    }
    EntryHasher hasher(state.result.head.head_hash, header_of(row, date.value()));
    bool lines_in_order = true;
    std::optional<long long> moved_line;
    for (const PostingRow* posting = postings_.current(); posting && posting->entry_id == row.entry_id;
         posting = postings_.current()) {
      lines_in_order = lines_in_order && posting->line_number == hasher.posting_count() + 1;
      if (!moved_line && (posting->book_id != row.book_id || posting->entry_date != row.entry_date)) {
        moved_line = posting->line_number;
      }
      const bool debit = posting->debit_fen != "0";
      hasher.add_posting(posting->line_number, posting->account_code, debit ? Side::debit : Side::credit,
                         debit ? posting->debit_fen : posting->credit_fen);
      postings_.advance();
    }
    const std::int64_t found_postings = hasher.posting_count();
    const std::string recomputed = hasher.finish();
    if (found_postings != row.sealed_posting_count || !lines_in_order) {
      return problem_at(row, ChainProblemKind::postings_changed,
                        "posting added or removed: sealed with " + std::to_string(row.sealed_posting_count) +
                            " postings, the journal has " + std::to_string(found_postings) +
                            (lines_in_order ? "" : " with a gap in the line numbers"));
    }
    if (moved_line) {
      return problem_at(row, ChainProblemKind::content_changed,
                        "content changed: posting line " + std::to_string(*moved_line) +
                            " carries another book or date than its entry (balances would move)");
    }
    if (recomputed != row.entry_hash) {
      return problem_at(row, ChainProblemKind::content_changed,
                        "content changed: the entry's fields or postings no longer hash to its sealed hash");
    }
    return std::nullopt;
  }

  // Entries deleted from the end of a chain: the voucher counter or the hash
  // rows remember more than the journal holds.
  void check_ends() {
    std::string book_id;
    int fiscal_year = 0;
    long long last_number = 0;
    soci::statement counters =
        (database_.session().prepare << "SELECT book_id, fiscal_year, last_number FROM voucher_sequences "
                                        "WHERE CAST(:every_book AS TEXT) = '' OR book_id = :book",
         soci::use(options_.book_id), soci::use(options_.book_id), soci::into(book_id),
         soci::into(fiscal_year), soci::into(last_number));
    counters.execute();
    std::vector<std::pair<ChainKey, long long>> ends;
    while (counters.fetch() && ends.size() < journal_chains_max) ends.push_back({{book_id, fiscal_year}, last_number});
    soci::statement hash_rows =
        (database_.session().prepare << "SELECT book_id, fiscal_year, count(*) FROM journal_hashes "
                                        "WHERE CAST(:every_book AS TEXT) = '' OR book_id = :book GROUP BY book_id, fiscal_year",
         soci::use(options_.book_id), soci::use(options_.book_id), soci::into(book_id),
         soci::into(fiscal_year), soci::into(last_number));
    hash_rows.execute();
    while (hash_rows.fetch() && ends.size() < 2 * journal_chains_max) ends.push_back({{book_id, fiscal_year}, last_number});
    for (const auto& [key, remembered] : ends) {
      if (remembered == 0) continue;
      auto found = chains_.find(key);
      if (found == chains_.end()) {
        ChainState state;
        state.result.head = ChainHead{key.first, key.second, 0, chain_genesis_hash(key.first, key.second)};
        found = chains_.emplace(key, std::move(state)).first;
      }
      ChainState& state = found->second;
      if (state.result.problem || remembered <= state.last_sequence) continue;
      state.result.problem =
          ChainProblem{ChainProblemKind::missing_at_end, state.last_entry_id, state.last_voucher, state.last_date,
                       "entries missing after the last one: the voucher counter or the hash rows reach " +
                           voucher_text(key.second, remembered) +
                           (state.last_sequence == 0 ? std::string(", the chain has no entry")
                                                     : ", the chain ends at " + state.last_voucher)};
    }
  }

  JournalVerification result() {
    JournalVerification verification;
    std::vector<ChainHead> heads;
    for (auto& [key, state] : chains_) {
      verification.head.entry_count += state.result.head.entry_count;
      heads.push_back(state.result.head);
      verification.chains.push_back(std::move(state.result));
    }
    verification.head.chain_count = static_cast<std::int64_t>(heads.size());
    verification.head.combined_hash = combined_chain_head(heads);
    return verification;
  }

  Database& database_;
  const VerifyOptions& options_;
  PostingStream postings_;
  std::map<ChainKey, ChainState> chains_;
};

}  // namespace

Result<JournalVerification> verify_journal(Database& database, const VerifyOptions& options) {
  JIANGBU_ASSERT(options.page_entries >= 1);
  ReadSnapshot snapshot(database);
  return Verifier(database, options).run();
}

}  // namespace jiangbu

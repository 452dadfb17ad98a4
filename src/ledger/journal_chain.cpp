#include "ledger/journal_chain.hpp"

#include <algorithm>
#include <charconv>

#include "core/reason_code.hpp"
#include "ledger/journal.hpp"
#include "store/transaction.hpp"

namespace jiangbu {

void append_netstring(std::string& output, std::string_view field) {
  output += std::to_string(field.size());
  output += ':';
  output += field;
  output += ',';
}

namespace {

std::string netstring(std::string_view field) {
  std::string encoded;
  append_netstring(encoded, field);
  return encoded;
}

}  // namespace

std::string chain_genesis_hash(std::string_view book_id, int fiscal_year) {
  Sha256 hasher;
  hasher.update(netstring("jiangbu-journal-genesis-v1"));
  hasher.update(netstring(book_id));
  hasher.update(netstring(std::to_string(fiscal_year)));
  return hasher.hex_digest();
}

EntryHasher::EntryHasher(std::string_view previous_hash, const JournalEntry& header, bool keep_bytes)
    : keep_bytes_(keep_bytes) {
  feed("jiangbu-journal-entry-v1");
  feed(previous_hash);
  feed(std::to_string(header.entry_id));
  feed(header.book_id);
  feed(header.voucher_number);
  feed(std::to_string(header.fiscal_year));
  feed(header.entry_date.to_string());
  feed(header.memo);
  feed(header.source_reference);
  feed(header.reverses_entry_id ? std::to_string(*header.reverses_entry_id) : std::string());
  feed(header.recorded_at);
}

void EntryHasher::feed(std::string_view field) {
  const std::string encoded = netstring(field);
  hasher_.update(encoded);
  if (keep_bytes_) bytes_ += encoded;
}

void EntryHasher::add_posting(std::int64_t line_number, std::string_view account_code, Side side,
                              std::string_view amount_fen) {
  feed(std::to_string(line_number));
  feed(account_code);
  feed(side_name(side));
  feed(amount_fen);
  ++posting_count_;
}

std::string EntryHasher::finish() {
  feed(std::to_string(posting_count_));
  return hasher_.hex_digest();
}

namespace {

EntryHasher hasher_for(const JournalEntry& entry, std::string_view previous_hash, bool keep_bytes) {
  EntryHasher hasher(previous_hash, entry, keep_bytes);
  for (const auto& posting : entry.postings) {
    hasher.add_posting(posting.line_number, posting.account_code, posting.side,
                       std::to_string(posting.amount.fen_int64()));
  }
  return hasher;
}

}  // namespace

std::string canonical_entry_encoding(const JournalEntry& entry, std::string_view previous_hash) {
  auto hasher = hasher_for(entry, previous_hash, true);
  (void)hasher.finish();
  return hasher.bytes();
}

std::string entry_chain_hash(const JournalEntry& entry, std::string_view previous_hash) {
  return hasher_for(entry, previous_hash, false).finish();
}

std::int64_t voucher_sequence_of(std::string_view voucher_number) {
  const auto dash = voucher_number.rfind('-');
  if (dash == std::string_view::npos || dash + 1 >= voucher_number.size()) return 0;
  std::int64_t sequence = 0;
  const char* first = voucher_number.data() + dash + 1;
  const char* last = voucher_number.data() + voucher_number.size();
  const auto [end, error] = std::from_chars(first, last, sequence);
  if (error != std::errc() || end != last || sequence < 1) return 0;
  return sequence;
}

std::string combined_chain_head(const std::vector<ChainHead>& heads) {
  Sha256 hasher;
  hasher.update(netstring("jiangbu-journal-head-v1"));
  for (const auto& head : heads) {
    hasher.update(netstring(head.book_id));
    hasher.update(netstring(std::to_string(head.fiscal_year)));
    hasher.update(netstring(std::to_string(head.entry_count)));
    hasher.update(netstring(head.head_hash));
  }
  return hasher.hex_digest();
}

struct ChainSealer::Statements {
  explicit Statements(soci::session& session);

  std::string book_id;
  int fiscal_year = 0;
  long long voucher_sequence = 0;
  std::string previous_hash;
  soci::statement find_hash;

  long long entry_id = 0;
  int posting_count = 0;
  std::string entry_hash;
  soci::statement insert_hash;
};

ChainSealer::Statements::Statements(soci::session& session)
    : find_hash((session.prepare << "SELECT entry_hash FROM journal_hashes WHERE book_id = :book "
                                    "AND fiscal_year = :year AND voucher_sequence = :sequence",
                 soci::use(book_id), soci::use(fiscal_year), soci::use(voucher_sequence),
                 soci::into(previous_hash))),
      insert_hash((session.prepare << "INSERT INTO journal_hashes (entry_id, book_id, fiscal_year, "
                                      "voucher_sequence, posting_count, previous_hash, entry_hash) "
                                      "VALUES (:entry, :book, :year, :sequence, :count, :previous, :hash)",
                   soci::use(entry_id), soci::use(book_id), soci::use(fiscal_year),
                   soci::use(voucher_sequence), soci::use(posting_count), soci::use(previous_hash),
                   soci::use(entry_hash))) {}

ChainSealer::ChainSealer(soci::session& session) : statements_(std::make_unique<Statements>(session)) {}

ChainSealer::~ChainSealer() = default;

Status ChainSealer::seal(const JournalEntry& entry) {
  auto& statements = *statements_;
  const std::int64_t sequence = voucher_sequence_of(entry.voucher_number);
  JIANGBU_ASSERT(sequence >= 1 && "a posted entry always has a well-formed voucher number");
  statements.book_id = entry.book_id;
  statements.fiscal_year = entry.fiscal_year;
  if (sequence == 1) {
    statements.previous_hash = chain_genesis_hash(entry.book_id, entry.fiscal_year);
  } else {
    statements.voucher_sequence = static_cast<long long>(sequence - 1);
    const bool found = statements.find_hash.execute(true);
    // Step past the end so SQLite does not keep the statement open.
    while (found && statements.find_hash.fetch()) {
    }
    if (!found) {
      return make_error(ReasonCode::journal_chain_broken,
                        "the entry before " + entry.voucher_number + " in book '" + entry.book_id +
                            "' has no hash row: run `jiangbu verify`",
                        "journal");
    }
  }
  statements.voucher_sequence = static_cast<long long>(sequence);
  statements.entry_id = static_cast<long long>(entry.entry_id);
  statements.posting_count = static_cast<int>(entry.postings.size());
  statements.entry_hash = entry_chain_hash(entry, statements.previous_hash);
  statements.insert_hash.execute(true);
  return success();
}

Result<JournalHead> stored_journal_head(Database& database) {
  struct StoredChain {
    ChainHead head;
    long long last_sequence = 0;
  };
  std::vector<StoredChain> chains;
  StoredChain row;
  long long entry_count = 0;
  soci::statement list_chains =
      (database.session().prepare << "SELECT book_id, fiscal_year, count(*), max(voucher_sequence) "
                                     "FROM journal_hashes GROUP BY book_id, fiscal_year",
       soci::into(row.head.book_id), soci::into(row.head.fiscal_year), soci::into(entry_count),
       soci::into(row.last_sequence));
  list_chains.execute();
  while (list_chains.fetch()) {
    if (chains.size() >= journal_chains_max) {
      return make_error(ReasonCode::journal_chain_broken,
                        "more than " + std::to_string(journal_chains_max) + " chains", "journal");
    }
    row.head.entry_count = entry_count;
    chains.push_back(row);
  }
  std::string book_id;
  int fiscal_year = 0;
  long long sequence = 0;
  std::string entry_hash;
  soci::statement last_hash =
      (database.session().prepare << "SELECT entry_hash FROM journal_hashes WHERE book_id = :book "
                                     "AND fiscal_year = :year AND voucher_sequence = :sequence",
       soci::use(book_id), soci::use(fiscal_year), soci::use(sequence), soci::into(entry_hash));
  JournalHead result;
  std::vector<ChainHead> heads;
  heads.reserve(chains.size());
  for (auto& chain : chains) {
    book_id = chain.head.book_id;
    fiscal_year = chain.head.fiscal_year;
    sequence = chain.last_sequence;
    const bool found = last_hash.execute(true);
    while (found && last_hash.fetch()) {
    }
    JIANGBU_ASSERT(found && "max(voucher_sequence) names an existing row");
    chain.head.head_hash = entry_hash;
    result.entry_count += chain.head.entry_count;
    heads.push_back(chain.head);
  }
  std::sort(heads.begin(), heads.end(), [](const ChainHead& a, const ChainHead& b) {
    return a.book_id != b.book_id ? a.book_id < b.book_id : a.fiscal_year < b.fiscal_year;
  });
  result.chain_count = static_cast<std::int64_t>(heads.size());
  result.combined_hash = combined_chain_head(heads);
  return result;
}

Result<std::int64_t> seal_legacy_entries(Database& database) {
  long long legacy_entry_id_max = 0;
  database.session() << "SELECT legacy_entry_id_max FROM journal_chain_start",
      soci::into(legacy_entry_id_max);
  if (legacy_entry_id_max == 0) return std::int64_t{0};
  // Entry ids grow in voucher order within a chain (the voucher counter's
  // lock is held from numbering to commit), so id order is chain order.
  constexpr long long page_entries_max = 1000;
  Transaction transaction(database, {"journal.seal-legacy", "journal", "entries posted before migration 0006"});
  Journal journal(database);
  ChainSealer sealer(database.session());
  std::int64_t sealed = 0;
  long long after = 0;
  std::vector<long long> page;
  page.reserve(page_entries_max);
  long long entry_id = 0;
  soci::statement unsealed =
      (database.session().prepare << "SELECT e.entry_id FROM journal_entries e WHERE e.entry_id > :after "
                                     "AND e.entry_id <= :last AND NOT EXISTS (SELECT 1 FROM journal_hashes h "
                                     "WHERE h.entry_id = e.entry_id) ORDER BY e.entry_id LIMIT :page",
       soci::use(after), soci::use(legacy_entry_id_max), soci::use(page_entries_max), soci::into(entry_id));
  // Bounded: each page moves `after` forward past at least one entry id.
  for (;;) {
    page.clear();
    if (unsealed.execute(true)) {
      do page.push_back(entry_id);
      while (unsealed.fetch());
    }
    if (page.empty()) break;
    for (const long long id : page) {
      const auto entry = journal.find(id);
      JIANGBU_ASSERT(entry && "an entry just listed exists");
      if (auto done = sealer.seal(*entry); !done) return done.error();
      ++sealed;
    }
    after = page.back();
  }
  transaction.commit();
  return sealed;
}

}  // namespace jiangbu

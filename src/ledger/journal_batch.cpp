#include "ledger/journal_batch.hpp"

#include <map>
#include <utility>

#include <nlohmann/json.hpp>

#include "core/assert.hpp"
#include "core/reason_code.hpp"
#include "core/timestamp.hpp"
#include "ledger/journal_chain.hpp"
#include "store/bulk_rows.hpp"

namespace jiangbu {

namespace {

constexpr std::size_t batch_entries_max = 200'000;  // twice an import batch's rows (expenditure_import.hpp)

using ChainKey = std::pair<std::string, int>;  // book, fiscal year

struct Chain {
  long long entries = 0;        // queued in this batch
  long long first_number = 0;   // voucher sequence of the first of them
  std::string previous_hash;    // hash of the entry before the next one
};

const BulkTable entries_table{"journal_entries",
                              {{"entry_id", "BIGINT"},
                               {"book_id", "TEXT"},
                               {"voucher_number", "TEXT"},
                               {"fiscal_year", "INTEGER"},
                               {"entry_date", "TEXT"},
                               {"memo", "TEXT"},
                               {"source_reference", "TEXT"},
                               {"recorded_at", "TEXT"}},
                              true};
const BulkTable postings_table{"postings",
                               {{"entry_id", "BIGINT"},
                                {"line_number", "INTEGER"},
                                {"book_id", "TEXT"},
                                {"entry_date", "TEXT"},
                                {"account_code", "TEXT"},
                                {"debit_fen", "BIGINT"},
                                {"credit_fen", "BIGINT"}},
                               false};
const BulkTable hashes_table{"journal_hashes",
                             {{"entry_id", "BIGINT"},
                              {"book_id", "TEXT"},
                              {"fiscal_year", "INTEGER"},
                              {"voucher_sequence", "BIGINT"},
                              {"posting_count", "INTEGER"},
                              {"previous_hash", "TEXT"},
                              {"entry_hash", "TEXT"}},
                             false};

nlohmann::json chain_keys(const std::map<ChainKey, Chain>& chains) {
  nlohmann::json keys = nlohmann::json::array();
  for (const auto& [key, chain] : chains) keys.push_back({key.first, key.second, chain.entries});
  return keys;
}

// Makes sure every chain has its counter row, locks the rows in key order
// (PostgreSQL: two batches on the same books cannot deadlock) and moves each
// counter past this batch's entries with one statement.
void reserve_voucher_numbers(Database& database, std::map<ChainKey, Chain>& chains) {
  const std::string keys = chain_keys(chains).dump();
  const bool sqlite = database.backend() == Backend::sqlite;
  const std::string rows = sqlite ? "json_each(:keys)" : "json_array_elements(CAST(:keys AS json)) AS k(value)";
  const std::string book = sqlite ? "json_extract(value, '$[0]')" : "value->>0";
  const std::string year = sqlite ? "json_extract(value, '$[1]')" : "CAST(value->>1 AS INTEGER)";
  const std::string count = sqlite ? "json_extract(value, '$[2]')" : "CAST(value->>2 AS BIGINT)";
  database.session() << "INSERT INTO voucher_sequences (book_id, fiscal_year, last_number) SELECT " + book + ", " +
                            year + ", 0 FROM " + rows + " WHERE true ON CONFLICT (book_id, fiscal_year) DO NOTHING",
      soci::use(keys);
  if (!sqlite) {
    database.session() << "SELECT count(*) FROM (SELECT 1 FROM voucher_sequences WHERE (book_id, fiscal_year) IN "
                          "(SELECT " + book + ", " + year + " FROM " + rows + ") "
                          "ORDER BY book_id, fiscal_year FOR UPDATE) locked",
        soci::use(keys);
  }
  const soci::rowset<soci::row> numbered =
      (database.session().prepare << "UPDATE voucher_sequences SET last_number = last_number + " + count + " FROM " +
                                         rows + " WHERE voucher_sequences.book_id = " + book +
                                         " AND voucher_sequences.fiscal_year = " + year +
                                         " RETURNING voucher_sequences.book_id, CAST(voucher_sequences.fiscal_year AS TEXT), "
                                         "CAST(voucher_sequences.last_number AS TEXT)",
       soci::use(keys));
  std::size_t found = 0;
  for (const auto& row : numbered) {
    auto chain = chains.find({row.get<std::string>(0), std::stoi(row.get<std::string>(1))});
    JIANGBU_ASSERT(chain != chains.end() && "the counter update returns only this batch's chains");
    chain->second.first_number = std::stoll(row.get<std::string>(2)) - chain->second.entries + 1;
    ++found;
  }
  JIANGBU_ASSERT(found == chains.size() && "every chain has a counter row");
}

// The hash of the entry before each chain's first new entry.
Status load_previous_hashes(Database& database, std::map<ChainKey, Chain>& chains) {
  nlohmann::json wanted = nlohmann::json::array();
  for (auto& [key, chain] : chains) {
    if (chain.first_number == 1) {
      chain.previous_hash = chain_genesis_hash(key.first, key.second);
    } else {
      wanted.push_back({key.first, key.second, chain.first_number - 1});
    }
  }
  if (wanted.empty()) return success();
  const std::string keys = wanted.dump();
  const bool sqlite = database.backend() == Backend::sqlite;
  const std::string sql =
      sqlite ? "SELECT h.book_id, CAST(h.fiscal_year AS TEXT), h.entry_hash FROM json_each(:keys) k JOIN journal_hashes h "
               "ON h.book_id = json_extract(k.value, '$[0]') AND h.fiscal_year = json_extract(k.value, '$[1]') "
               "AND h.voucher_sequence = json_extract(k.value, '$[2]')"
             : "SELECT h.book_id, CAST(h.fiscal_year AS TEXT), h.entry_hash FROM json_array_elements(CAST(:keys AS json)) AS "
               "k(value) JOIN journal_hashes h ON h.book_id = k.value->>0 AND h.fiscal_year = "
               "CAST(k.value->>1 AS INTEGER) AND h.voucher_sequence = CAST(k.value->>2 AS BIGINT)";
  const soci::rowset<soci::row> found = (database.session().prepare << sql, soci::use(keys));
  for (const auto& row : found) chains.at({row.get<std::string>(0), std::stoi(row.get<std::string>(1))}).previous_hash = row.get<std::string>(2);
  for (const auto& [key, chain] : chains) {
    if (chain.previous_hash.empty()) {
      return make_error(ReasonCode::journal_chain_broken,
                        "the entry before " + format_voucher_number(key.second, chain.first_number) + " in book '" +
                            key.first + "' has no hash row: run `jiangbu verify`",
                        "journal");
    }
  }
  return success();
}

JournalEntry numbered_entry(const EntryInput& input, std::int64_t entry_id, long long sequence,
                            const std::string& recorded_at) {
  JournalEntry entry;
  entry.entry_id = entry_id;
  entry.book_id = input.book_id;
  entry.fiscal_year = input.entry_date.year();
  entry.voucher_number = format_voucher_number(entry.fiscal_year, sequence);
  entry.entry_date = input.entry_date;
  entry.memo = input.memo;
  entry.source_reference = input.source_reference;
  entry.recorded_at = recorded_at;
  for (std::size_t index = 0; index < input.postings.size(); ++index) {
    const auto& posting = input.postings[index];
    entry.postings.push_back(Posting{static_cast<int>(index + 1), posting.account_code, posting.side, posting.amount});
  }
  return entry;
}

void append_rows(const JournalEntry& entry, long long sequence, const std::string& previous_hash,
                 const std::string& entry_hash, BulkRows& entries, BulkRows& postings, BulkRows& hashes) {
  const std::string date = entry.entry_date.to_string();
  entries.add({static_cast<long long>(entry.entry_id), entry.book_id, entry.voucher_number,
               static_cast<long long>(entry.fiscal_year), date, entry.memo, entry.source_reference,
               entry.recorded_at});
  for (const auto& posting : entry.postings) {
    const long long fen = posting.amount.fen_int64();
    postings.add({static_cast<long long>(entry.entry_id), static_cast<long long>(posting.line_number), entry.book_id,
                  date, posting.account_code, posting.side == Side::debit ? fen : 0LL,
                  posting.side == Side::credit ? fen : 0LL});
  }
  hashes.add({static_cast<long long>(entry.entry_id), entry.book_id, static_cast<long long>(entry.fiscal_year),
              sequence, static_cast<long long>(entry.postings.size()), previous_hash, entry_hash});
}

}  // namespace

JournalBatch::JournalBatch(Database& database) : database_(database), journal_(std::make_unique<Journal>(database)) {}

JournalBatch::~JournalBatch() = default;

Result<std::size_t> JournalBatch::add(const EntryInput& input) {
  JIANGBU_ASSERT(queued_.size() < batch_entries_max);
  if (auto valid = journal_->validate(input); !valid) return valid.error();
  queued_.push_back(input);
  return queued_.size() - 1;
}

Result<std::vector<std::int64_t>> JournalBatch::write() {
  std::vector<std::int64_t> ids;
  if (queued_.empty()) return ids;
  std::map<ChainKey, Chain> chains;
  for (const auto& input : queued_) chains[{input.book_id, input.entry_date.year()}].entries += 1;
  reserve_voucher_numbers(database_, chains);
  if (auto loaded = load_previous_hashes(database_, chains); !loaded) return loaded.error();
  const auto allocated = allocate_ids(database_, "journal_entries", "entry_id", queued_.size());
  // Ids ascend in the order added and so in voucher order within each chain
  // (seal_legacy_entries and verify rely on it).
  std::map<ChainKey, long long> next_number;
  for (const auto& [key, chain] : chains) next_number[key] = chain.first_number;
  const std::string recorded_at = utc_timestamp_now();
  BulkRows entries(entries_table);
  BulkRows postings(postings_table);
  BulkRows hashes(hashes_table);
  for (std::size_t index = 0; index < queued_.size(); ++index) {
    const ChainKey key{queued_[index].book_id, queued_[index].entry_date.year()};
    const long long sequence = next_number[key]++;
    const JournalEntry entry = numbered_entry(queued_[index], allocated[index], sequence, recorded_at);
    Chain& chain = chains.at(key);
    const std::string entry_hash = entry_chain_hash(entry, chain.previous_hash);
    append_rows(entry, sequence, chain.previous_hash, entry_hash, entries, postings, hashes);
    chain.previous_hash = entry_hash;
    ids.push_back(entry.entry_id);
  }
  bulk_insert(database_, entries);
  bulk_insert(database_, postings);
  bulk_insert(database_, hashes);
  for (const auto id : ids) database_.note_created_entry(id);
  queued_.clear();
  return ids;
}

void JournalBatch::reset() {
  queued_.clear();
  journal_ = std::make_unique<Journal>(database_);
}

}  // namespace jiangbu

#pragma once
// The verdicts already stored for a batch of submissions, looked up with one
// query per table instead of one or two per row: a re-run of a bulk import
// (after a crash or a kill) replays most of its rows, and on PostgreSQL each
// per-row lookup is a round trip. Loaded inside the batch's transaction, so
// it sees what a per-row lookup would see at that point.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "expenditure/expenditure.hpp"

namespace jiangbu {

struct StoredVerdict {
  std::optional<std::int64_t> expenditure_id;  // accepted
  std::int64_t exception_id = 0;               // else the latest rejection
  std::string input_json;
  std::string reason_codes;
  std::string messages;
};

class StoredVerdicts {
 public:
  // Looks up batches of up to `keys_max` submissions.
  StoredVerdicts(Database& database, std::size_t keys_max);
  ~StoredVerdicts();
  StoredVerdicts(const StoredVerdicts&) = delete;
  StoredVerdicts& operator=(const StoredVerdicts&) = delete;

  // Loads what is stored for these submissions; forgets the previous batch.
  void load(const std::vector<ExpenditureInput>& inputs);
  // Was this submission part of the loaded batch?
  [[nodiscard]] bool covers(const ExpenditureInput& input) const;
  // The batch stored a verdict for one of its submissions: a later row of
  // the same batch with the same key replays it.
  void remember(const ExpenditureInput& input, const StoredVerdict& verdict);
  // Its stored verdict, if it has one (only for a covered submission).
  [[nodiscard]] const StoredVerdict* find(const ExpenditureInput& input) const;

 private:
  using Key = std::pair<std::string, std::string>;  // unit, external id
  struct KeyHash {
    std::size_t operator()(const Key& key) const;
  };
  Database& database_;
  std::size_t keys_max_;
  // Hashed, not ordered: every row of an import asks these several times,
  // and the trees' comparisons of long keys stood out in an import's profile.
  std::unordered_map<Key, StoredVerdict, KeyHash> found_;
  std::unordered_set<Key, KeyHash> covered_;
};

// The submission's key and amount columns as the exception register stores
// them: printable text, bounded (PostgreSQL refuses invalid UTF-8 and NUL even
// as a bound value). Stored verdicts are looked up and locked by these.
ExpenditureInput register_columns(const ExpenditureInput& input);

// The transaction-level lock on one submission (unit, external id) that
// makes a concurrent duplicate replay the first verdict instead of storing a
// second (PostgreSQL advisory lock; SQLite's BEGIN IMMEDIATE already
// serialises writers). Re-entrant within a transaction.
void lock_submission(Database& database, const ExpenditureInput& input);
// The same for a batch, with one statement, in the locks' key order (two
// imports of overlapping files cannot deadlock).
void lock_submissions(Database& database, const std::vector<ExpenditureInput>& inputs);

}  // namespace jiangbu

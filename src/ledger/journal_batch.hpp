#pragma once
// Posting many entries at once inside the caller's transaction: each entry is
// checked as Journal::append checks it when it is added, and all are written
// together: voucher numbers reserved per book and year with one statement,
// the hash chains continued in memory, entries, postings and hash rows
// inserted with one statement per table (store/bulk_rows.hpp). The result is
// the same rows Journal::append writes entry by entry.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "core/result.hpp"
#include "ledger/journal.hpp"
#include "ledger/journal_entry.hpp"
#include "store/database.hpp"

namespace jiangbu {

class JournalBatch {
 public:
  explicit JournalBatch(Database& database);
  ~JournalBatch();
  JournalBatch(const JournalBatch&) = delete;
  JournalBatch& operator=(const JournalBatch&) = delete;

  // Checks the entry and queues it; returns its position in the batch.
  Result<std::size_t> add(const EntryInput& input);
  [[nodiscard]] std::size_t size() const { return queued_.size(); }
  // Numbers, seals and writes the queued entries; their ids in the order
  // added. The queue is empty afterwards.
  Result<std::vector<std::int64_t>> write();
  // After a rollback: forget the queue and every cached lookup (an account
  // opened in the rolled-back transaction no longer exists).
  void reset();

 private:
  Database& database_;
  std::unique_ptr<Journal> journal_;  // its checks and their caches
  std::vector<EntryInput> queued_;
};

}  // namespace jiangbu

#pragma once
// One committed state read by a connection and its reading sibling (store/
// reading_sibling.hpp), so every part of a report ties to every other even
// while units record spending: the fund statement, the exception register and
// the inter-book reconciliation all see the same books.
//
// SQLite has no way to hand one connection's snapshot to another (this
// build lacks SQLITE_ENABLE_SNAPSHOT), so a third connection holds the write
// lock (BEGIN IMMEDIATE) while both start their read transactions: no commit
// can fall between them. It lets go at once; writers wait microseconds, not
// the report's seconds. When the lock cannot be had within 2 s (a read-only
// file, an import batch holding it) the sibling is closed and the report
// reads everything on its one connection, which is one state too.
//
// The report's connection holds its read transaction to the end, so while a
// report runs (seconds) SQLite cannot reset the WAL behind it: a concurrent
// import's WAL grows until the report ends.
// On PostgreSQL there is no sibling, and the connection's REPEATABLE READ,
// READ ONLY transaction is the snapshot (store/read_snapshot.hpp).
#include <memory>
#include <optional>

#include "store/database.hpp"
#include "store/read_snapshot.hpp"

namespace jiangbu {

class SharedReadSnapshot {
 public:
  SharedReadSnapshot(Database& primary, std::unique_ptr<Database> sibling);
  ~SharedReadSnapshot();
  SharedReadSnapshot(const SharedReadSnapshot&) = delete;
  SharedReadSnapshot& operator=(const SharedReadSnapshot&) = delete;

  // The sibling reading the same state, or nullptr when there is none.
  [[nodiscard]] Database* sibling() { return sibling_.get(); }
  // Ends the sibling's transaction and closes it (its page cache goes with it).
  void close_sibling();

 private:
  std::unique_ptr<Database> sibling_;
  // After sibling_: its transaction ends before the connection closes.
  std::optional<ReadSnapshot> sibling_snapshot_;
  std::optional<ReadSnapshot> primary_snapshot_;
};

}  // namespace jiangbu

#pragma once
// One read-only snapshot for a long walk over the store (verifying the hash
// chains, exporting the journal): REPEATABLE READ, READ ONLY on PostgreSQL, a
// read transaction on SQLite. Writers posting meanwhile neither block the walk
// nor change what it sees, so every page comes from the same state. Rolled
// back at the end: nothing was written.
#include "store/database.hpp"

namespace jiangbu {

class ReadSnapshot {
 public:
  explicit ReadSnapshot(Database& database);
  ~ReadSnapshot();
  ReadSnapshot(const ReadSnapshot&) = delete;
  ReadSnapshot& operator=(const ReadSnapshot&) = delete;

 private:
  soci::session& session_;
};

}  // namespace jiangbu

#pragma once
// A database transaction that rolls back unless committed. On SQLite it takes
// the write lock at BEGIN (BEGIN IMMEDIATE), so two writers queue on the busy
// timeout instead of one failing when it upgrades a read lock mid-way.
#include "store/database.hpp"

namespace jiangbu {

class Transaction {
 public:
  explicit Transaction(Database& database);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  void commit();
  [[nodiscard]] Database& database() { return database_; }

 private:
  Database& database_;
  bool open_ = true;
};

}  // namespace jiangbu

#pragma once
// A database transaction that rolls back unless committed, and the unit of
// the audit trail: committing writes one audit_trail row (principal, time,
// action, object, the entries posted inside) in the same transaction, so a
// change and its trail land together or not at all. On SQLite it takes the
// write lock at BEGIN (BEGIN IMMEDIATE), so two writers queue on the busy
// timeout instead of one failing when it upgrades a read lock mid-way.
#include "store/audit_trail.hpp"
#include "store/database.hpp"

namespace jiangbu {

class Transaction {
 public:
  Transaction(Database& database, AuditAction action);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  // For objects whose id is known only after the insert (a voucher number).
  void set_object_id(std::string object_id) { action_.object_id = std::move(object_id); }
  void commit();
  // Commits a transaction that turned out to change nothing (every row a
  // replay of its earlier verdict): it leaves no audit-trail row, so re-running
  // an import leaves the trail exactly as one run would.
  void commit_unchanged();
  [[nodiscard]] Database& database() { return database_; }

 private:
  Database& database_;
  AuditAction action_;
  bool open_ = true;
};

}  // namespace jiangbu

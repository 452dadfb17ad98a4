#include "store/transaction.hpp"

#include <spdlog/spdlog.h>

#include "core/assert.hpp"

namespace jiangbu {

Transaction::Transaction(Database& database, AuditAction action)
    : database_(database), action_(std::move(action)) {
  (void)database_.take_created_entries();  // left over by a transaction that rolled back
  database_.session() << (database_.backend() == Backend::sqlite ? "BEGIN IMMEDIATE" : "BEGIN");
}

Transaction::~Transaction() {
  if (!open_) return;
  (void)database_.take_created_entries();
  try {
    database_.session() << "ROLLBACK";
  } catch (const std::exception& error) {
    // The connection may already be gone; the server rolls back on its own.
    spdlog::warn("rollback failed: {}", error.what());
  }
}

void Transaction::commit() {
  JIANGBU_ASSERT(open_);
  record_audit_event(database_, action_, database_.take_created_entries());
  database_.session() << "COMMIT";
  open_ = false;
}

void Transaction::commit_unchanged() {
  JIANGBU_ASSERT(open_);
  JIANGBU_ASSERT(database_.take_created_entries().empty() && "an unchanged transaction posted entries");
  database_.session() << "COMMIT";
  open_ = false;
}

}  // namespace jiangbu

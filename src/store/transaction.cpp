#include "store/transaction.hpp"

#include <spdlog/spdlog.h>

#include "core/assert.hpp"

namespace jiangbu {

Transaction::Transaction(Database& database) : database_(database) {
  database_.session() << (database_.backend() == Backend::sqlite ? "BEGIN IMMEDIATE" : "BEGIN");
}

Transaction::~Transaction() {
  if (!open_) return;
  try {
    database_.session() << "ROLLBACK";
  } catch (const std::exception& error) {
    // The connection may already be gone; the server rolls back on its own.
    spdlog::warn("rollback failed: {}", error.what());
  }
}

void Transaction::commit() {
  JIANGBU_ASSERT(open_);
  database_.session() << "COMMIT";
  open_ = false;
}

}  // namespace jiangbu

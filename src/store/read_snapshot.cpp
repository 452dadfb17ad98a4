#include "store/read_snapshot.hpp"

namespace jiangbu {

ReadSnapshot::ReadSnapshot(Database& database) : session_(database.session()) {
  session_.begin();
  if (database.backend() == Backend::postgresql) {
    session_ << "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY";
  }
}

ReadSnapshot::~ReadSnapshot() {
  try {
    session_.rollback();
  } catch (const soci::soci_error&) {
    // Nothing was written; a connection lost meanwhile ends the snapshot too.
  }
}

}  // namespace jiangbu

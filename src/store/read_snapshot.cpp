#include "store/read_snapshot.hpp"

namespace jiangbu {

ReadSnapshot::ReadSnapshot(Database& database) : session_(database.session()) {
  session_.begin();
  if (database.backend() == Backend::postgresql) {
    try {
      session_ << "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY";
    } catch (const soci::soci_error&) {
      // The destructor does not run for a throwing constructor: end the
      // transaction here, or the connection keeps it open.
      try {
        session_.rollback();
      } catch (const soci::soci_error&) {
        // A connection lost meanwhile has no transaction left to end.
      }
      throw;
    }
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

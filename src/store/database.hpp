#pragma once
// One open connection (SOCI session) to the ledger's store. A Database is
// used by one thread at a time; concurrent writers each open their own.
// Storage failures (lost connection, disk full, constraint bugs) surface as
// soci::soci_error exceptions; rule violations never do.
#include <memory>
#include <string_view>

#include <soci/soci.h>

#include "core/result.hpp"
#include "store/database_location.hpp"

namespace jiangbu {

class Database {
 public:
  // Connects and sets the session up (SQLite pragmas, PostgreSQL time zone).
  // Returns "storage-unavailable" with a redacted message when it cannot.
  static Result<std::unique_ptr<Database>> open(const DatabaseLocation& location);

  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  soci::session& session() { return session_; }
  [[nodiscard]] Backend backend() const { return location_.backend; }
  [[nodiscard]] const DatabaseLocation& location() const { return location_; }

  // Runs a script of several statements (migrations) through the native
  // driver, since a prepared statement holds only one.
  void execute_script(std::string_view script);

 private:
  explicit Database(DatabaseLocation location) : location_(std::move(location)) {}
  void configure_session();

  DatabaseLocation location_;
  soci::session session_;
};

// Is this SOCI error a unique-constraint violation? Used to turn a lost race
// (two writers, one key) into a rule verdict instead of a storage error.
bool is_unique_violation(const soci::soci_error& error);

}  // namespace jiangbu

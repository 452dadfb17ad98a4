#pragma once
// Steps a SELECT through SQLite's own API and lends each row's cells as
// views into SQLite's buffers, for reads of a million rows on SQLite. SOCI
// copies every cell of a vector fetch twice (into its row cache, then into
// the bound vector's strings, most of them allocated): over a million
// expenditures of ten columns that copying was most of the audit report's
// reading. Every other read, every write, and every read on PostgreSQL goes
// through SOCI.
#include <string>
#include <string_view>
#include <vector>

#include "store/database.hpp"

namespace sqlite_api {
struct sqlite3_stmt;  // as SOCI declares SQLite's API, inside this namespace
}

namespace jiangbu {

class SqliteRowCursor {
 public:
  // `database` must be SQLite (a programmer error otherwise). The parameters
  // of `sql` are bound to `texts` in the order they first appear; it is
  // prepared here and runs inside whatever transaction the connection has.
  SqliteRowCursor(Database& database, const std::string& sql, const std::vector<const std::string*>& texts);
  ~SqliteRowCursor();
  SqliteRowCursor(const SqliteRowCursor&) = delete;
  SqliteRowCursor& operator=(const SqliteRowCursor&) = delete;

  // Moves to the next row; false after the last. A storage failure throws
  // soci::soci_error, as a failed SOCI read does.
  bool next();
  [[nodiscard]] long long integer(int column) const;
  // Valid until next(); SQL NULL reads as the empty string.
  [[nodiscard]] std::string_view text(int column) const;

 private:
  [[noreturn]] void fail(const char* doing) const;

  Database& database_;
  sqlite_api::sqlite3_stmt* statement_ = nullptr;
};

}  // namespace jiangbu

#include "store/sqlite_row_cursor.hpp"

#include <cstdint>

#include <soci/sqlite3/soci-sqlite3.h>

#include "core/assert.hpp"

namespace jiangbu {

namespace {

sqlite_api::sqlite3* connection_of(Database& database) {
  JIANGBU_ASSERT(database.backend() == Backend::sqlite);
  return static_cast<soci::sqlite3_session_backend*>(database.session().get_backend())->conn_;
}

}  // namespace

SqliteRowCursor::SqliteRowCursor(Database& database, const std::string& sql,
                                 const std::vector<const std::string*>& texts)
    : database_(database) {
  if (sqlite_api::sqlite3_prepare_v2(connection_of(database), sql.c_str(), static_cast<int>(sql.size()), &statement_,
                                     nullptr) != SQLITE_OK) {
    fail("preparing");
  }
  JIANGBU_ASSERT(sqlite_api::sqlite3_bind_parameter_count(statement_) == static_cast<int>(texts.size()));
  // SQLite's "transient" destructor: it keeps its own copy, so the caller's strings may go.
  const auto copied = reinterpret_cast<sqlite_api::sqlite3_destructor_type>(static_cast<std::intptr_t>(-1));
  for (std::size_t index = 0; index < texts.size(); ++index) {
    if (sqlite_api::sqlite3_bind_text(statement_, static_cast<int>(index + 1), texts[index]->data(),
                                      static_cast<int>(texts[index]->size()), copied) != SQLITE_OK) {
      const std::string reason = sqlite_api::sqlite3_errmsg(connection_of(database_));
      sqlite_api::sqlite3_finalize(statement_);  // the destructor does not run for a throwing constructor
      throw soci::soci_error("sqlite: binding: " + reason);
    }
  }
}

SqliteRowCursor::~SqliteRowCursor() {
  sqlite_api::sqlite3_finalize(statement_);
}

bool SqliteRowCursor::next() {
  const int stepped = sqlite_api::sqlite3_step(statement_);
  if (stepped == SQLITE_ROW) return true;
  if (stepped == SQLITE_DONE) return false;
  fail("reading");
}

long long SqliteRowCursor::integer(int column) const {
  return sqlite_api::sqlite3_column_int64(statement_, column);
}

std::string_view SqliteRowCursor::text(int column) const {
  const unsigned char* cell = sqlite_api::sqlite3_column_text(statement_, column);
  if (cell == nullptr) {
    // NULL, or SQLite could not allocate the text: only the first is a value.
    if (sqlite_api::sqlite3_errcode(connection_of(database_)) == SQLITE_NOMEM) fail("reading a cell");
    return {};
  }
  return {reinterpret_cast<const char*>(cell),
          static_cast<std::size_t>(sqlite_api::sqlite3_column_bytes(statement_, column))};
}

void SqliteRowCursor::fail(const char* doing) const {
  throw soci::soci_error(std::string("sqlite: ") + doing + ": " + sqlite_api::sqlite3_errmsg(connection_of(database_)));
}

}  // namespace jiangbu

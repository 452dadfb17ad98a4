#include "store/database.hpp"

#include <string>

#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>
#include <spdlog/spdlog.h>

namespace jiangbu {

namespace {


void execute_sqlite_script(soci::session& session, std::string_view script) {
  auto* backend = static_cast<soci::sqlite3_session_backend*>(session.get_backend());
  char* message = nullptr;
  const std::string text(script);
  if (sqlite_api::sqlite3_exec(backend->conn_, text.c_str(), nullptr, nullptr, &message) !=
      SQLITE_OK) {
    std::string reason = message != nullptr ? message : "unknown error";
    sqlite_api::sqlite3_free(message);
    throw soci::soci_error("sqlite script failed: " + reason);
  }
}

void execute_postgresql_script(soci::session& session, std::string_view script) {
  auto* backend = static_cast<soci::postgresql_session_backend*>(session.get_backend());
  const std::string text(script);
  PGresult* result = PQexec(backend->conn_, text.c_str());
  const ExecStatusType status = PQresultStatus(result);
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    std::string reason = PQresultErrorMessage(result);
    PQclear(result);
    throw soci::soci_error("postgresql script failed: " + reason);
  }
  PQclear(result);
}

// SOCI's PostgreSQL backend reads its connect string as keyword=value pairs
// (it strips options of its own), so a URI is turned into that form through
// libpq's own parser first. Values are quoted, with \ and ' escaped.
Result<std::string> postgresql_keyword_form(const DatabaseLocation& location) {
  char* message = nullptr;
  PQconninfoOption* options = PQconninfoParse(location.connection.c_str(), &message);
  if (options == nullptr) {
    // libpq quotes the whole URI in some of its messages, password included.
    std::string reason = redact_connection_text(message != nullptr ? message : "cannot parse the connection URI");
    PQfreemem(message);
    return Error("bad-database", location.redacted + ": " + reason, "db");
  }
  std::string keyword_form;
  for (const PQconninfoOption* option = options; option->keyword != nullptr; ++option) {
    if (option->val == nullptr) continue;
    std::string value;
    for (const char* character = option->val; *character != '\0'; ++character) {
      if (*character == '\\' || *character == '\'') value += '\\';
      value += *character;
    }
    keyword_form += std::string(option->keyword) + "='" + value + "' ";
  }
  PQconninfoFree(options);
  return keyword_form;
}

}  // namespace

Result<std::unique_ptr<Database>> Database::open(const DatabaseLocation& location) {
  std::unique_ptr<Database> database(new Database(location));
  try {
    if (location.backend == Backend::sqlite) {
      database->session_.open(soci::sqlite3, "db=\"" + location.connection + "\"");
    } else {
      auto keyword_form = postgresql_keyword_form(location);
      if (!keyword_form) return keyword_form.error();
      database->session_.open(soci::postgresql, keyword_form.value());
    }
    database->configure_session();
  } catch (const soci::soci_error& error) {
    return Error("storage-unavailable", "cannot open the database " + location.redacted + ": " +
                                            redact_connection_text(error.what()));
  }
  spdlog::debug("opened {} database {}", backend_name(location.backend), location.redacted);
  return database;
}

void Database::configure_session() {
  if (location_.backend == Backend::sqlite) {
    // WAL lets readers run beside the writer; synchronous=FULL makes every
    // commit durable, which a ledger of public money needs more than speed.
    // The busy timeout comes first: the pragmas after it read the schema and
    // may switch the journal mode, and without it a connection opened while
    // another writer holds the file fails at once instead of waiting.
    session_ << "PRAGMA busy_timeout = 30000";
    session_ << "PRAGMA foreign_keys = ON";
    session_ << "PRAGMA journal_mode = WAL";
    session_ << "PRAGMA synchronous = FULL";
    // A bulk import looks up random keys (invoices, submissions) in indexes
    // far larger than SQLite's default 2 MB page cache; reading them through
    // a memory map instead of read() calls keeps the import linear.
    // 2 GiB less 64 KiB: the most Debian's SQLite maps (SQLITE_MAX_MMAP_SIZE);
    // a ledger of a million expenditures is a 1.8 GB file.
    session_ << "PRAGMA mmap_size = 2147418112";
    session_ << "PRAGMA cache_size = -65536";
  } else {
    session_ << "SET TIME ZONE 'Asia/Shanghai'";
    // Server NOTICEs would go straight to stderr through libpq.
    session_ << "SET client_min_messages = warning";
  }
}

void Database::execute_script(std::string_view script) {
  if (location_.backend == Backend::sqlite) {
    execute_sqlite_script(session_, script);
  } else {
    execute_postgresql_script(session_, script);
  }
}

void Database::note_created_entry(std::int64_t entry_id) {
  // One transaction posts at most an import batch's entries (10,000 rows,
  // a few entries each); more means a transaction was never committed.
  constexpr std::size_t created_entries_max = 1'000'000;
  JIANGBU_ASSERT(created_entries_.size() < created_entries_max);
  created_entries_.push_back(entry_id);
}

std::vector<std::int64_t> Database::take_created_entries() {
  std::vector<std::int64_t> taken;
  taken.swap(created_entries_);
  return taken;
}

bool is_unique_violation(const soci::soci_error& error) {
  const std::string text = error.what();
  return text.find("UNIQUE constraint failed") != std::string::npos ||
         text.find("duplicate key value") != std::string::npos;
}

}  // namespace jiangbu

#include "store/database_location.hpp"

#include "core/redaction.hpp"

namespace jiangbu {

std::string_view backend_name(Backend backend) {
  return backend == Backend::sqlite ? "sqlite" : "postgresql";
}

Result<DatabaseLocation> parse_database_location(std::string_view text) {
  if (text.empty()) return Error("bad-database", "the database location is empty", "db");
  for (const char character : text) {
    if (static_cast<unsigned char>(character) < 0x20) {
      return Error("bad-database", "the database location contains a control character", "db");
    }
  }
  DatabaseLocation location;
  if (text.starts_with("postgresql://") || text.starts_with("postgres://")) {
    location.backend = Backend::postgresql;
    location.connection = std::string(text);
  } else {
    location.backend = Backend::sqlite;
    location.connection = std::string(text.starts_with("sqlite:") ? text.substr(7) : text);
    if (location.connection.empty()) {
      return Error("bad-database", "sqlite: needs a file path", "db");
    }
  }
  location.redacted = redact_connection_text(text);
  return location;
}

}  // namespace jiangbu

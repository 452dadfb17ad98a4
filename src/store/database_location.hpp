#pragma once
// Where the ledger lives: an SQLite file (the embedded default) or a
// PostgreSQL server. The redacted form is the only one that may be logged or
// printed: it never carries a password.
#include <string>
#include <string_view>

#include "core/redaction.hpp"
#include "core/result.hpp"

namespace jiangbu {

enum class Backend { sqlite, postgresql };

std::string_view backend_name(Backend backend);

struct DatabaseLocation {
  Backend backend = Backend::sqlite;
  std::string connection;  // SQLite file path, or a libpq URI
  std::string redacted;    // safe to print
};

inline constexpr std::string_view default_database_path = "./jiangbu.db";

// Accepts "postgresql://…" / "postgres://…" URIs, "sqlite:PATH", or a path.
Result<DatabaseLocation> parse_database_location(std::string_view text);

}  // namespace jiangbu

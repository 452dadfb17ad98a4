#pragma once
// Versioned schema migrations, bundled from sql/<backend>/NNNN_name.sql into
// the binary. `jiangbu init` applies the pending ones, each in its own
// transaction; every other command checks at start-up that the database is
// exactly at the bundled version and that no applied migration was edited.
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "store/database.hpp"

namespace jiangbu {

struct Migration {
  int version = 0;
  std::string name;         // "0001_foundation"
  std::string_view script;
  std::string checksum;     // FNV-1a 64 of the script, hex
};

std::vector<Migration> bundled_migrations(Backend backend);

struct SchemaStatus {
  int applied_version = 0;  // 0: not initialised
  int bundled_version = 0;
};

// Applies what is pending; returns the resulting status.
Result<SchemaStatus> apply_migrations(Database& database);

// Refuses a database that is uninitialised, behind, ahead, or edited.
Result<SchemaStatus> check_schema(Database& database);

}  // namespace jiangbu

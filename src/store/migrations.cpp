#include "store/migrations.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdio>

#include <spdlog/spdlog.h>

#include "core/checksum.hpp"
#include "core/embedded_files.hpp"
#include "core/reason_code.hpp"
#include "core/timestamp.hpp"

namespace jiangbu {

namespace {

constexpr int migrations_max = 9999;


bool table_exists(Database& database, const std::string& table) {
  int count = 0;
  if (database.backend() == Backend::sqlite) {
    database.session() << "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = :name",
        soci::use(table), soci::into(count);
  } else {
    database.session() << "SELECT count(*) FROM information_schema.tables "
                          "WHERE table_schema = current_schema() AND table_name = :name",
        soci::use(table), soci::into(count);
  }
  return count > 0;
}

struct AppliedMigration {
  int version = 0;
  std::string checksum;
};

std::vector<AppliedMigration> applied_migrations(Database& database) {
  std::vector<AppliedMigration> applied;
  if (!table_exists(database, "schema_migrations")) return applied;
  AppliedMigration row;
  soci::statement statement =
      (database.session().prepare << "SELECT version, checksum FROM schema_migrations ORDER BY version",
       soci::into(row.version), soci::into(row.checksum));
  statement.execute();
  while (statement.fetch() && applied.size() < migrations_max) applied.push_back(row);
  return applied;
}

Status verify_applied(const std::vector<AppliedMigration>& applied,
                      const std::vector<Migration>& bundled) {
  for (const auto& row : applied) {
    const auto found = std::find_if(bundled.begin(), bundled.end(),
                                    [&](const Migration& m) { return m.version == row.version; });
    if (found == bundled.end()) {
      return make_error(ReasonCode::schema_newer_than_program,
                        "the database has migration " + std::to_string(row.version) +
                            ", which this jiangbu does not know: use a newer jiangbu");
    }
    if (found->checksum != row.checksum) {
      return make_error(ReasonCode::schema_tampered,
                        "applied migration " + found->name + " differs from the bundled one");
    }
  }
  return success();
}

void create_migration_table(Database& database) {
  database.execute_script(
      "CREATE TABLE IF NOT EXISTS schema_migrations ("
      " version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
      " checksum TEXT NOT NULL, applied_at TEXT NOT NULL)");
}

void apply_one(Database& database, const Migration& migration) {
  soci::transaction transaction(database.session());
  database.execute_script(migration.script);
  const std::string applied_at = utc_timestamp_now();
  database.session() << "INSERT INTO schema_migrations (version, name, checksum, applied_at) "
                        "VALUES (:version, :name, :checksum, :applied_at)",
      soci::use(migration.version), soci::use(migration.name), soci::use(migration.checksum),
      soci::use(applied_at);
  transaction.commit();
  spdlog::info("applied migration {}", migration.name);
}

}  // namespace

std::vector<Migration> bundled_migrations(Backend backend) {
  const std::string prefix = "sql/" + std::string(backend_name(backend)) + "/";
  std::vector<Migration> migrations;
  for (const auto& file : embedded_files()) {
    if (!file.path.starts_with(prefix) || !file.path.ends_with(".sql")) continue;
    const std::string_view stem = file.path.substr(prefix.size(), file.path.size() - prefix.size() - 4);
    Migration migration;
    migration.version = std::stoi(std::string(stem.substr(0, 4)));
    migration.name = std::string(stem);
    migration.script = file.content;
    migration.checksum = fnv1a_64_hex(file.content);
    migrations.push_back(std::move(migration));
  }
  std::sort(migrations.begin(), migrations.end(),
            [](const Migration& a, const Migration& b) { return a.version < b.version; });
  for (std::size_t index = 0; index < migrations.size(); ++index) {
    // Gapless numbering 1..N is a build-time invariant of sql/.
    JIANGBU_ASSERT(migrations[index].version == static_cast<int>(index) + 1);
  }
  return migrations;
}

Result<SchemaStatus> apply_migrations(Database& database) {
  const auto bundled = bundled_migrations(database.backend());
  create_migration_table(database);
  const auto applied = applied_migrations(database);
  if (auto verified = verify_applied(applied, bundled); !verified) return verified.error();
  for (std::size_t index = applied.size(); index < bundled.size(); ++index) {
    apply_one(database, bundled[index]);
  }
  return SchemaStatus{static_cast<int>(bundled.size()), static_cast<int>(bundled.size())};
}

Result<SchemaStatus> check_schema(Database& database) {
  const auto bundled = bundled_migrations(database.backend());
  const auto applied = applied_migrations(database);
  if (auto verified = verify_applied(applied, bundled); !verified) return verified.error();
  SchemaStatus status{static_cast<int>(applied.size()), static_cast<int>(bundled.size())};
  if (status.applied_version < status.bundled_version) {
    return make_error(ReasonCode::schema_out_of_date,
                      status.applied_version == 0
                          ? "the database " + database.location().redacted +
                                " is not initialised: run `jiangbu init`"
                          : "the database schema is at version " +
                                std::to_string(status.applied_version) + ", this jiangbu needs " +
                                std::to_string(status.bundled_version) + ": run `jiangbu init`");
  }
  return status;
}

}  // namespace jiangbu

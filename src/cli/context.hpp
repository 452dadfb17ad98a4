#pragma once
// What every command shares: the global options, the open database, and the
// way a command fails (a CommandFailure carrying the Error, turned into a
// message on stderr and an exit code by run_cli).
#include <memory>
#include <optional>
#include <string>

#include <CLI/CLI.hpp>

#include "access/permission.hpp"
#include "cli/exit_code.hpp"
#include "cli/output.hpp"
#include "core/date.hpp"
#include "core/error.hpp"
#include "core/result.hpp"
#include "store/database.hpp"

namespace jiangbu {

struct CommandFailure {
  Error error;
};

struct Context {
  std::string database_text = std::string(default_database_path);
  std::string format_name = "table";
  std::string log_level = "warn";
  std::string principal_text;  // --as / JIANGBU_AS; empty: the administrator

  [[nodiscard]] OutputFormat format() const;
  // Opens the database and binds its principal; unless migrating, refuses
  // one whose schema is not exactly the bundled version.
  std::unique_ptr<Database> open_database(bool check_schema = true) const;
};

// Unwraps a Result or throws CommandFailure with its Error.
template <typename T>
T require(Result<T> result) {
  if (!result) throw CommandFailure{result.error()};
  return std::move(result).value();
}

// Throw CommandFailure (permission-denied) unless the connection's principal
// may. require_read: one unit's data when unit_id is given, else everyone's.
void require_allowed(Database& database, Action action, std::string_view unit_id = {});
void require_book_allowed(Database& database, Action action, const std::string& book_id);
void require_read(Database& database, const std::string& unit_id);

Date require_date(const std::string& text, const std::string& field);
std::optional<Date> optional_date(const std::string& text, const std::string& field);

// Migrates, seeds the charts and opens the bureau book (what `init` does).
void initialise_database(Database& database);

void register_init_command(CLI::App& app, Context& context);
void register_book_commands(CLI::App& app, Context& context);
void register_account_commands(CLI::App& app, Context& context);
void register_entry_commands(CLI::App& app, Context& context);
void register_report_commands(CLI::App& app, Context& context);
void register_money_commands(CLI::App& app, Context& context);
void register_reason_commands(CLI::App& app, Context& context);
void register_demo_commands(CLI::App& app, Context& context);
void register_registry_commands(CLI::App& app, Context& context);
void register_award_commands(CLI::App& app, Context& context);
void register_expenditure_commands(CLI::App& app, Context& context);
void register_policy_commands(CLI::App& app, Context& context);
void register_bank_commands(CLI::App& app, Context& context);
void register_verify_command(CLI::App& app, Context& context);
void register_export_command(CLI::App& app, Context& context);
void register_access_commands(CLI::App& app, Context& context);

}  // namespace jiangbu

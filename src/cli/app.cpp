#include "cli/app.hpp"

#include <iostream>

#include <soci/soci.h>
#include <spdlog/spdlog.h>

#include "cli/context.hpp"
#include "core/logging.hpp"
#include "core/message_redaction.hpp"
#include "core/redaction.hpp"

namespace jiangbu {

namespace {

int fail(const Error& error) {
  // Refusals may quote what was typed: a password in a --db URI, a
  // resident id or bank account in a field.
  std::cerr << "jiangbu: error: " << redact_message(error.describe()) << " [" << error.code << "]\n";
  return static_cast<int>(exit_code_for(error.code));
}

void add_global_options(CLI::App& app, Context& context) {
  app.add_option("--db", context.database_text,
                 "SQLite file or postgresql:// URI (default ./jiangbu.db)")
      ->envname("JIANGBU_DB");
  app.add_option("--format", context.format_name,
                 "Output format: table, csv, json; reports also html, xlsx, pdf, and all (every format, into --out)")
      ->check(CLI::IsMember({"table", "csv", "json", "html", "xlsx", "pdf", "all"}));
  app.add_option("--as", context.principal_text,
                 "Who acts: bureau, auditor or unit:<USCC> (default: the database administrator). "
                 "On PostgreSQL a bound login role is its own principal")
      ->envname("JIANGBU_AS");
  // Configured as soon as the option is read, before any command runs.
  app.add_option("--log-level", context.log_level, "trace|debug|info|warn|error|off")
      ->envname("JIANGBU_LOG_LEVEL")
      ->each([](const std::string& level) {
        if (auto configured = configure_logging(level); !configured) throw CommandFailure{configured.error()};
      });
}

}  // namespace

int run_cli(int argc, char** argv, std::span<const CommandRegistrar> more_commands) {
  Context context;
  (void)configure_logging(context.log_level);  // the default, until --log-level says otherwise
  CLI::App app{"jiangbu 奖补: double-entry ledger and audit for labor-brand subsidy funds"};
  app.fallthrough();
  app.require_subcommand(1);
  add_global_options(app, context);
  register_init_command(app, context);
  register_book_commands(app, context);
  register_account_commands(app, context);
  register_entry_commands(app, context);
  register_report_commands(app, context);
  register_money_commands(app, context);
  register_reason_commands(app, context);
  register_registry_commands(app, context);
  register_award_commands(app, context);
  register_expenditure_commands(app, context);
  register_demo_commands(app, context);
  register_policy_commands(app, context);
  register_bank_commands(app, context);
  register_verify_command(app, context);
  register_export_command(app, context);
  register_access_commands(app, context);
  for (const auto registrar : more_commands) registrar(app, context);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    const int code = app.exit(error);
    return code == 0 ? 0 : static_cast<int>(ExitCode::bad_input);
  } catch (const CommandFailure& failure) {
    return fail(failure.error);
  } catch (const soci::soci_error& error) {
    std::cerr << "jiangbu: storage error: " << redact_sensitive(error.what()) << '\n';
    return static_cast<int>(ExitCode::storage_error);
  } catch (const std::overflow_error& error) {
    std::cerr << "jiangbu: error: " << redact_message(error.what()) << '\n';
    return static_cast<int>(ExitCode::bad_input);
  }
  return 0;
}

}  // namespace jiangbu

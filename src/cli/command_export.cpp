// `jiangbu export --format ledger|beancount [--output FILE] [--book B]`: the
// stored journal as plain-text accounting for ledger-cli or beancount
// (ledger/journal_export.hpp). Without --output it goes to stdout; with it,
// the file appears whole or not at all.
#include <iostream>

#include "cli/context.hpp"
#include "core/atomic_output_file.hpp"
#include "core/reason_code.hpp"
#include "ledger/journal_export.hpp"

namespace jiangbu {

namespace {

struct ExportArguments {
  std::string format_name;
  std::string output_path;
  std::string book_id;
};

ExportFormat require_format(const std::string& name) {
  if (name.empty()) {
    throw CommandFailure{make_error(ReasonCode::bad_option, "is required: ledger or beancount", "format")};
  }
  const auto format = parse_export_format(name);
  if (!format) {
    throw CommandFailure{make_error(ReasonCode::bad_option, "'" + name + "' is not ledger or beancount", "format")};
  }
  return *format;
}

void require_export_allowed(Database& database, const std::string& book_id) {
  // Every book is the auditor's view; one book is its owner's too.
  if (book_id.empty()) {
    require_allowed(database, Action::read_all);
  } else {
    require_book_allowed(database, Action::read_unit, book_id);
  }
}

void run_export(const Context& context, const ExportArguments& arguments) {
  ExportOptions options;
  options.format = require_format(arguments.format_name);
  options.book_id = arguments.book_id;
  auto database = context.open_database();
  require_export_allowed(*database, arguments.book_id);
  if (arguments.output_path.empty()) {
    (void)require(export_journal(*database, options, std::cout));
    return;
  }
  auto file = require(AtomicOutputFile::create(arguments.output_path));
  const ExportSummary summary = require(export_journal(*database, options, file->stream()));
  (void)require(file->commit());
  std::cout << "exported " << summary.entries << " entries, " << summary.postings << " postings, "
            << summary.accounts << " accounts as " << export_format_name(options.format) << " to "
            << arguments.output_path << '\n';
}

}  // namespace

void register_export_command(CLI::App& app, Context& context) {
  auto* command = app.add_subcommand(
      "export", "Write the journal as plain-text accounting that ledger-cli or beancount read and balance");
  auto arguments = std::make_shared<ExportArguments>();
  command->add_option("--format", arguments->format_name, "ledger or beancount (required)");
  command->add_option("--output", arguments->output_path,
                      "File to write (atomically: whole or not at all); default stdout");
  command->add_option("--book", arguments->book_id, "Only this book (default every book)");
  command->callback([&context, arguments] { run_export(context, *arguments); });
}

}  // namespace jiangbu

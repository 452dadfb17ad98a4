// `jiangbu init`: create or migrate the schema, seed the charts of accounts
// and open the finance bureau's book.
#include <iostream>

#include "cli/context.hpp"
#include "ledger/books.hpp"
#include "ledger/journal_chain.hpp"
#include "policy/policy_store.hpp"
#include "store/migrations.hpp"

namespace jiangbu {

void ensure_bureau_book(Database& database) {
  if (find_book(database, std::string(bureau_book_id))) return;
  (void)require(create_book(database, Book{std::string(bureau_book_id), "bureau", "财政局"}));
}

void initialise_database(Database& database) {
  (void)require(apply_migrations(database));
  // Entries posted before migration 0006 join the hash chain now, in voucher
  // order; from then on every entry is sealed as it is posted.
  (void)require(seal_legacy_entries(database));
  if (auto seeded = seed_charts(database); !seeded) throw CommandFailure{seeded.error()};
  if (auto seeded = seed_policies(database); !seeded) throw CommandFailure{seeded.error()};
  ensure_bureau_book(database);
}

void register_init_command(CLI::App& app, Context& context) {
  auto* command = app.add_subcommand("init", "Create or migrate the database and seed the charts");
  command->callback([&context] {
    auto database = context.open_database(false);
    initialise_database(*database);
    const auto status = require(check_schema(*database));
    std::cout << "initialised database "
              << database->location().redacted << " at schema version "
              << status.applied_version << '\n';
  });
}

}  // namespace jiangbu

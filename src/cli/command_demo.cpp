// `jiangbu demo run`: the main job. Initialises a fresh database, runs the
// scenario through the ledger, and prints every book's trial balance.
#include <iostream>

#include "cli/context.hpp"
#include "cli/ledger_tables.hpp"
#include "demo/foundation_scenario.hpp"
#include "ledger/books.hpp"

namespace jiangbu {

void register_demo_commands(CLI::App& app, Context& context) {
  auto* noun = app.add_subcommand("demo", "The main job on a fresh database");
  noun->require_subcommand(1);
  auto* run = noun->add_subcommand("run", "Run the scenario and print the trial balances");
  run->callback([&context] {
    auto database = context.open_database(false);
    initialise_database(*database);
    if (list_books(*database).size() > 1) {
      throw CommandFailure{make_error(ReasonCode::duplicate_book,
                                      "the demo needs a fresh database; " +
                                          database->location().redacted + " already has unit books",
                                      "db")};
    }
    const auto result = require(run_foundation_scenario(*database));
    std::cout << "jiangbu demo: " << result.entries.size() << " entries posted to "
              << database->location().redacted << "\n\n";
    std::vector<std::string> books{std::string(bureau_book_id)};
    books.insert(books.end(), result.book_ids.begin(), result.book_ids.end());
    for (const auto& book_id : books) {
      const auto report = require(trial_balance(*database, book_id, Date::from_parts(2024, 1, 1),
                                                Date::from_parts(2024, 12, 31)));
      if (context.format() == OutputFormat::table) {
        std::cout << "试算平衡表  " << book_id << "  2024-01-01 — 2024-12-31\n";
      }
      render(std::cout, trial_balance_table(report), context.format());
      std::cout << '\n';
    }
  });
}

}  // namespace jiangbu

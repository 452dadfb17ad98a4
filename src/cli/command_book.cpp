// `jiangbu book add|list`.
#include <iostream>

#include "cli/context.hpp"
#include "ledger/books.hpp"

namespace jiangbu {

void register_book_commands(CLI::App& app, Context& context) {
  auto* noun = app.add_subcommand("book", "Books: the bureau's and one per lead unit");
  noun->require_subcommand(1);

  auto* add = noun->add_subcommand("add", "Open a book under a chart of accounts");
  auto book_pointer = std::make_shared<Book>();
  add->add_option("--id", book_pointer->book_id, "Book id: letters, digits, - and _")->required();
  add->add_option("--chart", book_pointer->chart_id, "bureau | enterprise | non-profit")->required();
  add->add_option("--name", book_pointer->name, "Display name")->required();
  add->callback([&context, book_pointer] {
    const Book& book = *book_pointer;
    auto database = context.open_database();
    const auto created = require(create_book(*database, book));
    std::cout << "opened book " << created.book_id << " (" << created.chart_id << ")\n";
  });

  auto* list = noun->add_subcommand("list", "List books");
  list->callback([&context] {
    auto database = context.open_database();
    require_allowed(*database, Action::read_all);
    Table table{{{"book_id", "账簿"}, {"chart", "科目表"}, {"name", "名称"}}, {}};
    for (const auto& row : list_books(*database)) {
      table.add_row({row.book_id, row.chart_id, row.name});
    }
    render(std::cout, table, context.format());
  });
}

}  // namespace jiangbu

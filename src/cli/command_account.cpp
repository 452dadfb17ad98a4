// `jiangbu account list|open|balance`.
#include <iostream>

#include "cli/context.hpp"
#include "ledger/accounts.hpp"
#include "ledger/balances.hpp"
#include "ledger/books.hpp"
#include "money/money_format.hpp"
#include "store/transaction.hpp"

namespace jiangbu {

namespace {

struct AccountOptions {
  std::string book_id = std::string(bureau_book_id);
  std::string code;
  std::string name;
  std::string as_of;
  bool no_subtree = false;
};

void require_book(Database& database, const std::string& book_id) {
  if (!find_book(database, book_id)) {
    throw CommandFailure{make_error(ReasonCode::unknown_book, "no book '" + book_id + "'", "book")};
  }
}

}  // namespace

void register_account_commands(CLI::App& app, Context& context) {
  auto options_pointer = std::make_shared<AccountOptions>();
  auto* noun = app.add_subcommand("account", "Accounts and sub-accounts of a book");
  noun->require_subcommand(1);

  auto* list = noun->add_subcommand("list", "List the accounts open in a book");
  list->add_option("--book", options_pointer->book_id, "Book id (default bureau)");
  list->callback([&context, options_pointer] {
    auto& options = *options_pointer;
    auto database = context.open_database();
    require_book_allowed(*database, Action::read_unit, options.book_id);
    require_book(*database, options.book_id);
    Table table{{{"code", "科目编码"}, {"name", "科目名称"}, {"normal_side", "余额方向"},
                 {"basis", "核算"}},
                {}};
    for (const auto& account : list_accounts(*database, options.book_id)) {
      table.add_row({account.code, account.name, std::string(normal_side_name(account.normal_side)),
                     std::string(basis_name(account.basis))});
    }
    render(std::cout, table, context.format());
  });

  auto* open = noun->add_subcommand("open", "Open a sub-account, e.g. 2303/XX2024-003");
  open->add_option("--book", options_pointer->book_id, "Book id (default bureau)");
  open->add_option("--code", options_pointer->code, "Sub-account code")->required();
  open->add_option("--name", options_pointer->name, "Sub-account name")->required();
  open->callback([&context, options_pointer] {
    auto& options = *options_pointer;
    auto database = context.open_database();
    require_book_allowed(*database, Action::write_book, options.book_id);
    require_book(*database, options.book_id);
    Transaction transaction(*database, {"account.open", "account", options.book_id + " " + options.code});
    const auto account = require(open_sub_account(*database, options.book_id, options.code, options.name));
    transaction.commit();
    std::cout << "opened " << account.book_id << " " << account.code << " " << account.name << '\n';
  });

  auto* balance = noun->add_subcommand("balance", "Balance of an account and its sub-accounts");
  balance->add_option("--book", options_pointer->book_id, "Book id (default bureau)");
  balance->add_option("--code", options_pointer->code, "Account code")->required();
  balance->add_option("--as-of", options_pointer->as_of, "Date YYYY-MM-DD (default: everything)");
  balance->add_flag("--no-subtree", options_pointer->no_subtree, "Only the account itself");
  balance->callback([&context, options_pointer] {
    auto& options = *options_pointer;
    auto database = context.open_database();
    require_book_allowed(*database, Action::read_unit, options.book_id);
    const auto as_of = optional_date(options.as_of, "as-of");
    const auto result = require(account_balance(*database, options.book_id, options.code, as_of,
                                                !options.no_subtree));
    Table table{{{"book", "账簿"}, {"code", "科目编码"}, {"debit", "借方合计", ColumnKind::money},
                 {"credit", "贷方合计", ColumnKind::money}, {"normal_side", "方向"}, {"balance", "余额", ColumnKind::money}},
                {}};
    table.add_row({result.book_id, result.account_code, money_cell(result.debit_total),
                   money_cell(result.credit_total), std::string(normal_side_name(result.normal_side)),
                   money_cell(result.balance())});
    render(std::cout, table, context.format());
  });
}

}  // namespace jiangbu

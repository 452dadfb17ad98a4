// `jiangbu serve` and `jiangbu user add|list|reset-password`: the web front
// and its accounts. Registered by main.cpp, so the core library and its
// tests do not link the HTTP server.
#include <iostream>
#include <string>

#include "cli/context.hpp"
#include "web/command_serve.hpp"
#include "web/web_accounts.hpp"
#include "web/web_server.hpp"

namespace jiangbu {

namespace {

struct UserOptions {
  std::string user_name;
  std::string principal;
  std::string database_role;
};

// From standard input, never the command line (where `ps` and the shell's
// history would keep it): the first line, without its line ending.
std::string read_password() {
  std::string password;
  std::getline(std::cin, password);
  if (!password.empty() && password.back() == '\r') password.pop_back();
  return password;
}

}  // namespace

void register_serve_command(CLI::App& app, Context& context) {
  auto options = std::make_shared<ServeOptions>();
  auto* serve_command = app.add_subcommand("serve", "Start the web front (JSON API and pages, Chinese)");
  serve_command->add_option("--bind", options->bind_address, "Address to listen on (default 127.0.0.1)");
  serve_command->add_option("--port", options->port, "Port (default 8080; 0 picks a free one)")
      ->check(CLI::Range(0, 65535));
  serve_command->add_option("--port-file", options->port_file, "Write the port here once listening");
  serve_command->add_option("--upload-folder", options->app.upload_folder,
                            "Where uploads wait for their import (default: the temp folder)");
  serve_command->callback([&context, options] {
    options->database_text = context.database_text;
    (void)require(serve(*options));
  });
}

void register_user_commands(CLI::App& app, Context& context) {
  auto options = std::make_shared<UserOptions>();
  auto* noun = app.add_subcommand("user", "Web accounts (password on standard input)");
  noun->require_subcommand(1);
  auto* add = noun->add_subcommand("add", "Add a web account; reads its password from standard input");
  add->add_option("name", options->user_name, "User name")->required();
  add->add_option("--principal", options->principal, "bureau, auditor or unit:<USCC>")->required();
  add->add_option("--database-role", options->database_role,
                  "PostgreSQL: a login role bound to the same principal; each request runs as it (SET ROLE)");
  add->callback([&context, options] {
    auto database = context.open_database();
    (void)require(add_web_user(*database, {options->user_name, read_password(), options->principal,
                                           options->database_role}));
    std::cout << "added web user " << options->user_name << " as " << options->principal << '\n';
  });
  auto* reset = noun->add_subcommand("reset-password", "New password (standard input); lifts a lock-out");
  reset->add_option("name", options->user_name, "User name")->required();
  reset->callback([&context, options] {
    auto database = context.open_database();
    (void)require(reset_web_password(*database, options->user_name, read_password()));
    std::cout << "reset the password of " << options->user_name << '\n';
  });
  auto* list = noun->add_subcommand("list", "List web accounts");
  list->callback([&context] {
    auto database = context.open_database();
    Table table{{{"user", "用户名"}, {"principal", "身份"}, {"failed", "连续失败", ColumnKind::number},
                 {"locked_until", "锁定至(unix)", ColumnKind::number}},
                {}};
    for (const auto& user : list_web_users(*database, 10'000)) {
      table.add_row({user.user_name, user.principal.text(), std::to_string(user.failed_sign_ins),
                     std::to_string(user.locked_until_unix)});
    }
    render(std::cout, table, context.format());
  });
}

}  // namespace jiangbu

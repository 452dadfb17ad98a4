#pragma once
// Runs the Debian packages `ledger` (ledger-cli) and `beancount` on an
// exported journal and reads back what they print: each account's balance as
// Money (parsed exactly, never through a double), and bean-check's verdict.
// The tools are test dependencies (scripts/packages.txt); a missing tool
// fails the test, it never skips it. Header-only: the unit and the store
// test binaries both use it.
#include <cstdio>
#include <filesystem>
#include <map>
#include <string>

#include <gtest/gtest.h>

#include "money/money_parse.hpp"

namespace jiangbu::testing {

// The Python that runs bean-check (its shebang), where the beancount package
// lives: a python3 earlier on the PATH (pyenv, a virtualenv) may lack it.
inline constexpr const char* beancount_python = "/usr/bin/python3";

struct CommandOutput {
  std::string text;  // stdout and stderr together
  int status = -1;   // as pclose returns it; 0 is success
};

inline CommandOutput run_command(const std::string& command) {
  CommandOutput output;
  std::FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return output;
  char chunk[4096];
  // Bounded by the tool's output: every read consumes some of it, or ends.
  for (std::size_t read = 0; (read = std::fread(chunk, 1, sizeof chunk, pipe)) > 0;) output.text.append(chunk, read);
  output.status = ::pclose(pipe);
  return output;
}

using ToolBalances = std::map<std::string, Money>;  // account name -> balance (debit positive)

// Lines "<account>\t<amount>"; an amount the money parser refuses fails the test.
inline ToolBalances parse_tab_separated_balances(const std::string& text, const std::string& tool) {
  ToolBalances balances;
  std::size_t start = 0;
  // Bounded: every step moves past one line.
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    const std::string line = text.substr(start, end - start);
    start = end + 1;
    if (line.empty()) continue;
    const std::size_t tab = line.rfind('\t');
    if (tab == std::string::npos) {
      ADD_FAILURE() << tool << " printed a line without a tab: '" << line << "'";
      continue;
    }
    auto amount = parse_money(line.substr(tab + 1), SignPolicy::allow_negative);
    if (!amount) {
      ADD_FAILURE() << tool << " printed an amount that is not exact money: '" << line << "'";
      continue;
    }
    balances[line.substr(0, tab)] = amount.value();
  }
  return balances;
}

// `ledger bal --flat`: each account with postings of its own, with the total
// of its whole subtree (ledger's account tree is jiangbu's code tree).
inline ToolBalances ledger_flat_balances(const std::filesystem::path& file) {
  const CommandOutput output = run_command(
      "ledger -f '" + file.string() +
      "' balance --flat --empty --no-total --format '%(account)\\t%(quantity(display_total))\\n'");
  EXPECT_EQ(output.status, 0) << "ledger failed (is the Debian package ledger installed?):\n" << output.text;
  return parse_tab_separated_balances(output.text, "ledger");
}

// bean-query: each account's own postings summed (sum(number): exact decimals).
inline ToolBalances beancount_own_balances(const std::filesystem::path& file) {
  const CommandOutput output =
      run_command("bean-query -q -f csv '" + file.string() +
                  "' \"SELECT account, sum(number) AS balance GROUP BY account ORDER BY account\" | tail -n +2 | tr -d ' ' | tr ',' '\\t'");
  EXPECT_EQ(output.status, 0) << "bean-query failed (is the Debian package beancount installed?):\n" << output.text;
  return parse_tab_separated_balances(output.text, "bean-query");
}

// bean-check prints nothing and exits 0 when the file parses, every account
// is opened before use and every transaction balances.
inline CommandOutput beancount_check(const std::filesystem::path& file) {
  return run_command("bean-check '" + file.string() + "'");
}

}  // namespace jiangbu::testing

// `jiangbu export`: the journal written for ledger-cli and beancount must be
// read by both (bean-check clean) and must make them print, for every
// account, exactly the balance jiangbu computes: beancount's per-account sum
// against the trial balance, ledger's flat subtree totals against
// account_balance over the subtree. On the main job's books (payments,
// expenditures, reversals, clawbacks, the budget basis) plus an entry with a
// hostile memo, on each backend.
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "demo/award_scenario.hpp"
#include "ledger/accounts.hpp"
#include "ledger/balances.hpp"
#include "ledger/books.hpp"
#include "ledger/export_account_names.hpp"
#include "ledger/journal.hpp"
#include "ledger/journal_export.hpp"
#include "support/plain_text_tools.hpp"
#include "support/scratch_directory.hpp"
#include "support/test_database.hpp"

namespace jiangbu {
namespace {

using testing::StoreTest;
using testing::ToolBalances;

const Date end_of_time = Date::from_parts(2099, 12, 31);

// Quotes, a note opener (two spaces and ';'), backslashes, an injection and
// CJK: everything a memo may hold (control characters are refused on entry;
// the unit test of the dialects covers them).
const std::string hostile_memo = "引号\"双\" 'single' ; semi  ;note \\back\\slash \\n ' OR '1'='1 奖补";

std::string read_file(const std::filesystem::path& path) {
  std::ifstream file(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << file.rdbuf();
  return bytes.str();
}

class JournalExportTest : public StoreTest {
 protected:
  void build_ledger() {
    ASSERT_TRUE(run_award_scenario(database()).ok());
    Journal journal(database());
    const Money amount = Money::from_fen(123'456);
    auto hostile = journal.post(EntryInput{"bureau", Date::from_parts(2024, 11, 5), hostile_memo,
                                           "\"; DROP TABLE postings; --",
                                           {{"5001", Side::debit, amount}, {"2303", Side::credit, amount}}});
    ASSERT_TRUE(hostile.ok()) << hostile.error().describe();
    ASSERT_TRUE(journal.reverse(hostile.value().entry_id, Date::from_parts(2024, 11, 6), "备注\"有误\"").ok());
  }

  std::filesystem::path export_to(ExportFormat format, const std::string& book_id = {},
                                  std::size_t page_entries = 5000) {
    const auto path = scratch_.path() / (std::string(export_format_name(format)) + "-" + book_id + "-" +
                                         std::to_string(page_entries) + (format == ExportFormat::ledger ? ".ledger" : ".beancount"));
    std::ofstream file(path, std::ios::binary);
    ExportOptions options{format, book_id, page_entries};
    auto summary = export_journal(database(), options, file);
    EXPECT_TRUE(summary.ok()) << summary.error().describe();
    return path;
  }

  // Per account with postings: its own balance (trial balance) and its
  // subtree's (account_balance), both debit minus credit, under its export name.
  void expected_balances(const std::string& only_book, ToolBalances& own, ToolBalances& subtree) {
    for (const auto& book : list_books(database())) {
      if (!only_book.empty() && book.book_id != only_book) continue;
      const auto chart = load_chart(database(), book.chart_id);
      ASSERT_TRUE(chart.has_value());
      const auto trial = trial_balance(database(), book.book_id, std::nullopt, end_of_time);
      ASSERT_TRUE(trial.ok()) << trial.error().describe();
      for (const auto& row : trial.value().rows) {
        const auto* chart_account = chart->find(chart_code_of(row.account_code));
        ASSERT_NE(chart_account, nullptr) << row.account_code;
        const std::string name =
            export_account_name(chart_account->account_type, book.book_id, row.account_code).value();
        own[name] = row.closing_debit_minus_credit();
        const auto whole = account_balance(database(), book.book_id, row.account_code, std::nullopt, true);
        ASSERT_TRUE(whole.ok());
        subtree[name] = whole.value().debit_total - whole.value().credit_total;
      }
    }
  }

  void expect_tools_agree(const std::string& book_id) {
    ToolBalances own;
    ToolBalances subtree;
    expected_balances(book_id, own, subtree);
    ASSERT_GE(own.size(), 2u);  // at least one entry
    const auto beancount_file = export_to(ExportFormat::beancount, book_id);
    const auto checked = testing::beancount_check(beancount_file);
    EXPECT_EQ(checked.status, 0) << checked.text;
    EXPECT_EQ(checked.text, "");
    EXPECT_EQ(testing::beancount_own_balances(beancount_file), own);
    EXPECT_EQ(testing::ledger_flat_balances(export_to(ExportFormat::ledger, book_id)), subtree);
  }

  testing::ScratchDirectory scratch_{"journal-export"};
};

TEST_F(JournalExportTest, LedgerAndBeancountPrintJiangbusBalancesForEveryAccount) {
  build_ledger();
  expect_tools_agree("");
}

TEST_F(JournalExportTest, OneBookExportsAloneAndStillBalances) {
  build_ledger();
  expect_tools_agree("bureau");
  std::string unit_book;
  for (const auto& book : list_books(database())) {
    if (book.book_id != "bureau") unit_book = book.book_id;
  }
  ASSERT_FALSE(unit_book.empty());
  expect_tools_agree(unit_book);
  // The unit's id appears in the bureau's sub-accounts (2303/<award>/<unit>), never as a book.
  const std::string bureau_only = read_file(export_to(ExportFormat::ledger, "bureau"));
  for (const char* root : {"Assets", "Liabilities", "Equity", "Income", "Expenses"}) {
    EXPECT_EQ(bureau_only.find(std::string(root) + ":" + export_name_component(unit_book) + ":"),
              std::string::npos);
  }
}

TEST_F(JournalExportTest, ThePageSizeDoesNotChangeTheFile) {
  build_ledger();
  for (const auto format : {ExportFormat::ledger, ExportFormat::beancount}) {
    const std::string whole = read_file(export_to(format, "", 5000));
    EXPECT_EQ(read_file(export_to(format, "", 1)), whole);
    EXPECT_EQ(read_file(export_to(format, "", 7)), whole);
  }
}

TEST_F(JournalExportTest, TheHostileMemoIsCarriedEscapedAndTheReversalLinked) {
  build_ledger();
  const std::string beancount = read_file(export_to(ExportFormat::beancount));
  EXPECT_NE(beancount.find(beancount_string(hostile_memo)), std::string::npos);
  EXPECT_NE(beancount.find("  source: \"\\\"; DROP TABLE postings; --\""), std::string::npos);
  EXPECT_NE(beancount.find("  reverses: \""), std::string::npos);
  const auto ledger_file = export_to(ExportFormat::ledger);
  const std::string ledger = read_file(ledger_file);
  EXPECT_NE(ledger.find(") " + ledger_line_text(hostile_memo) + "\n"), std::string::npos);
  // ledger reads the whole memo as the payee: nothing became a note.
  const auto payees = testing::run_command("ledger -f '" + ledger_file.string() +
                                           "' register --format '%(payee)\\n' | grep -F 'semi' | sort -u");
  EXPECT_EQ(payees.text, ledger_line_text(hostile_memo) + "\n");
}

TEST_F(JournalExportTest, AnEmptyJournalExportsItsAccountsAndBothToolsAcceptIt) {
  const auto beancount_file = export_to(ExportFormat::beancount);
  EXPECT_EQ(testing::beancount_check(beancount_file).status, 0);
  EXPECT_TRUE(testing::beancount_own_balances(beancount_file).empty());
  const auto ledger_file = export_to(ExportFormat::ledger);
  EXPECT_TRUE(testing::ledger_flat_balances(ledger_file).empty());
  EXPECT_NE(read_file(ledger_file).find("account Assets:Bureau:1002\n"), std::string::npos);
}

TEST_F(JournalExportTest, AnUnknownBookIsRefused) {
  std::ostringstream out;
  auto summary = export_journal(database(), ExportOptions{ExportFormat::ledger, "no-such-book", 100}, out);
  ASSERT_FALSE(summary.ok());
  EXPECT_EQ(summary.error().code, "unknown-book");
}

}  // namespace
}  // namespace jiangbu

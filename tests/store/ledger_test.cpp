// The journal on both backends: balanced posting, gapless voucher numbers,
// refusals that leave nothing behind, reversals, balances.
#include <gtest/gtest.h>

#include "ledger/accounts.hpp"
#include "ledger/balances.hpp"
#include "ledger/books.hpp"
#include "ledger/journal.hpp"
#include "store/transaction.hpp"
#include "support/test_database.hpp"

namespace jiangbu {
namespace {

using testing::StoreTest;

Date day(const char* text) { return Date::parse(text).value(); }
Money yuan(std::int64_t amount) { return Money::from_yuan(amount); }

EntryInput accrual(const char* date, Money amount, std::string payable = "2303") {
  return EntryInput{"bureau", day(date), "计提奖补", "award:T-1",
                    {{"5001", Side::debit, amount}, {std::move(payable), Side::credit, amount}}};
}

long long count_rows(Database& database, const std::string& table) {
  long long count = 0;
  database.session() << "SELECT count(*) FROM " + table, soci::into(count);
  return count;
}

class LedgerTest : public StoreTest {};

TEST_F(LedgerTest, PostsABalancedEntryWithTheFirstVoucherOfTheYear) {
  Journal journal(database());
  auto entry = journal.post(accrual("2024-03-01", yuan(200'000)));
  ASSERT_TRUE(entry.ok()) << entry.error().describe();
  EXPECT_EQ(entry.value().voucher_number, "记-2024-000001");
  EXPECT_EQ(entry.value().postings.size(), 2u);
  const auto stored = journal.find(entry.value().entry_id);
  ASSERT_TRUE(stored.has_value());
  EXPECT_EQ(stored->memo, "计提奖补");
  EXPECT_EQ(stored->entry_date, day("2024-03-01"));
  ASSERT_EQ(stored->postings.size(), 2u);
  EXPECT_EQ(stored->postings[0].account_code, "5001");
  EXPECT_EQ(stored->postings[0].side, Side::debit);
  EXPECT_EQ(stored->postings[1].amount, yuan(200'000));
  EXPECT_EQ(stored->postings[1].side, Side::credit);
}

// The connection keeps one journal for its prepared statements; what it
// looked up must not outlive a transaction that rolled back.
TEST_F(LedgerTest, TheConnectionsJournalForgetsAnAccountARolledBackTransactionOpened) {
  const EntryInput spending{"bureau", day("2024-03-01"), "计提", "",
                            {{"5001", Side::debit, yuan(5)}, {"2303/rolled-back", Side::credit, yuan(5)}}};
  Journal* first = nullptr;
  {
    Transaction transaction(database(), {"test.transaction", "test", ""});
    ASSERT_TRUE(open_sub_account(database(), "bureau", "2303/rolled-back", "撤回").ok());
    first = &Journal::of_connection(database());
    ASSERT_TRUE(first->append(spending).ok());  // the account's basis is now looked up
  }  // rolled back: the account was never opened
  Journal& again = Journal::of_connection(database());
  EXPECT_EQ(&again, first);
  const auto refused = again.validate(spending);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, "unknown-account");
  EXPECT_EQ(count_rows(database(), "journal_entries"), 0);
}

TEST_F(LedgerTest, VoucherNumbersRunWithoutGapsPerBookAndYear) {
  ASSERT_TRUE(create_book(database(), Book{"unit-a", "enterprise", "甲公司"}).ok());
  Journal journal(database());
  EXPECT_EQ(journal.post(accrual("2024-01-05", yuan(1))).value().voucher_number, "记-2024-000001");
  // A refused entry in between must not use up a number.
  EXPECT_FALSE(journal.post(EntryInput{"bureau", day("2024-01-06"), "坏", "",
                                       {{"5001", Side::debit, yuan(2)}, {"2303", Side::credit, yuan(1)}}})
                   .ok());
  EXPECT_EQ(journal.post(accrual("2024-12-31", yuan(1))).value().voucher_number, "记-2024-000002");
  EXPECT_EQ(journal.post(accrual("2025-01-01", yuan(1))).value().voucher_number, "记-2025-000001");
  EntryInput unit_entry{"unit-a", day("2024-02-01"), "收到奖补", "",
                        {{"1002", Side::debit, yuan(5)}, {"2401", Side::credit, yuan(5)}}};
  EXPECT_EQ(journal.post(unit_entry).value().voucher_number, "记-2024-000001");
  EXPECT_EQ(journal.post(accrual("2024-06-30", yuan(1))).value().voucher_number, "记-2024-000003");
}

TEST_F(LedgerTest, RefusesAnUnbalancedEntryAndWritesNothing) {
  Journal journal(database());
  auto refused = journal.post(EntryInput{"bureau", day("2024-03-01"), "不平", "",
                                         {{"5001", Side::debit, Money::from_fen(20'000'001)},
                                          {"2303", Side::credit, yuan(200'000)}}});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, "unbalanced-entry");
  EXPECT_NE(refused.error().message.find("debits exceed by 0.01"), std::string::npos)
      << refused.error().message;
  EXPECT_EQ(count_rows(database(), "journal_entries"), 0);
  EXPECT_EQ(count_rows(database(), "postings"), 0);
}

TEST_F(LedgerTest, EachBasisMustBalanceOnItsOwn) {
  Journal journal(database());
  // Debits equal credits overall, but the budget side has only a debit.
  auto refused = journal.post(EntryInput{"bureau", day("2024-03-15"), "支付", "",
                                         {{"2303", Side::debit, yuan(100)},
                                          {"7101", Side::debit, yuan(100)},
                                          {"1011", Side::credit, yuan(200)}}});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, "unbalanced-entry");
  auto accepted = journal.post(EntryInput{"bureau", day("2024-03-15"), "支付", "",
                                          {{"2303", Side::debit, yuan(100)},
                                           {"1011", Side::credit, yuan(100)},
                                           {"7101", Side::debit, yuan(100)},
                                           {"8001", Side::credit, yuan(100)}}});
  EXPECT_TRUE(accepted.ok()) << accepted.error().describe();
}

TEST_F(LedgerTest, RefusesMalformedEntriesWithTheFieldNamed) {
  Journal journal(database());
  struct Case {
    EntryInput input;
    std::string code;
    std::string field;
  };
  const std::vector<Case> cases = {
      {EntryInput{"bureau", day("2024-03-01"), "一行", "", {{"5001", Side::debit, yuan(1)}}},
       "too-few-postings", "postings"},
      {EntryInput{"bureau", day("2024-03-01"), "零", "",
                  {{"5001", Side::debit, Money()}, {"2303", Side::credit, Money()}}},
       "bad-posting", "postings[1].amount"},
      {EntryInput{"bureau", day("2024-03-01"), "负", "",
                  {{"5001", Side::debit, yuan(-1)}, {"2303", Side::credit, yuan(-1)}}},
       "bad-posting", "postings[1].amount"},
      {EntryInput{"bureau", day("2024-03-01"), "无此科目", "",
                  {{"5001", Side::debit, yuan(1)}, {"9999", Side::credit, yuan(1)}}},
       "unknown-account", "postings[2].account"},
      {EntryInput{"bureau", day("2024-03-01"), "未开子目", "",
                  {{"5001", Side::debit, yuan(1)}, {"2303/X", Side::credit, yuan(1)}}},
       "unknown-account", "postings[2].account"},
      {EntryInput{"bureau", day("2024-03-01"), "坏科目", "",
                  {{"50x1", Side::debit, yuan(1)}, {"2303", Side::credit, yuan(1)}}},
       "bad-account-code", "postings[1].account"},
      {EntryInput{"nobody", day("2024-03-01"), "无此账簿", "",
                  {{"5001", Side::debit, yuan(1)}, {"2303", Side::credit, yuan(1)}}},
       "unknown-book", "book"},
      {EntryInput{"bureau", day("2024-03-01"), "", "",
                  {{"5001", Side::debit, yuan(1)}, {"2303", Side::credit, yuan(1)}}},
       "missing-field", "memo"},
      {EntryInput{"bureau", day("2024-03-01"), "控制\x01字符", "",
                  {{"5001", Side::debit, yuan(1)}, {"2303", Side::credit, yuan(1)}}},
       "bad-text", "memo"},
      {EntryInput{"bureau", day("2024-03-01"), "bad \xff utf8", "",
                  {{"5001", Side::debit, yuan(1)}, {"2303", Side::credit, yuan(1)}}},
       "bad-text", "memo"},
  };
  for (const auto& test_case : cases) {
    auto refused = journal.post(test_case.input);
    ASSERT_FALSE(refused.ok()) << test_case.input.memo;
    EXPECT_EQ(refused.error().code, test_case.code) << test_case.input.memo;
    EXPECT_EQ(refused.error().field, test_case.field) << test_case.input.memo;
  }
  EXPECT_EQ(count_rows(database(), "journal_entries"), 0);
  EXPECT_EQ(count_rows(database(), "voucher_sequences"), 0);
}

TEST_F(LedgerTest, ReversalMirrorsTheEntryAndPointsAtIt) {
  Journal journal(database());
  const auto original = journal.post(accrual("2024-03-01", yuan(1'000))).value();
  auto reversal = journal.reverse(original.entry_id, day("2024-03-05"), "金额有误");
  ASSERT_TRUE(reversal.ok()) << reversal.error().describe();
  EXPECT_EQ(reversal.value().reverses_entry_id, original.entry_id);
  EXPECT_EQ(reversal.value().memo, "冲销 记-2024-000001：金额有误");
  EXPECT_EQ(reversal.value().postings[0].side, Side::credit);
  EXPECT_EQ(reversal.value().postings[1].side, Side::debit);
  EXPECT_EQ(journal.find(original.entry_id)->reversed_by_entry_id, reversal.value().entry_id);
  const auto balance = account_balance(database(), "bureau", "5001", std::nullopt, true).value();
  EXPECT_TRUE(balance.balance().is_zero());
  EXPECT_EQ(balance.debit_total, yuan(1'000));
  // Before the reversal date the original still stands.
  EXPECT_EQ(account_balance(database(), "bureau", "5001", day("2024-03-04"), true).value().balance(),
            yuan(1'000));
}

TEST_F(LedgerTest, AnEntryCanBeReversedOnlyOnce) {
  Journal journal(database());
  const auto original = journal.post(accrual("2024-03-01", yuan(10))).value();
  const auto reversal = journal.reverse(original.entry_id, day("2024-03-02"), "错").value();
  auto twice = journal.reverse(original.entry_id, day("2024-03-03"), "再冲");
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error().code, "already-reversed");
  auto of_reversal = journal.reverse(reversal.entry_id, day("2024-03-03"), "冲销的冲销");
  ASSERT_FALSE(of_reversal.ok());
  EXPECT_EQ(of_reversal.error().code, "cannot-reverse-reversal");
  auto early = journal.reverse(journal.post(accrual("2024-05-01", yuan(1))).value().entry_id,
                               day("2024-04-30"), "倒签");
  ASSERT_FALSE(early.ok());
  EXPECT_EQ(early.error().code, "reversal-before-original");
  auto missing = journal.reverse(999'999, day("2024-04-30"), "无");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, "unknown-entry");
  EXPECT_EQ(count_rows(database(), "journal_entries"), 3);
}

TEST_F(LedgerTest, TwoConnectionsRacingToReverseOneEntryYieldOneReversal) {
  Journal journal(database());
  const auto original = journal.post(accrual("2024-03-01", yuan(10))).value();
  auto other_connection = test_database().connect();
  Journal other_journal(*other_connection);
  // The second reverser read the entry before the first committed; the
  // UNIQUE constraint on reverses_entry_id still stops it.
  Transaction first(database(), {"test.transaction", "test", ""});
  ASSERT_TRUE(journal.append_reversal(original.entry_id, day("2024-03-02"), "一").ok());
  first.commit();
  auto second = other_journal.reverse(original.entry_id, day("2024-03-02"), "二");
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().code, "already-reversed");
  EXPECT_EQ(count_rows(database(), "journal_entries"), 2);
}

TEST_F(LedgerTest, BalancesCoverSubtreesAndDates) {
  Transaction transaction(database(), {"test.transaction", "test", ""});
  ASSERT_TRUE(open_sub_account(database(), "bureau", "2303/XX2024-001/unit-a", "甲").ok());
  ASSERT_TRUE(open_sub_account(database(), "bureau", "2303/XX2024-001/unit-b", "乙").ok());
  ASSERT_TRUE(open_sub_account(database(), "bureau", "2303/XX2024-002", "二号").ok());
  transaction.commit();
  Journal journal(database());
  ASSERT_TRUE(journal.post(accrual("2024-03-01", yuan(120'000), "2303/XX2024-001/unit-a")).ok());
  ASSERT_TRUE(journal.post(accrual("2024-03-01", yuan(80'000), "2303/XX2024-001/unit-b")).ok());
  ASSERT_TRUE(journal.post(accrual("2024-04-01", yuan(100'000), "2303/XX2024-002")).ok());
  ASSERT_TRUE(journal.post(accrual("2024-05-01", yuan(7), "2303")).ok());
  const auto balance = [&](const char* code, const char* as_of, bool subtree) {
    return account_balance(database(), "bureau", code, day(as_of), subtree).value().balance();
  };
  EXPECT_EQ(balance("2303", "2024-12-31", true), yuan(300'007));
  EXPECT_EQ(balance("2303", "2024-12-31", false), yuan(7));
  EXPECT_EQ(balance("2303/XX2024-001", "2024-12-31", true), yuan(200'000));
  EXPECT_EQ(balance("2303/XX2024-001/unit-b", "2024-12-31", true), yuan(80'000));
  EXPECT_EQ(balance("2303", "2024-03-31", true), yuan(200'000));
  EXPECT_EQ(balance("2303", "2024-02-29", true), Money());
  EXPECT_EQ(balance("5001", "2024-12-31", true), yuan(300'007));
  const auto unknown = account_balance(database(), "bureau", "2303/none", std::nullopt, true);
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, "unknown-account");
}

TEST_F(LedgerTest, TrialBalanceSplitsOpeningAndPeriod) {
  Journal journal(database());
  ASSERT_TRUE(journal.post(accrual("2023-12-20", yuan(50))).ok());
  ASSERT_TRUE(journal.post(accrual("2024-02-01", yuan(30))).ok());
  ASSERT_TRUE(journal.post(accrual("2025-01-01", yuan(1'000))).ok());
  const auto report = trial_balance(database(), "bureau", day("2024-01-01"), day("2024-12-31")).value();
  ASSERT_EQ(report.rows.size(), 2u);
  EXPECT_EQ(report.rows[0].account_code, "2303");
  EXPECT_EQ(report.rows[0].opening_debit_minus_credit, yuan(-50));
  EXPECT_EQ(report.rows[0].period_credit, yuan(30));
  EXPECT_EQ(report.rows[0].closing_debit_minus_credit(), yuan(-80));
  EXPECT_EQ(report.rows[1].account_code, "5001");
  EXPECT_EQ(report.rows[1].period_debit, yuan(30));
  EXPECT_TRUE(report.financial.balanced());
  EXPECT_EQ(report.financial.closing_debit, yuan(80));
  EXPECT_EQ(report.financial.opening_credit, yuan(50));
  EXPECT_FALSE(trial_balance(database(), "nobody", std::nullopt, day("2024-12-31")).ok());
}

TEST_F(LedgerTest, BooksAndSubAccountsRefuseBadIdsAndDuplicates) {
  EXPECT_EQ(create_book(database(), Book{"bureau", "bureau", "又一个"}).error().code, "duplicate-book");
  EXPECT_EQ(create_book(database(), Book{"has space", "enterprise", "x"}).error().code, "bad-text");
  EXPECT_EQ(create_book(database(), Book{"u1", "no-such-chart", "x"}).error().code, "bad-chart");
  Transaction transaction(database(), {"test.transaction", "test", ""});
  EXPECT_EQ(open_sub_account(database(), "bureau", "6602/x", "x").error().code, "bad-account-code");
  EXPECT_EQ(open_sub_account(database(), "bureau", "2303//x", "x").error().code, "bad-account-code");
  EXPECT_EQ(open_sub_account(database(), "bureau", "2303/a b", "x").error().code, "bad-account-code");
  EXPECT_TRUE(open_sub_account(database(), "bureau", "2303/a/b/c", "c").ok());
  EXPECT_TRUE(find_account(database(), "bureau", "2303/a/b").has_value());
}

}  // namespace
}  // namespace jiangbu

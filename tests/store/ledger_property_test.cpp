// Property: whatever balanced entries are posted and reversed, every book's
// trial balance nets to exactly zero and every account equals an in-memory
// model; whatever unbalanced entries are offered, none leaves a trace.
#include <cstdlib>
#include <map>
#include <random>

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

constexpr int balanced_entries = 10'000;
constexpr int unbalanced_entries = 1'000;
constexpr double reversal_probability = 0.2;

struct BookAccounts {
  std::string book_id;
  std::vector<std::string> financial;
  std::vector<std::string> budget;
};

std::uint64_t seed_from_environment() {
  const char* text = std::getenv("JIANGBU_PROPERTY_SEED");
  return text == nullptr ? 20240301u : std::strtoull(text, nullptr, 10);
}

class LedgerPropertyTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    ASSERT_TRUE(create_book(database(), Book{"unit-e", "enterprise", "企业"}).ok());
    ASSERT_TRUE(create_book(database(), Book{"unit-n", "non-profit", "协会"}).ok());
    Transaction transaction(database(), {"test.transaction", "test", ""});
    for (const auto& [book, code] : {std::pair{"bureau", "2303/A1/unit-e"}, {"bureau", "2303/A1/unit-n"},
                                     {"unit-e", "1002/奖补专户"}, {"unit-e", "6601/宣传推介"},
                                     {"unit-n", "1002/奖补专户"}}) {
      ASSERT_TRUE(open_sub_account(database(), book, code, "子目").ok());
    }
    transaction.commit();
    for (const char* book_id : {"bureau", "unit-e", "unit-n"}) {
      BookAccounts accounts{book_id, {}, {}};
      for (const auto& account : list_accounts(database(), book_id)) {
        (account.basis == Basis::financial ? accounts.financial : accounts.budget).push_back(account.code);
      }
      books_.push_back(accounts);
    }
  }

  Money random_amount() {
    // Mostly everyday amounts, sometimes large ones near a province's budget.
    std::uniform_int_distribution<std::int64_t> small(1, 10'000'000);
    std::uniform_int_distribution<std::int64_t> large(1, 1'000'000'000'000);
    return Money::from_fen(random_() % 10 == 0 ? large(random_) : small(random_));
  }

  // Postings on one basis that net to `imbalance` (0 for a balanced group).
  void add_group(const std::vector<std::string>& codes, std::vector<PostingInput>& postings,
                 const Money& imbalance) {
    std::uniform_int_distribution<std::size_t> pick(0, codes.size() - 1);
    std::uniform_int_distribution<int> count(1, 4);
    Money debit_minus_credit;
    for (int line = count(random_); line > 0; --line) {
      const Money amount = random_amount();
      const Side side = random_() % 2 == 0 ? Side::debit : Side::credit;
      debit_minus_credit += side == Side::debit ? amount : -amount;
      postings.push_back({codes[pick(random_)], side, amount});
    }
    const Money closing = imbalance - debit_minus_credit;
    if (closing.is_zero()) {
      // Already nets to the target: close with a pair that nets to zero.
      postings.push_back({codes[pick(random_)], Side::debit, Money::from_fen(1)});
      postings.push_back({codes[pick(random_)], Side::credit, Money::from_fen(1)});
    } else {
      postings.push_back({codes[pick(random_)], closing.is_positive() ? Side::debit : Side::credit,
                          closing.absolute()});
    }
  }

  EntryInput random_entry(const Money& imbalance, bool unbalance_budget) {
    const BookAccounts& book = books_[random_() % books_.size()];
    std::uniform_int_distribution<int> day(0, 3 * 365);
    EntryInput input{book.book_id, Date::from_parts(2024, 1, 1).plus_days(day(random_)), "随机凭证", "property", {}};
    const bool budget = !book.budget.empty() && random_() % 2 == 0;
    add_group(book.financial, input.postings, unbalance_budget && budget ? Money() : imbalance);
    if (budget) add_group(book.budget, input.postings, unbalance_budget ? imbalance : Money());
    return input;
  }

  void apply_to_model(const std::string& book_id, const std::vector<Posting>& postings) {
    for (const auto& posting : postings) {
      Money& balance = model_[{book_id, posting.account_code}];
      balance += posting.side == Side::debit ? posting.amount : -posting.amount;
    }
  }

  long long scalar(const std::string& sql) {
    long long value = 0;
    database().session() << sql, soci::into(value);
    return value;
  }

  std::mt19937_64 random_{seed_from_environment()};
  std::vector<BookAccounts> books_;
  std::map<std::pair<std::string, std::string>, Money> model_;
};

TEST_F(LedgerPropertyTest, RandomBalancedEntriesAndReversalsKeepEveryBookAtZero) {
  Journal journal(database());
  std::vector<JournalEntry> reversible;
  std::bernoulli_distribution reverse_one(reversal_probability);
  int reversals = 0;
  for (int index = 0; index < balanced_entries; ++index) {
    auto posted = journal.post(random_entry(Money(), false));
    ASSERT_TRUE(posted.ok()) << "entry " << index << ": " << posted.error().describe();
    apply_to_model(posted.value().book_id, posted.value().postings);
    reversible.push_back(std::move(posted).value());
    if (reverse_one(random_)) {
      const std::size_t pick = random_() % reversible.size();
      const JournalEntry original = reversible[pick];
      reversible.erase(reversible.begin() + static_cast<std::ptrdiff_t>(pick));
      auto reversal = journal.reverse(original.entry_id, original.entry_date.plus_days(static_cast<int>(random_() % 30)), "随机冲销");
      ASSERT_TRUE(reversal.ok()) << reversal.error().describe();
      apply_to_model(original.book_id, reversal.value().postings);
      ++reversals;
    }
  }
  EXPECT_GT(reversals, balanced_entries / 10);
  const Date end = Date::from_parts(2030, 12, 31);
  for (const auto& book : books_) {
    const auto report = trial_balance(database(), book.book_id, std::nullopt, end).value();
    Money net;
    for (const auto& row : report.rows) {
      net += row.closing_debit_minus_credit();
      EXPECT_EQ(row.closing_debit_minus_credit(), (model_[{book.book_id, row.account_code}]))
          << book.book_id << " " << row.account_code;
    }
    EXPECT_TRUE(net.is_zero()) << book.book_id << " nets to " << net;
    EXPECT_TRUE(report.financial.balanced()) << book.book_id;
    EXPECT_TRUE(report.budget.balanced()) << book.book_id;
    EXPECT_EQ(report.financial.period_debit, report.financial.period_credit);
  }
  EXPECT_EQ(scalar("SELECT count(*) FROM journal_entries"), balanced_entries + reversals);
}

TEST_F(LedgerPropertyTest, RandomUnbalancedEntriesAreAllRefusedAndLeaveNothingBehind) {
  Journal journal(database());
  // Some history first, so "nothing behind" is measured against a non-empty ledger.
  for (int index = 0; index < 50; ++index) ASSERT_TRUE(journal.post(random_entry(Money(), false)).ok());
  const long long entries_before = scalar("SELECT count(*) FROM journal_entries");
  const long long postings_before = scalar("SELECT count(*) FROM postings");
  const long long sequences_before = scalar("SELECT count(*) FROM voucher_sequences");
  const long long numbers_before = scalar("SELECT COALESCE(SUM(last_number), 0) FROM voucher_sequences");
  std::uniform_int_distribution<std::int64_t> gap(-1'000'000, 1'000'000);
  for (int index = 0; index < unbalanced_entries; ++index) {
    std::int64_t gap_fen = gap(random_);
    if (gap_fen == 0) gap_fen = 1;
    EntryInput input = random_entry(Money::from_fen(gap_fen), random_() % 2 == 0);
    if (index % 10 == 0) input.entry_date = Date::from_parts(2031, 6, 1);  // a year with no vouchers yet
    auto refused = journal.post(input);
    ASSERT_FALSE(refused.ok()) << "unbalanced entry " << index << " was accepted";
    EXPECT_EQ(refused.error().code, "unbalanced-entry");
  }
  EXPECT_EQ(scalar("SELECT count(*) FROM journal_entries"), entries_before);
  EXPECT_EQ(scalar("SELECT count(*) FROM postings"), postings_before);
  EXPECT_EQ(scalar("SELECT count(*) FROM voucher_sequences"), sequences_before);
  EXPECT_EQ(scalar("SELECT COALESCE(SUM(last_number), 0) FROM voucher_sequences"), numbers_before);
}

}  // namespace
}  // namespace jiangbu

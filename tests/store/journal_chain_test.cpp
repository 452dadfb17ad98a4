// The journal's hash chain on both backends: untouched ledgers verify clean
// with a stable head; every kind of tampering done as the database owner
// with the append-only triggers out of the way is found and the right entry
// named; a chain rewritten whole is caught only against a recorded head;
// concurrent writers on one book still build one unbroken chain.
#include <thread>

#include <gtest/gtest.h>

#include "demo/award_scenario.hpp"
#include "ledger/books.hpp"
#include "ledger/accounts.hpp"
#include "ledger/journal.hpp"
#include "ledger/journal_chain.hpp"
#include "ledger/journal_verify.hpp"
#include "store/transaction.hpp"
#include "support/test_database.hpp"

namespace jiangbu {
namespace {

using testing::StoreTest;

Date day(const char* text) { return Date::parse(text).value(); }

EntryInput accrual(const std::string& book, const char* date, std::int64_t amount_yuan,
                   const std::string& memo = "计提奖补") {
  const Money amount = Money::from_yuan(amount_yuan);
  return EntryInput{book, day(date), memo, "award:T-1",
                    {{"5001", Side::debit, amount}, {"2303", Side::credit, amount}}};
}

JournalVerification verified(Database& database, const VerifyOptions& options = {}) {
  auto verification = verify_journal(database, options);
  EXPECT_TRUE(verification.ok()) << verification.error().describe();
  return verification.value();
}

const ChainVerification& chain_of(const JournalVerification& verification, const std::string& book, int year) {
  for (const auto& chain : verification.chains) {
    if (chain.head.book_id == book && chain.head.fiscal_year == year) return chain;
  }
  ADD_FAILURE() << "no chain " << book << " " << year;
  return verification.chains.front();
}

class JournalChainTest : public StoreTest {
 protected:
  // Two books, two years, a reversal: bureau 2024 has vouchers 1..4 (4 is
  // the reversal of 2), bureau 2025 has 1..2, second 2024 has 1..2.
  void SetUp() override {
    StoreTest::SetUp();
    ASSERT_TRUE(create_book(database(), Book{"second", "bureau", "第二账簿"}).ok());
    Journal journal(database());
    for (const auto& input : {accrual("bureau", "2024-03-01", 100), accrual("bureau", "2024-03-02", 200),
                              accrual("second", "2024-03-02", 300), accrual("bureau", "2024-04-01", 400),
                              accrual("bureau", "2025-01-05", 500), accrual("second", "2024-05-01", 600),
                              accrual("bureau", "2025-02-01", 700)}) {
      auto posted = journal.post(input);
      ASSERT_TRUE(posted.ok()) << posted.error().describe();
      entries_.push_back(posted.value());
    }
    auto reversal = journal.reverse(entries_[1].entry_id, day("2024-04-02"), "金额有误");
    ASSERT_TRUE(reversal.ok());
    entries_.push_back(reversal.value());
  }

  // Raw SQL as the database owner, with the append-only triggers out of the
  // way (SQLite: dropped and recreated; PostgreSQL: disabled and enabled).
  void tamper(const std::string& sql) {
    auto connection = test_database().connect();
    auto& session = connection->session();
    const std::vector<std::string> tables{"journal_entries", "postings", "journal_hashes", "journal_chain_start"};
    if (connection->backend() == Backend::sqlite) {
      std::vector<std::pair<std::string, std::string>> triggers;
      std::string name;
      std::string definition;
      soci::statement list = (session.prepare << "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
                                                 "AND tbl_name IN ('journal_entries', 'postings', 'journal_hashes', 'journal_chain_start')",
                              soci::into(name), soci::into(definition));
      list.execute();
      while (list.fetch()) triggers.emplace_back(name, definition);
      ASSERT_FALSE(triggers.empty());
      for (const auto& trigger : triggers) connection->execute_script("DROP TRIGGER " + trigger.first);
      connection->execute_script(sql);
      for (const auto& trigger : triggers) connection->execute_script(trigger.second);
    } else {
      std::string script = "BEGIN;";
      for (const auto& table : tables) script += "ALTER TABLE " + table + " DISABLE TRIGGER USER;";
      script += sql + ";";
      for (const auto& table : tables) script += "ALTER TABLE " + table + " ENABLE TRIGGER USER;";
      connection->execute_script(script + "COMMIT;");
    }
  }

  std::string id(std::size_t index) const { return std::to_string(entries_[index].entry_id); }

  void expect_problem(const JournalVerification& verification, const std::string& book, int year,
                      ChainProblemKind kind, std::size_t named_index) {
    EXPECT_FALSE(verification.intact());
    const auto& chain = chain_of(verification, book, year);
    ASSERT_TRUE(chain.problem.has_value());
    EXPECT_EQ(chain_problem_name(chain.problem->kind), chain_problem_name(kind)) << chain.problem->message;
    EXPECT_EQ(chain.problem->entry_id, entries_[named_index].entry_id) << chain.problem->message;
    EXPECT_EQ(chain.problem->voucher_number, entries_[named_index].voucher_number);
    for (const auto& other : verification.chains) {
      if (&other != &chain) {
        EXPECT_FALSE(other.problem.has_value()) << other.head.book_id << other.head.fiscal_year;
      }
    }
  }

  std::vector<JournalEntry> entries_;
};

TEST_F(JournalChainTest, AnUntouchedLedgerVerifiesCleanWithAStableHead) {
  const auto first = verified(database());
  ASSERT_TRUE(first.intact());
  ASSERT_EQ(first.chains.size(), 3u);
  EXPECT_EQ(first.head.entry_count, 8);
  EXPECT_EQ(chain_of(first, "bureau", 2024).head.entry_count, 4);
  EXPECT_EQ(chain_of(first, "bureau", 2025).head.entry_count, 2);
  EXPECT_EQ(chain_of(first, "second", 2024).head.entry_count, 2);
  EXPECT_TRUE(is_sha256_hex(first.head.combined_hash));
  // Verification is read-only and repeatable; small pages give the same answer.
  EXPECT_EQ(verified(database()).head.combined_hash, first.head.combined_hash);
  VerifyOptions small_pages;
  small_pages.page_entries = 1;
  EXPECT_EQ(verified(database(), small_pages).head.combined_hash, first.head.combined_hash);
  // The head the stored rows give (what reports print) is the recomputed one.
  const auto stored = stored_journal_head(database());
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored.value().combined_hash, first.head.combined_hash);
  EXPECT_EQ(stored.value().entry_count, 8);
  // The first entry of a chain links to the genesis, the next to it.
  std::string previous;
  database().session() << "SELECT previous_hash FROM journal_hashes WHERE entry_id = :id",
      soci::use(entries_[0].entry_id), soci::into(previous);
  EXPECT_EQ(previous, chain_genesis_hash("bureau", 2024));
  std::string sealed;
  database().session() << "SELECT entry_hash FROM journal_hashes WHERE entry_id = :id",
      soci::use(entries_[0].entry_id), soci::into(sealed);
  EXPECT_EQ(entry_chain_hash(entries_[0], previous), sealed);
}

TEST_F(JournalChainTest, HashRowsAreAppendOnlyLikeTheJournal) {
  auto connection = test_database().connect();
  for (const std::string sql : {"UPDATE journal_hashes SET entry_hash = previous_hash",
                                "DELETE FROM journal_hashes", "UPDATE journal_chain_start SET legacy_entry_id_max = 0"}) {
    std::string error;
    try {
      connection->execute_script(sql);
    } catch (const soci::soci_error& refused) {
      error = refused.what();
    }
    EXPECT_NE(error.find("append-only"), std::string::npos) << sql << ": " << error;
  }
  EXPECT_TRUE(verified(database()).intact());
}

TEST_F(JournalChainTest, AnotherEntryMovesTheHead) {
  const auto before = verified(database()).head.combined_hash;
  Journal journal(database());
  ASSERT_TRUE(journal.post(accrual("second", "2024-06-01", 1)).ok());
  const auto after = verified(database());
  EXPECT_TRUE(after.intact());
  EXPECT_NE(after.head.combined_hash, before);
  EXPECT_EQ(after.head.entry_count, 9);
  EXPECT_EQ(stored_journal_head(database()).value().combined_hash, after.head.combined_hash);
}

TEST_F(JournalChainTest, ABookAloneVerifiesWithItsOwnHead) {
  VerifyOptions options;
  options.book_id = "second";
  const auto second = verified(database(), options);
  ASSERT_TRUE(second.intact());
  ASSERT_EQ(second.chains.size(), 1u);
  EXPECT_EQ(second.head.entry_count, 2);
  EXPECT_NE(second.head.combined_hash, verified(database()).head.combined_hash);
}

TEST_F(JournalChainTest, APostingAmountEditedIsNamed) {
  // Both lines, so that the entry still balances: only the chain can tell.
  tamper("UPDATE postings SET debit_fen = debit_fen + 100 WHERE entry_id = " + id(1) +
         " AND line_number = 1; UPDATE postings SET credit_fen = credit_fen + 100 WHERE entry_id = " + id(1) +
         " AND line_number = 2");
  expect_problem(verified(database()), "bureau", 2024, ChainProblemKind::content_changed, 1);
  EXPECT_EQ(chain_of(verified(database()), "bureau", 2024).problem->entry_date, "2024-03-02");
}

TEST_F(JournalChainTest, AMemoEditedIsNamed) {
  tamper("UPDATE journal_entries SET memo = '计提奖补（改）' WHERE entry_id = " + id(4));
  expect_problem(verified(database()), "bureau", 2025, ChainProblemKind::content_changed, 4);
}

TEST_F(JournalChainTest, APostingMovedToAnotherDateIsNamed) {
  // postings.entry_date is what dated balances read; it is not hashed, it must equal the entry's.
  tamper("UPDATE postings SET entry_date = '2024-12-31' WHERE entry_id = " + id(3) + " AND line_number = 2");
  expect_problem(verified(database()), "bureau", 2024, ChainProblemKind::content_changed, 3);
}

TEST_F(JournalChainTest, APostingDeletedIsNamed) {
  tamper("DELETE FROM postings WHERE entry_id = " + id(5) + " AND line_number = 2");
  expect_problem(verified(database()), "second", 2024, ChainProblemKind::postings_changed, 5);
}

TEST_F(JournalChainTest, APostingAddedIsNamed) {
  tamper("INSERT INTO postings (entry_id, line_number, book_id, entry_date, account_code, debit_fen, credit_fen) "
         "VALUES (" + id(0) + ", 3, 'bureau', '2024-03-01', '5001', 1, 0)");
  expect_problem(verified(database()), "bureau", 2024, ChainProblemKind::postings_changed, 0);
}

TEST_F(JournalChainTest, AnEntryDeletedLeavesAGapBeforeTheNextOne) {
  // bureau 2024: voucher 2 (entries_[1]) is reversed by voucher 4; delete voucher 3 instead.
  tamper("DELETE FROM postings WHERE entry_id = " + id(3) + "; DELETE FROM journal_hashes WHERE entry_id = " +
         id(3) + "; DELETE FROM journal_entries WHERE entry_id = " + id(3));
  expect_problem(verified(database()), "bureau", 2024, ChainProblemKind::voucher_gap, 7);
}

TEST_F(JournalChainTest, TheLastEntryDeletedIsFoundByTheCounter) {
  tamper("DELETE FROM postings WHERE entry_id = " + id(6) + "; DELETE FROM journal_hashes WHERE entry_id = " +
         id(6) + "; DELETE FROM journal_entries WHERE entry_id = " + id(6));
  // The chain now ends at entries_[4] (bureau 2025 voucher 1); the counter says 2.
  expect_problem(verified(database()), "bureau", 2025, ChainProblemKind::missing_at_end, 4);
}

TEST_F(JournalChainTest, AHashRowRewrittenIsNamed) {
  tamper("UPDATE journal_hashes SET entry_hash = '" + sha256_hex("forged") + "' WHERE entry_id = " + id(0));
  expect_problem(verified(database()), "bureau", 2024, ChainProblemKind::content_changed, 0);
}

TEST_F(JournalChainTest, AnEntryResealedAfterAnEditBreaksTheNextLink) {
  // The forger edits an amount and recomputes that entry's hash, but not the
  // chain after it: the next entry's link names the break.
  tamper("UPDATE postings SET debit_fen = 1 WHERE entry_id = " + id(0) + " AND line_number = 1;"
         "UPDATE postings SET credit_fen = 1 WHERE entry_id = " + id(0) + " AND line_number = 2");
  Journal journal(database());
  const auto edited = journal.find(entries_[0].entry_id);
  ASSERT_TRUE(edited);
  tamper("UPDATE journal_hashes SET entry_hash = '" + entry_chain_hash(*edited, chain_genesis_hash("bureau", 2024)) +
         "' WHERE entry_id = " + id(0));
  expect_problem(verified(database()), "bureau", 2024, ChainProblemKind::link_broken, 1);
}

TEST_F(JournalChainTest, AHashRowMissingIsNamed) {
  tamper("DELETE FROM journal_hashes WHERE entry_id = " + id(2));
  expect_problem(verified(database()), "second", 2024, ChainProblemKind::hash_row_missing, 2);
}

TEST_F(JournalChainTest, AChainRewrittenWholeIsCaughtOnlyByTheRecordedHead) {
  const std::string recorded = verified(database()).head.combined_hash;
  // Edit entry 0's amount and reseal every entry of bureau 2024 after it.
  tamper("UPDATE postings SET debit_fen = 1 WHERE entry_id = " + id(0) + " AND line_number = 1;"
         "UPDATE postings SET credit_fen = 1 WHERE entry_id = " + id(0) + " AND line_number = 2");
  Journal journal(database());
  std::string previous = chain_genesis_hash("bureau", 2024);
  std::string rewrite;
  for (const std::size_t index : {0u, 1u, 3u, 7u}) {
    const auto entry = journal.find(entries_[index].entry_id);
    ASSERT_TRUE(entry);
    const std::string hash = entry_chain_hash(*entry, previous);
    rewrite += "UPDATE journal_hashes SET previous_hash = '" + previous + "', entry_hash = '" + hash +
               "' WHERE entry_id = " + id(index) + ";";
    previous = hash;
  }
  tamper(rewrite);
  const auto after = verified(database());
  EXPECT_TRUE(after.intact());
  EXPECT_NE(after.head.combined_hash, recorded);
}

TEST_F(JournalChainTest, LegacyEntriesAreSealedInVoucherOrderReproducingTheChain) {
  const std::string sealed_head = verified(database()).head.combined_hash;
  // Pretend every entry predates migration 0006: no hash rows, all legacy.
  tamper("DELETE FROM journal_hashes; UPDATE journal_chain_start SET legacy_entry_id_max = " + id(7));
  EXPECT_FALSE(verified(database()).intact());
  auto sealed = seal_legacy_entries(database());
  ASSERT_TRUE(sealed.ok()) << sealed.error().describe();
  EXPECT_EQ(sealed.value(), 8);
  const auto after = verified(database());
  EXPECT_TRUE(after.intact());
  EXPECT_EQ(after.head.combined_hash, sealed_head);
  EXPECT_EQ(seal_legacy_entries(database()).value(), 0);
}

TEST_F(JournalChainTest, AnEntryPostedUnsealedAfterTheMigrationStaysAFinding) {
  Journal unsealed(database(), JournalSealing::unsealed);
  const auto posted = unsealed.post(accrual("second", "2024-07-01", 9));
  ASSERT_TRUE(posted.ok());
  EXPECT_EQ(seal_legacy_entries(database()).value(), 0);
  const auto verification = verified(database());
  const auto& chain = chain_of(verification, "second", 2024);
  ASSERT_TRUE(chain.problem);
  EXPECT_EQ(chain.problem->kind, ChainProblemKind::hash_row_missing);
  EXPECT_EQ(chain.problem->entry_id, posted.value().entry_id);
  // Posting after it is refused: its predecessor has no hash row.
  Journal journal(database());
  const auto next = journal.post(accrual("second", "2024-07-02", 9));
  ASSERT_FALSE(next.ok());
  EXPECT_EQ(next.error().code, "journal-chain-broken");
}

TEST_F(JournalChainTest, ConcurrentWritersOnOneBookBuildOneUnbrokenChain) {
  constexpr int writers = 4;
  constexpr int entries_per_writer = 25;
  std::vector<std::thread> threads;
  std::vector<int> failures(writers, 0);
  for (int writer = 0; writer < writers; ++writer) {
    threads.emplace_back([this, writer, &failures] {
      auto connection = test_database().connect();
      Journal journal(*connection);
      for (int index = 0; index < entries_per_writer; ++index) {
        if (!journal.post(accrual("bureau", "2024-08-01", writer * 100 + index + 1)).ok()) ++failures[writer];
      }
    });
  }
  for (auto& thread : threads) thread.join();
  for (int writer = 0; writer < writers; ++writer) EXPECT_EQ(failures[writer], 0);
  const auto verification = verified(database());
  EXPECT_TRUE(verification.intact());
  EXPECT_EQ(chain_of(verification, "bureau", 2024).head.entry_count, 4 + writers * entries_per_writer);
}

using JournalChainDemoTest = StoreTest;

TEST_F(JournalChainDemoTest, TheDemoScenarioVerifiesClean) {
  auto scenario = run_award_scenario(database());
  ASSERT_TRUE(scenario.ok()) << scenario.error().describe();
  const auto verification = verified(database());
  EXPECT_TRUE(verification.intact());
  long long entries = 0;
  database().session() << "SELECT count(*) FROM journal_entries", soci::into(entries);
  EXPECT_EQ(verification.head.entry_count, entries);
  EXPECT_GT(verification.chains.size(), 3u);
  EXPECT_EQ(stored_journal_head(database()).value().combined_hash, verification.head.combined_hash);
}

}  // namespace
}  // namespace jiangbu

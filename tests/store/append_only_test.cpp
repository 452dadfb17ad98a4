// The journal refuses UPDATE and DELETE even from SQL sent around the
// application, on both backends; amounts are stored as exact integers.
#include <gtest/gtest.h>

#include "ledger/journal.hpp"
#include "support/test_database.hpp"

namespace jiangbu {
namespace {

using testing::StoreTest;

class AppendOnlyTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    Journal journal(database());
    EntryInput input{"bureau", Date::parse("2024-03-01").value(), "计提", "",
                     {{"5001", Side::debit, Money::from_yuan(100)},
                      {"2303", Side::credit, Money::from_yuan(100)}}};
    ASSERT_TRUE(journal.post(input).ok());
  }

  // Runs raw SQL on a separate connection; returns the database's error text.
  std::string raw_sql_error(const std::string& sql) {
    auto connection = test_database().connect();
    try {
      connection->execute_script(sql);
    } catch (const soci::soci_error& error) {
      return error.what();
    }
    return {};
  }

  long long debit_total_fen() {
    long long total = 0;
    database().session() << "SELECT COALESCE(SUM(debit_fen), 0) FROM postings", soci::into(total);
    return total;
  }
};

TEST_F(AppendOnlyTest, UpdateOfAPostingIsRefusedByTheDatabase) {
  const std::string error = raw_sql_error("UPDATE postings SET debit_fen = 1 WHERE debit_fen > 0");
  EXPECT_NE(error.find("append-only"), std::string::npos) << error;
  EXPECT_EQ(debit_total_fen(), 10'000);
}

TEST_F(AppendOnlyTest, DeleteOfAPostingIsRefusedByTheDatabase) {
  const std::string error = raw_sql_error("DELETE FROM postings");
  EXPECT_NE(error.find("append-only"), std::string::npos) << error;
  EXPECT_EQ(debit_total_fen(), 10'000);
}

TEST_F(AppendOnlyTest, UpdateOfAnEntryIsRefusedByTheDatabase) {
  const std::string error = raw_sql_error("UPDATE journal_entries SET memo = '改' ");
  EXPECT_NE(error.find("append-only"), std::string::npos) << error;
  std::string memo;
  database().session() << "SELECT memo FROM journal_entries", soci::into(memo);
  EXPECT_EQ(memo, "计提");
}

TEST_F(AppendOnlyTest, DeleteOfAnEntryIsRefusedByTheDatabase) {
  const std::string error = raw_sql_error("DELETE FROM journal_entries");
  EXPECT_NE(error.find("append-only"), std::string::npos) << error;
  long long count = 0;
  database().session() << "SELECT count(*) FROM journal_entries", soci::into(count);
  EXPECT_EQ(count, 1);
}

TEST_F(AppendOnlyTest, TruncateIsRefusedOnPostgresql) {
  if (database().backend() != Backend::postgresql) {
    // SQLite has no TRUNCATE; DELETE without WHERE is covered above.
    EXPECT_NE(raw_sql_error("TRUNCATE postings"), "");
    return;
  }
  EXPECT_NE(raw_sql_error("TRUNCATE postings CASCADE").find("append-only"), std::string::npos);
  EXPECT_NE(raw_sql_error("TRUNCATE journal_entries CASCADE").find("append-only"), std::string::npos);
  EXPECT_EQ(debit_total_fen(), 10'000);
}

TEST_F(AppendOnlyTest, AmountColumnsRefuseFractionsAndFloatingPoint) {
  // A hand-written insert of a fractional amount must not be stored.
  const std::string error = raw_sql_error(
      "INSERT INTO postings (entry_id, line_number, book_id, entry_date, account_code, debit_fen, "
      "credit_fen) SELECT entry_id, 9, book_id, entry_date, '5001', 1.5, 0 FROM journal_entries");
  EXPECT_NE(error, "") << "a fractional fen amount was accepted";
  EXPECT_EQ(debit_total_fen(), 10'000);
}

TEST_F(AppendOnlyTest, NoMoneyColumnIsFloatingPoint) {
  std::vector<std::string> types;
  if (database().backend() == Backend::postgresql) {
    std::string type;
    soci::statement statement =
        (database().session().prepare << "SELECT data_type FROM information_schema.columns "
                                         "WHERE table_schema = current_schema()",
         soci::into(type));
    statement.execute();
    while (statement.fetch()) types.push_back(type);
  } else {
    for (const char* table : {"postings", "journal_entries", "voucher_sequences", "accounts"}) {
      std::string type;
      std::string name;
      soci::statement statement =
          (database().session().prepare << std::string("SELECT name, type FROM pragma_table_info('") + table + "')",
           soci::into(name), soci::into(type));
      statement.execute();
      while (statement.fetch()) types.push_back(type);
    }
  }
  ASSERT_FALSE(types.empty());
  for (const auto& type : types) {
    EXPECT_EQ(type.find("real"), std::string::npos) << type;
    EXPECT_EQ(type.find("REAL"), std::string::npos) << type;
    EXPECT_EQ(type.find("double"), std::string::npos) << type;
    EXPECT_EQ(type.find("DOUBLE"), std::string::npos) << type;
    EXPECT_EQ(type.find("FLOAT"), std::string::npos) << type;
  }
}

}  // namespace
}  // namespace jiangbu

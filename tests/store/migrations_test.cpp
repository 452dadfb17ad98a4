// Schema versioning: init migrates, start-up refuses a database that is
// uninitialised, edited, or newer than the program.
#include <gtest/gtest.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <chrono>
#include <thread>

#include "store/migrations.hpp"
#include "support/scratch_directory.hpp"
#include "support/test_database.hpp"

namespace jiangbu {
namespace {

using testing::TestDatabase;

class MigrationsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    try {
      test_database_ = std::make_unique<TestDatabase>();
    } catch (const std::exception& error) {
      FAIL() << error.what();
    }
  }
  Database& database() { return test_database_->database(); }
  std::unique_ptr<TestDatabase> test_database_;
};

TEST_F(MigrationsTest, AFreshDatabaseIsRefusedUntilInitialised) {
  auto status = check_schema(database());
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, "schema-out-of-date");
  EXPECT_NE(status.error().message.find("jiangbu init"), std::string::npos);
  auto applied = apply_migrations(database());
  ASSERT_TRUE(applied.ok()) << applied.error().describe();
  EXPECT_EQ(applied.value().applied_version, static_cast<int>(bundled_migrations(database().backend()).size()));
  EXPECT_TRUE(check_schema(database()).ok());
}

TEST_F(MigrationsTest, ApplyingTwiceChangesNothing) {
  ASSERT_TRUE(apply_migrations(database()).ok());
  ASSERT_TRUE(apply_migrations(database()).ok());
  long long count = 0;
  database().session() << "SELECT count(*) FROM schema_migrations", soci::into(count);
  EXPECT_EQ(count, static_cast<long long>(bundled_migrations(database().backend()).size()));
}

TEST_F(MigrationsTest, AnEditedMigrationIsDetected) {
  ASSERT_TRUE(apply_migrations(database()).ok());
  database().session() << "UPDATE schema_migrations SET checksum = 'edited' WHERE version = 1";
  auto status = check_schema(database());
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, "schema-tampered");
}

TEST_F(MigrationsTest, ADatabaseFromANewerProgramIsRefused) {
  ASSERT_TRUE(apply_migrations(database()).ok());
  database().session() << "INSERT INTO schema_migrations (version, name, checksum, applied_at) "
                          "VALUES (9998, '9998_future', 'x', 'now')";
  auto status = check_schema(database());
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, "schema-newer-than-program");
}

TEST_F(MigrationsTest, BothBackendsBundleTheSameVersions) {
  const auto sqlite = bundled_migrations(Backend::sqlite);
  const auto postgresql = bundled_migrations(Backend::postgresql);
  ASSERT_EQ(sqlite.size(), postgresql.size());
  for (std::size_t index = 0; index < sqlite.size(); ++index) {
    EXPECT_EQ(sqlite[index].name, postgresql[index].name);
  }
}

TEST(DatabaseLocationTest, PasswordsNeverAppearInTheRedactedForm) {
  const auto location = parse_database_location("postgresql://clerk:s3cret@db.example:5432/ledger");
  ASSERT_TRUE(location.ok());
  EXPECT_EQ(location.value().backend, Backend::postgresql);
  EXPECT_EQ(location.value().redacted.find("s3cret"), std::string::npos);
  EXPECT_EQ(redact_connection_text("host=x password=s3cret user=y").find("s3cret"), std::string::npos);
  EXPECT_EQ(parse_database_location("sqlite:/tmp/x.db").value().connection, "/tmp/x.db");
  EXPECT_EQ(parse_database_location("./j.db").value().backend, Backend::sqlite);
  EXPECT_FALSE(parse_database_location("").ok());
  EXPECT_FALSE(parse_database_location("a\nb").ok());
}

TEST(DatabaseLocationTest, AnUnreachableServerIsAStorageErrorWithoutThePassword) {
  const auto location = parse_database_location("postgresql://clerk:s3cret@127.0.0.1:1/none?connect_timeout=2");
  auto database = Database::open(location.value());
  ASSERT_FALSE(database.ok());
  EXPECT_EQ(database.error().code, "storage-unavailable");
  EXPECT_EQ(database.error().message.find("s3cret"), std::string::npos) << database.error().message;
}

// Found by CI: eight writers opening connections at once, one failed with
// "database is locked" on the journal-mode pragma, because the busy timeout
// was set after it. A connection opened while another holds the file must
// wait for it, as every later statement does.
TEST(DatabaseOpenTest, ASqliteFileLockedByAnotherConnectionIsWaitedForNotRefused) {
  testing::ScratchDirectory scratch("open-locked");
  const auto file = (scratch.path() / "locked.db").string();
  soci::session holder(soci::sqlite3, "db=\"" + file + "\"");
  holder << "PRAGMA journal_mode = DELETE";  // rollback mode: an exclusive lock keeps readers out too
  holder << "CREATE TABLE t (x INTEGER)";
  holder << "BEGIN EXCLUSIVE";
  holder << "INSERT INTO t VALUES (1)";
  std::thread releaser([&holder] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    holder << "COMMIT";
  });
  auto opened = Database::open(parse_database_location("sqlite:" + file).value());
  releaser.join();
  ASSERT_TRUE(opened.ok()) << opened.error().describe();
  std::string mode;
  opened.value()->session() << "PRAGMA journal_mode", soci::into(mode);
  EXPECT_EQ(mode, "wal");
}

}  // namespace
}  // namespace jiangbu

#pragma once
// A fresh, initialised ledger database for one test, on the backend named by
// JIANGBU_TEST_BACKEND ("sqlite" or "postgresql"). SQLite tests get a file in
// a temporary folder; PostgreSQL tests get a schema of their own in the
// database at JIANGBU_TEST_POSTGRESQL_URL, dropped afterwards. A PostgreSQL
// test whose server is missing fails; it never skips.
#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "store/database.hpp"

namespace jiangbu::testing {

Backend backend_under_test();

class TestDatabase {
 public:
  TestDatabase();  // throws std::runtime_error when the backend is unreachable
  ~TestDatabase();
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  Database& database() { return *primary_; }
  const DatabaseLocation& location() const { return location_; }
  // Another connection to the same database, for concurrency and raw SQL.
  std::unique_ptr<Database> connect() const;

 private:
  DatabaseLocation location_;
  std::string sqlite_folder_;
  std::string postgresql_schema_;
  std::unique_ptr<Database> primary_;
};

// Fixture: every test starts with migrations applied, charts seeded and the
// bureau book open.
class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override { test_database_.reset(); }
  Database& database() { return test_database_->database(); }
  TestDatabase& test_database() { return *test_database_; }

 private:
  std::unique_ptr<TestDatabase> test_database_;
};

}  // namespace jiangbu::testing

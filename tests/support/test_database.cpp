#include "support/test_database.hpp"

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <stdexcept>

#include <spdlog/spdlog.h>
#include <unistd.h>

#include "ledger/books.hpp"
#include "policy/policy_store.hpp"
#include "store/migrations.hpp"

namespace jiangbu::testing {

namespace {

std::string environment(const char* name) {
  const char* value = std::getenv(name);
  return value == nullptr ? std::string() : std::string(value);
}

std::string unique_suffix() {
  static std::atomic<int> counter{0};
  std::random_device random;
  return std::to_string(getpid()) + "_" + std::to_string(counter++) + "_" +
         std::to_string(random() % 1'000'000);
}

std::unique_ptr<Database> open_or_throw(const DatabaseLocation& location) {
  auto database = Database::open(location);
  if (!database) throw std::runtime_error(database.error().message);
  return std::move(database).value();
}

std::string with_search_path(const std::string& url, const std::string& schema) {
  const char separator = url.find('?') == std::string::npos ? '?' : '&';
  return url + separator + "options=-csearch_path%3D" + schema;
}

}  // namespace

Backend backend_under_test() {
  const std::string name = environment("JIANGBU_TEST_BACKEND");
  if (name.empty() || name == "sqlite") return Backend::sqlite;
  if (name == "postgresql") return Backend::postgresql;
  throw std::runtime_error("JIANGBU_TEST_BACKEND must be sqlite or postgresql, not " + name);
}

TestDatabase::TestDatabase() {
  if (backend_under_test() == Backend::sqlite) {
    std::string pattern = (std::filesystem::temp_directory_path() / "jiangbu-test-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    sqlite_folder_ = pattern;
    location_ = parse_database_location(sqlite_folder_ + "/ledger.db").value();
  } else {
    const std::string url = environment("JIANGBU_TEST_POSTGRESQL_URL");
    if (url.empty()) {
      throw std::runtime_error(
          "JIANGBU_TEST_POSTGRESQL_URL is not set: run the suite through scripts/test.sh, "
          "which starts a throwaway PostgreSQL");
    }
    postgresql_schema_ = "test_" + unique_suffix();
    auto administrator = open_or_throw(parse_database_location(url).value());
    administrator->execute_script("CREATE SCHEMA " + postgresql_schema_);
    location_ = parse_database_location(with_search_path(url, postgresql_schema_)).value();
  }
  primary_ = open_or_throw(location_);
}

TestDatabase::~TestDatabase() {
  primary_.reset();
  if (!sqlite_folder_.empty()) {
    std::error_code ignored;
    std::filesystem::remove_all(sqlite_folder_, ignored);
  }
  if (!postgresql_schema_.empty()) {
    try {
      auto administrator = open_or_throw(
          parse_database_location(environment("JIANGBU_TEST_POSTGRESQL_URL")).value());
      administrator->execute_script("DROP SCHEMA " + postgresql_schema_ + " CASCADE");
    } catch (const std::exception&) {
      // The throwaway cluster is removed after the run anyway.
    }
  }
}

std::unique_ptr<Database> TestDatabase::connect() const { return open_or_throw(location_); }

// A failed set-up throws rather than FAIL()s: an assertion would return from
// this SetUp only, and the fixture deriving from it would go on to use a
// database that is not there (a crash, not a failure naming the cause).
// GoogleTest reports the exception as the test's failure and skips its body.
void StoreTest::SetUp() {
  spdlog::set_level(spdlog::level::warn);
  const auto require = [](const auto& done, const char* step) {
    if (!done) throw std::runtime_error(std::string(step) + ": " + done.error().describe());
  };
  try {
    test_database_ = std::make_unique<TestDatabase>();
  } catch (const std::exception& error) {
    throw std::runtime_error("cannot set up a " + std::string(backend_name(backend_under_test())) +
                             " test database: " + error.what());
  }
  require(apply_migrations(database()), "migrations");
  require(seed_charts(database()), "charts");
  require(seed_policies(database()), "policies");
  require(create_book(database(), Book{"bureau", "bureau", "财政局"}), "the bureau's book");
}

}  // namespace jiangbu::testing

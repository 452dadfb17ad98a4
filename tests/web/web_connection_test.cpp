// A web account bound to a PostgreSQL login role runs every request as that
// role: row-level security then keeps a unit inside its own rows even if the
// application's checks were bypassed, and a role bound to another principal
// is refused. On SQLite such an account cannot be made or used.
#include <gtest/gtest.h>
#include <unistd.h>

#include <random>

#include "access/principal_binding.hpp"
#include "support/report_scenario.hpp"
#include "support/test_database.hpp"
#include "web/web_accounts.hpp"
#include "web/web_connection.hpp"

namespace jiangbu {
namespace {

using testing::report_unit_a;
using testing::report_unit_b;

const Principal unit_a{PrincipalKind::unit, report_unit_a};
const Principal unit_b{PrincipalKind::unit, report_unit_b};

long long rows_of_unit(Database& database, const std::string& table, const std::string& unit_id) {
  long long count = 0;
  // The table name is this file's literal; the unit is bound.
  database.session() << "SELECT count(*) FROM " + table + " WHERE unit_id = :unit", soci::use(unit_id),
      soci::into(count);
  return count;
}

class WebConnectionTest : public testing::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    testing::build_report_scenario(database());
    if (testing::backend_under_test() != Backend::postgresql) return;
    // Generated from [a-z0-9_] only: CREATE ROLE takes no bound parameters.
    static std::mt19937_64 random{std::random_device{}()};
    role_ = "jbweb_unit_" + std::to_string(getpid()) + "_" + std::to_string(random() % 1'000'000'000);
    database().execute_script("CREATE ROLE " + role_ + " NOLOGIN");
    database().execute_script("GRANT " + role_ + " TO CURRENT_USER");
    ASSERT_TRUE(bind_database_role(database(), role_, unit_a).ok());
  }
  void TearDown() override {
    StoreTest::TearDown();  // drops the schema and the grants in it
    if (role_.empty()) return;
    auto owner = Database::open(parse_database_location(std::getenv("JIANGBU_TEST_POSTGRESQL_URL")).value());
    if (owner) owner.value()->execute_script("DROP ROLE IF EXISTS " + role_);
  }
  std::string role_;
};

TEST_F(WebConnectionTest, OnSqliteAnAccountWithARoleIsRefused) {
  if (testing::backend_under_test() != Backend::sqlite) GTEST_SKIP() << "the PostgreSQL twin below covers roles";
  auto added = add_web_user(database(), {"qinsao", "a-long-enough-password", "unit:" + report_unit_a, "qinsao_role"});
  ASSERT_FALSE(added.ok());
  EXPECT_EQ(added.error().code, "bad-option");
  auto opened = open_web_connection(test_database().location(), {unit_a, "qinsao_role"});
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.error().code, "bad-principal");
}

TEST_F(WebConnectionTest, ARequestRunsAsTheBoundRoleAndRowLevelSecurityKeepsTheUnitInside) {
  if (testing::backend_under_test() != Backend::postgresql) GTEST_SKIP() << "SQLite has no roles (see the twin above)";
  ASSERT_TRUE(add_web_user(database(), {"qinsao", "a-long-enough-password", "unit:" + report_unit_a, role_}).ok());
  EXPECT_EQ(add_web_user(database(), {"fengxi", "a-long-enough-password", "unit:" + report_unit_b, role_})
                .error()
                .code,
            "bad-principal");
  ASSERT_GT(rows_of_unit(database(), "award_shares", report_unit_b), 0);

  auto opened = open_web_connection(test_database().location(), {unit_a, role_});
  ASSERT_TRUE(opened.ok()) << opened.error().describe();
  Database& connection = *opened.value();
  std::string current_user;
  connection.session() << "SELECT current_user", soci::into(current_user);
  EXPECT_EQ(current_user, role_);
  EXPECT_GT(rows_of_unit(connection, "award_shares", report_unit_a), 0);
  // Hand-written SQL, no application check in the way: the database hides B.
  EXPECT_EQ(rows_of_unit(connection, "award_shares", report_unit_b), 0);
  EXPECT_EQ(rows_of_unit(connection, "expenditures", report_unit_b), 0);

  auto wrong = open_web_connection(test_database().location(), {unit_b, role_});
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.error().code, "bad-principal");
}

}  // namespace
}  // namespace jiangbu

// PostgreSQL enforces the roles itself. Login roles bound to unit A, unit B,
// the bureau and an auditor connect on their own and send hand-written SQL:
// unit A can neither read nor write unit B's rows, the auditor can write
// nothing, and the bureau's normal flow passes. SQLite has no roles (the
// application's checks are its only guard, access_test), so this test has
// nothing to run there.
#include <random>

#include <gtest/gtest.h>
#include <unistd.h>

#include "access/principal_binding.hpp"
#include "award/award.hpp"
#include "award/clawback.hpp"
#include "expenditure/expenditure.hpp"
#include "report/inter_book_reconciliation.hpp"
#include "store/audit_trail.hpp"
#include "support/report_scenario.hpp"
#include "support/test_database.hpp"

namespace jiangbu {
namespace {

using testing::report_day;
using testing::report_unit_a;
using testing::report_unit_b;

// Role names are generated here from [a-z0-9_] only: CREATE ROLE takes no
// bound parameters, and roles are shared by every database of the cluster,
// so each run uses fresh names and drops them afterwards.
std::string fresh_role_name(const std::string& kind) {
  static std::mt19937_64 random{std::random_device{}()};
  return "jbtest_" + kind + "_" + std::to_string(getpid()) + "_" + std::to_string(random() % 1'000'000'000);
}

std::string with_user(const std::string& url, const std::string& user) {
  const auto scheme_end = url.find("://");
  const auto at = url.find('@', scheme_end);
  EXPECT_NE(at, std::string::npos) << "the test URL names its user";
  return url.substr(0, scheme_end + 3) + user + url.substr(at);
}

long long count_where(Database& database, const std::string& table, const std::string& column,
                      const std::string& value) {
  long long count = 0;
  // Table and column names are this file's literals; the value is bound.
  database.session() << "SELECT count(*) FROM " + table + " WHERE " + column + " = :value", soci::use(value),
      soci::into(count);
  return count;
}

long long count_all(Database& database, const std::string& table) {
  long long count = 0;
  database.session() << "SELECT count(*) FROM " + table, soci::into(count);
  return count;
}

class RowLevelSecurityTest : public testing::StoreTest {
 protected:
  void SetUp() override {
    if (testing::backend_under_test() != Backend::postgresql) {
      GTEST_SKIP() << "SQLite has no database roles; access_test covers the application's checks";
    }
    StoreTest::SetUp();
    testing::build_report_scenario(database());
    for (const auto& [kind, principal] : {std::pair<std::string, std::string>{"unit_a", "unit:" + report_unit_a},
                                          {"unit_b", "unit:" + report_unit_b},
                                          {"bureau", "bureau"},
                                          {"auditor", "auditor"}}) {
      const std::string role = fresh_role_name(kind);
      database().execute_script("CREATE ROLE " + role + " LOGIN");
      roles_[kind] = role;
      ASSERT_TRUE(bind_database_role(database(), role, parse_principal(principal).value()).ok()) << kind;
    }
  }

  void TearDown() override {
    connections_.clear();
    if (roles_.empty()) return;
    StoreTest::TearDown();  // drops the schema, and with it every grant to the roles
    auto administrator = Database::open(parse_database_location(std::getenv("JIANGBU_TEST_POSTGRESQL_URL")).value());
    if (!administrator) return;
    for (const auto& [kind, role] : roles_) administrator.value()->execute_script("DROP ROLE IF EXISTS " + role);
  }

  // A connection logged in as the role bound to kind, its principal bound.
  Database& as(const std::string& kind) {
    const std::string url = with_user(test_database().location().connection, roles_.at(kind));
    auto opened = Database::open(parse_database_location(url).value());
    EXPECT_TRUE(opened.ok()) << (opened.ok() ? "" : opened.error().message);
    auto connection = std::move(opened).value();
    EXPECT_TRUE(bind_principal(*connection, std::nullopt).ok());
    connections_.push_back(std::move(connection));
    return *connections_.back();
  }

  std::map<std::string, std::string> roles_;
  std::vector<std::unique_ptr<Database>> connections_;
};

// Runs one statement that must be refused by the database (an error, not an
// empty result), in its own savepoint-free autocommit.
void expect_refused(Database& database, const std::string& sql, const std::string& why) {
  EXPECT_THROW(database.session() << sql, soci::soci_error) << why << ": " << sql;
}

TEST_F(RowLevelSecurityTest, AUnitNeitherReadsNorWritesAnotherUnitsRows) {
  auto& owner = database();
  const long long b_expenditures = count_where(owner, "expenditures", "unit_id", report_unit_b);
  const long long b_entries = count_where(owner, "journal_entries", "book_id", report_unit_b);
  const long long b_claims = count_all(owner, "invoice_claims");
  ASSERT_GT(b_expenditures, 0);
  ASSERT_GT(b_entries, 0);

  auto& unit_a = as("unit_a");
  EXPECT_EQ(unit_a.principal().text(), "unit:" + report_unit_a) << "the login role is its principal";
  // SELECT: nothing of B, all of A's own.
  for (const auto& [table, column] : {std::pair<std::string, std::string>{"expenditures", "unit_id"},
                                      {"journal_entries", "book_id"},
                                      {"postings", "book_id"},
                                      {"accounts", "book_id"},
                                      {"units", "unit_id"},
                                      {"award_shares", "unit_id"},
                                      {"award_payments", "unit_id"},
                                      {"expenditure_exceptions", "unit_uscc"}}) {
    EXPECT_EQ(count_where(unit_a, table, column, report_unit_b), 0) << table << " shows unit B's rows to unit A";
  }
  EXPECT_EQ(count_all(unit_a, "expenditures"), count_where(owner, "expenditures", "unit_id", report_unit_a));
  EXPECT_GT(count_all(unit_a, "journal_entries"), 0);
  EXPECT_EQ(count_all(unit_a, "journal_entries"), count_where(owner, "journal_entries", "book_id", report_unit_a));
  EXPECT_EQ(count_all(unit_a, "principals"), 1) << "a unit sees only its own binding";

  // INSERT into B's books or under B's code: refused by the policies' WITH CHECK.
  expect_refused(unit_a,
                 "INSERT INTO journal_entries (book_id, voucher_number, fiscal_year, entry_date, memo, "
                 "source_reference, recorded_at) VALUES ('" + report_unit_b + "', '记-2024-999999', 2024, "
                 "'2024-12-01', 'x', '', 'now')",
                 "an entry in unit B's book");
  expect_refused(unit_a,
                 "INSERT INTO expenditure_exceptions (external_id, unit_uscc, award_id, amount_text, reasons, "
                 "messages, input_json, source, submitted_at) VALUES ('X', '" + report_unit_b + "', 'XX', '1', "
                 "'cash-payment', 'x', '{}', 'sql', 'now')",
                 "an exception under unit B's code");
  expect_refused(unit_a, "INSERT INTO award_payments (award_id, unit_id, amount_fen, paid_on, paid_from, reference, "
                         "bureau_entry_id, unit_entry_id, recorded_at) SELECT 'XX', '" + report_unit_a + "', 100, "
                         "'2024-12-01', '1011', 'self', 1, 1, 'now'",
                 "a unit paying itself");
  // UPDATE and DELETE: no privilege at all.
  expect_refused(unit_a, "UPDATE expenditures SET description = 'x' WHERE unit_id = '" + report_unit_b + "'",
                 "updating unit B's spending");
  expect_refused(unit_a, "UPDATE postings SET debit_fen = 1 WHERE book_id = '" + report_unit_b + "'",
                 "updating unit B's postings");
  expect_refused(unit_a, "DELETE FROM expenditures WHERE unit_id = '" + report_unit_b + "'", "deleting B's spending");
  // Freeing invoices by hand: neither B's nor A's own live claims go (only a
  // reversed expenditure's claim may be freed, and those are gone already).
  unit_a.session() << "DELETE FROM invoice_claims";
  EXPECT_EQ(count_all(owner, "invoice_claims"), b_claims);
  EXPECT_EQ(count_where(owner, "expenditures", "unit_id", report_unit_b), b_expenditures);
  EXPECT_EQ(count_where(owner, "journal_entries", "book_id", report_unit_b), b_entries);
}

TEST_F(RowLevelSecurityTest, AUnitsNormalFlowPassesUnderItsRoleAndCannotClaimAnother) {
  auto& unit_a = as("unit_a");
  RecordOptions options;
  options.today = report_day("2024-12-31");
  options.source = "rls-test";
  const ExpenditureInput own{"RLS-A-1", "XX", report_unit_a, "2024-11-03", "700", "交流展示", "银行转账",
                             "西安某广告有限公司", "91650102MA78QR012B", "", "24612000000077000001", "行级安全"};
  const Verdict accepted = record_expenditure(unit_a, own, options);
  ASSERT_EQ(accepted.status, VerdictStatus::accepted) << accepted.reason_codes();
  ExpenditureInput foreign = own;
  foreign.external_id = "RLS-B-1";
  foreign.unit_uscc = report_unit_b;
  foreign.invoice_number = "24612000000077000002";
  EXPECT_EQ(record_expenditure(unit_a, foreign, options).reason_codes(), "permission-denied");
  // The same invoice again, as unit B: the claim by A is seen across units.
  auto& unit_b = as("unit_b");
  ExpenditureInput reused = own;
  reused.external_id = "RLS-B-2";
  reused.unit_uscc = report_unit_b;
  EXPECT_EQ(record_expenditure(unit_b, reused, options).reason_codes(), "duplicate-invoice");
  // A contradicting --as is refused; the role decides.
  EXPECT_EQ(bind_principal(unit_a, parse_principal("unit:" + report_unit_b).value()).error().code, "bad-principal");
  // The trail names the role that really connected.
  const auto events = list_audit_events(unit_a, 0, 1000);
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(events.back().database_role, roles_.at("unit_a"));
  EXPECT_EQ(events.back().principal, "unit:" + report_unit_a);
  expect_refused(unit_a, "INSERT INTO audit_trail (principal, database_role, recorded_at, action, object_kind, "
                         "object_id, entry_ids) VALUES ('bureau', '" + roles_.at("bureau") + "', 'now', 'x', 'x', "
                         "'x', '')",
                 "forging another role's trail");
}

TEST_F(RowLevelSecurityTest, TheAuditorReadsEverythingAndEveryWriteFails) {
  auto& owner = database();
  auto& auditor = as("auditor");
  EXPECT_EQ(count_all(auditor, "expenditures"), count_all(owner, "expenditures"));
  EXPECT_EQ(count_all(auditor, "journal_entries"), count_all(owner, "journal_entries"));
  EXPECT_EQ(count_all(auditor, "audit_trail"), count_all(owner, "audit_trail"));
  const long long entries = count_all(owner, "journal_entries");
  for (const std::string& sql :
       {std::string("INSERT INTO journal_entries (book_id, voucher_number, fiscal_year, entry_date, memo, "
                    "source_reference, recorded_at) VALUES ('bureau', '记-2024-999999', 2024, '2024-12-01', 'x', '', "
                    "'now')"),
        std::string("INSERT INTO brands (brand_id, name, category, intangible_heritage, created_at) VALUES "
                    "('zz', 'z', 'livelihood', 0, 'now')"),
        std::string("INSERT INTO audit_trail (principal, recorded_at, action, object_kind, object_id, entry_ids) "
                    "VALUES ('auditor', 'now', 'x', 'x', 'x', '')"),
        std::string("INSERT INTO principals (role_name, kind, bound_at) VALUES ('someone', 'bureau', 'now')"),
        std::string("UPDATE voucher_sequences SET last_number = last_number + 1"),
        std::string("DELETE FROM invoice_claims"),
        std::string("UPDATE award_shares SET weight = '1'"),
        std::string("DELETE FROM expenditure_exceptions")}) {
    expect_refused(auditor, sql, "the auditor writes");
  }
  EXPECT_EQ(grant_award(auditor, {"XX2", "rx", report_day("2024-07-01"), "文号", {}, {"100000", "100000"}}).error().code,
            "permission-denied");
  EXPECT_EQ(count_all(owner, "journal_entries"), entries);
}

TEST_F(RowLevelSecurityTest, TheBureausNormalFlowPasses) {
  auto& owner = database();
  auto& bureau = as("bureau");
  EXPECT_EQ(bureau.principal().text(), "bureau");
  ASSERT_TRUE(pay_award(bureau, {"XX", report_unit_b, std::nullopt, report_day("2024-12-01"), "1011", "PAY-B2"}).ok());
  ASSERT_TRUE(claw_back(bureau, {"XX", report_unit_b, Money::from_yuan(100), report_day("2024-12-02"), "文号", "追缴",
                                 "财政局"})
                  .ok());
  ASSERT_TRUE(change_award_status(bureau, {"XX", AwardEventKind::suspend, report_day("2024-12-03"), "文号", "核查"}).ok());
  ReportSelection selection;
  selection.to = report_day("2024-12-31");
  const auto reconciliation = reconcile_books(bureau, selection);
  EXPECT_TRUE(reconciliation.ok());
  EXPECT_EQ(count_all(bureau, "award_payments"), count_all(owner, "award_payments"));
  const auto events = list_audit_events(owner, 0, 100'000);
  ASSERT_GE(events.size(), 3u);
  for (std::size_t back = 1; back <= 3; ++back) {
    EXPECT_EQ(events[events.size() - back].database_role, roles_.at("bureau"));
    EXPECT_EQ(events[events.size() - back].principal, "bureau");
  }
}

}  // namespace
}  // namespace jiangbu

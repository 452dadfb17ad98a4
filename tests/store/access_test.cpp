// Who may do what, on both backends: the application's permission checks for
// bureau, unit and auditor, and the audit trail every committed change leaves.
// (PostgreSQL's own enforcement, row-level security, is row_level_security_test.)
#include <algorithm>
#include <map>
#include <set>

#include <gtest/gtest.h>

#include "award/award.hpp"
#include "award/clawback.hpp"
#include "expenditure/expenditure.hpp"
#include "expenditure/fund_use_plan.hpp"
#include "registry/brands.hpp"
#include "registry/units.hpp"
#include "store/audit_trail.hpp"
#include "support/report_scenario.hpp"
#include "support/test_database.hpp"

namespace jiangbu {
namespace {

using testing::report_day;
using testing::report_unit_a;
using testing::report_unit_b;
using testing::StoreTest;

int count_rows(Database& database, const std::string& table) {
  int count = 0;
  // Table names come from this file's own literals, never from input.
  database.session() << "SELECT count(*) FROM " + table, soci::into(count);
  return count;
}

// Everything a denied request could have written.
std::map<std::string, int> table_counts(Database& database) {
  std::map<std::string, int> counts;
  for (const char* table : {"journal_entries", "postings", "expenditures", "expenditure_exceptions", "awards",
                            "award_payments", "clawbacks", "fund_use_plans", "units", "brands", "audit_trail"}) {
    counts[table] = count_rows(database, table);
  }
  return counts;
}

ExpenditureInput spending(const std::string& external_id, const std::string& unit, const std::string& invoice) {
  return {external_id, "XX", unit, "2024-11-02", "500", "交流展示", "银行转账", "西安某广告有限公司",
          "91650102MA78QR012B", "", invoice, "权限测试"};
}

Verdict record(Database& database, const ExpenditureInput& input) {
  RecordOptions options;
  options.today = report_day("2024-12-31");
  options.source = "access-test";
  return record_expenditure(database, input, options);
}

std::int64_t expenditure_of(Database& database, const std::string& unit, const std::string& external_id) {
  for (const auto& expenditure : list_expenditures(database, "XX", unit, 1000)) {
    if (expenditure.external_id == external_id) return expenditure.expenditure_id;
  }
  return 0;
}

class AccessTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    testing::build_report_scenario(database());
  }
  void act_as(const char* principal) { database().set_principal(parse_principal(principal).value()); }
};

TEST_F(AccessTest, EveryEntryIsInExactlyOneTrailEventWithItsActionAndPrincipal) {
  const auto events = list_audit_events(database(), 0, 100'000);
  std::map<std::int64_t, int> trail_count;
  std::set<std::string> actions;
  for (const auto& event : events) {
    actions.insert(event.action.action);
    EXPECT_EQ(event.principal, "administrator");
    EXPECT_FALSE(event.recorded_at.empty());
    for (const auto entry_id : event.entry_ids) ++trail_count[entry_id];
  }
  long long entry_id = 0;
  soci::statement statement = (database().session().prepare << "SELECT entry_id FROM journal_entries",
                               soci::into(entry_id));
  statement.execute();
  std::size_t entries = 0;
  while (statement.fetch()) {
    ++entries;
    EXPECT_EQ(trail_count[entry_id], 1) << "entry " << entry_id;
  }
  EXPECT_EQ(trail_count.size(), entries) << "the trail names entries that do not exist";
  EXPECT_GT(entries, 10u);
  for (const char* action : {"chart.seed", "book.open", "unit.register", "brand.register", "recognition.register",
                             "award.grant", "award.pay", "expenditure.record", "expenditure.reverse",
                             "award.claw-back"}) {
    EXPECT_TRUE(actions.contains(action)) << action;
  }
}

TEST_F(AccessTest, TheTrailIsAppendOnly) {
  const int before = count_rows(database(), "audit_trail");
  ASSERT_GT(before, 0);
  EXPECT_THROW(database().session() << "UPDATE audit_trail SET principal = 'bureau'", soci::soci_error);
  EXPECT_THROW(database().session() << "DELETE FROM audit_trail", soci::soci_error);
  EXPECT_EQ(count_rows(database(), "audit_trail"), before);
}

TEST_F(AccessTest, ARefusedOrRolledBackChangeLeavesNoTrail) {
  act_as("bureau");
  const auto before = table_counts(database());
  const auto duplicate = grant_award(database(), {"XX", "rx", report_day("2024-07-01"), "西咸社发", {}, {"100000", "100000"}});
  ASSERT_FALSE(duplicate.ok());
  EXPECT_EQ(duplicate.error().code, "duplicate-award");
  act_as("auditor");
  const auto denied = pay_award(database(), {"XX", report_unit_b, std::nullopt, report_day("2024-12-01"), "1011", ""});
  ASSERT_FALSE(denied.ok());
  EXPECT_EQ(denied.error().code, "permission-denied");
  EXPECT_EQ(table_counts(database()), before);
}

TEST_F(AccessTest, TheAuditorWritesNothing) {
  act_as("auditor");
  const auto before = table_counts(database());
  EXPECT_EQ(add_unit(database(), {"91610000MA6TG1235B", "某公司", "enterprise", "gross", ""}).error().code,
            "permission-denied");
  EXPECT_EQ(add_brand(database(), {"zz", "某品牌", BrandCategory::livelihood, false}).error().code,
            "permission-denied");
  EXPECT_EQ(pay_award(database(), {"XX", report_unit_b, std::nullopt, report_day("2024-12-01"), "1011", ""})
                .error().code,
            "permission-denied");
  EXPECT_EQ(claw_back(database(), {"XX", report_unit_a, Money::from_yuan(1), report_day("2024-12-01"), "文号", "理由",
                                   "审计"})
                .error().code,
            "permission-denied");
  EXPECT_EQ(change_award_status(database(), {"XX", AwardEventKind::suspend, report_day("2024-12-01"), "文号", "理由"})
                .error().code,
            "permission-denied");
  EXPECT_EQ(file_plan(database(), {"XX", report_unit_a, report_day("2024-12-01"), "计划", {{"交流展示", "1000"}}})
                .error().code,
            "permission-denied");
  const Verdict verdict = record(database(), spending("AUD-1", report_unit_a, "24612000000088000001"));
  EXPECT_EQ(verdict.reason_codes(), "permission-denied");
  EXPECT_EQ(verdict.record_id, 0);
  EXPECT_EQ(reverse_expenditure(database(), expenditure_of(database(), report_unit_a, "A-1"), report_day("2024-12-01"),
                                "审计不能冲销")
                .error().code,
            "permission-denied");
  EXPECT_EQ(table_counts(database()), before);
}

TEST_F(AccessTest, AUnitRecordsAndReversesOnlyItsOwnSpending) {
  act_as(("unit:" + report_unit_a).c_str());
  const auto before = table_counts(database());
  const Verdict foreign = record(database(), spending("X-1", report_unit_b, "24612000000088000002"));
  EXPECT_EQ(foreign.reason_codes(), "permission-denied");
  EXPECT_EQ(reverse_expenditure(database(), expenditure_of(database(), report_unit_b, "B-1"), report_day("2024-12-01"),
                                "不是我的")
                .error().code,
            "permission-denied");
  EXPECT_EQ(pay_award(database(), {"XX", report_unit_a, Money::from_yuan(1), report_day("2024-12-01"), "1011", ""})
                .error().code,
            "permission-denied");
  EXPECT_EQ(table_counts(database()), before);

  const Verdict own = record(database(), spending("A-OWN", report_unit_a, "24612000000088000003"));
  ASSERT_EQ(own.status, VerdictStatus::accepted) << own.reason_codes();
  ASSERT_TRUE(reverse_expenditure(database(), own.record_id, report_day("2024-12-01"), "录错").ok());
  const auto events = list_audit_events(database(), 0, 100'000);
  ASSERT_GE(events.size(), 2u);
  EXPECT_EQ(events[events.size() - 2].principal, "unit:" + report_unit_a);
  EXPECT_EQ(events[events.size() - 2].action.action, "expenditure.record");
  EXPECT_EQ(events[events.size() - 2].entry_ids.size(), 1u);
  EXPECT_EQ(events.back().action.action, "expenditure.reverse");
}

TEST_F(AccessTest, TheBureauPaysAndClawsBackButDoesNotSpendForAUnit) {
  act_as("bureau");
  const Verdict spend = record(database(), spending("BUR-1", report_unit_a, "24612000000088000004"));
  EXPECT_EQ(spend.reason_codes(), "permission-denied");
  ASSERT_TRUE(pay_award(database(), {"XX", report_unit_b, std::nullopt, report_day("2024-12-01"), "1011", "PAY-B2"}).ok());
  ASSERT_TRUE(claw_back(database(), {"XX", report_unit_b, Money::from_yuan(100), report_day("2024-12-02"), "文号",
                                     "追缴", "财政局"})
                  .ok());
  const auto events = list_audit_events(database(), 0, 100'000);
  ASSERT_GE(events.size(), 2u);
  EXPECT_EQ(events.back().principal, "bureau");
  EXPECT_EQ(events.back().action.action, "award.claw-back");
  EXPECT_EQ(events.back().entry_ids.size(), 2u) << "a clawback is booked on both books";
  EXPECT_EQ(events[events.size() - 2].action.action, "award.pay");
}

}  // namespace
}  // namespace jiangbu

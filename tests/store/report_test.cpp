// Reports on both backends: the fund statement's figures, the inter-book
// reconciliation finding a voucher the unit never booked, rectification
// through resubmission, and the audit report's findings and summary.
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "analytics/analytics_loader.hpp"
#include "award/award.hpp"
#include "award/clawback.hpp"
#include "bank/bank_statement.hpp"
#include "expenditure/expenditure.hpp"
#include "ledger/journal.hpp"
#include "registry/brands.hpp"
#include "registry/units.hpp"
#include "report/audit_report.hpp"
#include "report/exception_register.hpp"
#include "report/fund_statement.hpp"
#include "report/inter_book_reconciliation.hpp"
#include "store/mapped_pages.hpp"
#include "store/reading_sibling.hpp"
#include "store/shared_read_snapshot.hpp"
#include "support/report_scenario.hpp"
#include "support/test_database.hpp"

namespace jiangbu {
namespace {

using testing::StoreTest;
using testing::report_day;
using testing::report_unit_a;
using testing::report_unit_b;

Money yuan(std::int64_t amount) { return Money::from_yuan(amount); }

class ReportTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    testing::build_report_scenario(database());
  }

  ReportSelection year(const std::string& policy = "xixian-2024") {
    ReportSelection selection;
    selection.policy_id = policy;
    selection.from = report_day("2024-01-01");
    selection.to = report_day("2024-12-31");
    return selection;
  }

  const ShareFunds& share_of(const FundStatement& statement, const std::string& unit) {
    for (const auto& share : statement.shares) {
      if (share.unit_id == unit) return share;
    }
    ADD_FAILURE() << "no share for " << unit;
    return statement.shares.front();
  }
};

TEST_F(ReportTest, FundStatementSplitsReceiptsSpendingAndClawbackAtThePeriodStart) {
  ReportSelection selection = year();
  selection.from = report_day("2024-10-01");
  const auto statement = fund_statement(database(), selection).value();
  ASSERT_EQ(statement.shares.size(), 2U);
  const ShareFunds& a = share_of(statement, report_unit_a);
  EXPECT_EQ(a.share, yuan(100'000));
  EXPECT_EQ(a.received.before, yuan(100'000));
  EXPECT_EQ(a.received.in, Money{});
  // 12,000 (Sept) before; in the period 3,000 + 5,000 + 800 (the corrected
  // cash submission), the 2,000 of October reversed in November nets to zero.
  EXPECT_EQ(a.spent.before, yuan(12'000));
  EXPECT_EQ(a.spent.in, yuan(8'800));
  EXPECT_EQ(a.clawed_back.in, yuan(10'000));
  EXPECT_EQ(a.brought_forward(), yuan(88'000));
  EXPECT_EQ(a.closing(), yuan(69'200));
  EXPECT_EQ(a.execution_rate(), "23.11");  // 20,800 ÷ 90,000
  const ShareFunds& b = share_of(statement, report_unit_b);
  EXPECT_EQ(b.received.total(), yuan(60'000));
  EXPECT_EQ(b.spent.total(), yuan(6'000));
  EXPECT_EQ(b.execution_rate(), "10.00");
  const auto by_category = statement.spending_by_category();
  ASSERT_FALSE(by_category.empty());
  EXPECT_EQ(by_category.front().first, "宣传推介");
  EXPECT_EQ(by_category.front().second, yuan(5'800));
}

// The audit report sums spending from the rows its analytics load instead of
// asking the database again; both ways must give the same statement, with
// the period split and the October payment reversed in November.
TEST_F(ReportTest, FundStatementFromLoadedRowsEqualsTheOneFromTheDatabase) {
  for (const auto& from : {std::optional<Date>(), std::optional<Date>(report_day("2024-10-01")),
                           std::optional<Date>(report_day("2024-11-15"))}) {
    ReportSelection selection = year();
    selection.from = from;
    const auto asked = fund_statement(database(), selection).value();
    auto awards = selected_awards(database(), selection).value();
    const auto rows = load_spending_rows(database(), awards, selection.to).value();
    const auto summed = fund_statement(database(), selection, awards, rows).value();
    ASSERT_EQ(asked.shares.size(), summed.shares.size());
    for (std::size_t index = 0; index < asked.shares.size(); ++index) {
      const auto& left = asked.shares[index];
      const auto& right = summed.shares[index];
      EXPECT_EQ(left.unit_id, right.unit_id);
      EXPECT_EQ(left.spent.before, right.spent.before) << left.unit_id;
      EXPECT_EQ(left.spent.in, right.spent.in) << left.unit_id;
      EXPECT_EQ(left.received.in, right.received.in);
      EXPECT_EQ(left.clawed_back.in, right.clawed_back.in);
    }
    ASSERT_EQ(asked.categories.size(), summed.categories.size());
    for (std::size_t index = 0; index < asked.categories.size(); ++index) {
      EXPECT_EQ(asked.categories[index].category_code, summed.categories[index].category_code);
      EXPECT_EQ(asked.categories[index].spent.before, summed.categories[index].spent.before);
      EXPECT_EQ(asked.categories[index].spent.in, summed.categories[index].spent.in);
      EXPECT_EQ(asked.categories[index].planned, summed.categories[index].planned);
    }
  }
  // Not vacuous: unit A's reversal falls in the period from 2024-10-01.
  ReportSelection selection = year();
  selection.from = report_day("2024-10-01");
  auto awards = selected_awards(database(), selection).value();
  const auto summed =
      fund_statement(database(), selection, awards, load_spending_rows(database(), awards, selection.to).value()).value();
  EXPECT_EQ(share_of(summed, report_unit_a).spent.before, yuan(12'000));
  EXPECT_EQ(share_of(summed, report_unit_a).spent.in, yuan(8'800));
}

// The audit report reads the books' checks on a sibling connection beside
// its own on SQLite: the same file, the same principal, through the page cache
// rather than a second map. On PostgreSQL there is none (a connection's role
// is not in its location), and the report reads everything on one.
TEST_F(ReportTest, ASiblingConnectionReadsTheSameBooksAsTheSamePrincipalOnSqliteOnly) {
  const auto sibling = open_reading_sibling(database());
  if (database().backend() == Backend::postgresql) {
    EXPECT_EQ(sibling, nullptr);
    return;
  }
  ASSERT_NE(sibling, nullptr);
  EXPECT_EQ(sibling->principal().text(), database().principal().text());
  long long sibling_map_bytes = -1;
  sibling->session() << "PRAGMA mmap_size", soci::into(sibling_map_bytes);
  EXPECT_EQ(sibling_map_bytes, 0);
  const auto here = exception_items(database(), year()).value();
  const auto there = exception_items(*sibling, year()).value();
  ASSERT_EQ(here.size(), 3U);
  ASSERT_EQ(there.size(), here.size());
  for (std::size_t index = 0; index < here.size(); ++index) EXPECT_EQ(there[index].external_id, here[index].external_id);
  // Letting go of the map unmaps the file (gone from /proc/self/maps) and
  // keeps the connection's map size for its next read, which maps it again.
  const std::string file = std::filesystem::absolute(database().location().connection).lexically_normal().string();
  const auto file_is_mapped = [&] {
    std::ifstream maps("/proc/self/maps");
    std::string line;
    while (std::getline(maps, line)) {
      if (line.ends_with(" " + file)) return true;
    }
    return false;
  };
  long long before = 0, after = 0;
  database().session() << "PRAGMA mmap_size", soci::into(before);
  // Pages still in the WAL are read from it, not through the map.
  database().session() << "PRAGMA wal_checkpoint(TRUNCATE)";
  ASSERT_FALSE(exception_items(database(), year()).value().empty());
  EXPECT_TRUE(file_is_mapped());
  release_mapped_pages(database());
  EXPECT_FALSE(file_is_mapped());
  database().session() << "PRAGMA mmap_size", soci::into(after);
  EXPECT_GT(before, 0);
  EXPECT_EQ(after, before);
  ASSERT_FALSE(exception_items(database(), year()).value().empty());
  EXPECT_TRUE(file_is_mapped());
}

// The audit report reads one committed state on both its connections: a
// payment another connection posts by hand after the snapshot opened shows
// in neither (the books still agree there), and shows once it ends.
TEST_F(ReportTest, ASharedSnapshotHidesFromBothConnectionsAWriteCommittedAfterItOpened) {
  const auto entries = [](Database& reader) {
    long long count = 0;
    reader.session() << "SELECT COUNT(*) FROM journal_entries", soci::into(count);
    return count;
  };
  const long long before = entries(database());
  auto writer = test_database().connect();
  {
    SharedReadSnapshot snapshot(database(), open_reading_sibling(database()));
    ASSERT_EQ(snapshot.sibling() != nullptr, database().backend() == Backend::sqlite);
    Journal journal(*writer);
    const auto manual = journal.post({"bureau", report_day("2024-12-20"), "手工补拨", "manual",
                                      {{"2303/XX/" + report_unit_b, Side::debit, yuan(1'000)},
                                       {"1011", Side::credit, yuan(1'000)}}});
    ASSERT_TRUE(manual.ok()) << manual.error().describe();
    EXPECT_EQ(entries(*writer), before + 1);
    EXPECT_EQ(entries(database()), before);
    EXPECT_TRUE(reconcile_books(database(), year()).value().agrees());
    if (Database* sibling = snapshot.sibling()) {
      EXPECT_EQ(entries(*sibling), before);
      EXPECT_TRUE(reconcile_books(*sibling, year()).value().agrees());
      snapshot.close_sibling();
      EXPECT_EQ(snapshot.sibling(), nullptr);
    }
    EXPECT_EQ(entries(database()), before);
  }
  EXPECT_EQ(entries(database()), before + 1);
  EXPECT_FALSE(reconcile_books(database(), year()).value().agrees());
  // The report itself runs inside one and finds the posting afterwards.
  const auto report = audit_report(database(), year()).value();
  EXPECT_FALSE(report.reconciliation.agrees());
}

// While another writer holds SQLite's write lock (an import batch), the
// snapshot does not wait for it: after a short wait it closes the sibling and
// the report reads on its one connection, still one state.
TEST_F(ReportTest, ASharedSnapshotFallsBackToOneConnectionWhileAWriterHoldsTheLock) {
  if (database().backend() != Backend::sqlite) GTEST_SKIP() << "PostgreSQL has no sibling to share with";
  auto writer = test_database().connect();
  writer->session() << "BEGIN IMMEDIATE";
  {
    const auto started = std::chrono::steady_clock::now();
    SharedReadSnapshot snapshot(database(), open_reading_sibling(database()));
    // Its own short wait, not the connections' 30 s busy timeout.
    EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(15));
    EXPECT_EQ(snapshot.sibling(), nullptr);
    EXPECT_TRUE(reconcile_books(database(), year()).value().agrees());
  }
  writer->session() << "ROLLBACK";
  SharedReadSnapshot snapshot(database(), open_reading_sibling(database()));
  EXPECT_NE(snapshot.sibling(), nullptr);
}

TEST_F(ReportTest, BooksAgreeUntilAPaymentIsPostedByHandOnOneSide) {
  auto before = reconcile_books(database(), year()).value();
  EXPECT_TRUE(before.agrees());
  EXPECT_EQ(before.shares.size(), 2U);
  EXPECT_TRUE(before.differing_pairs().empty());

  Journal journal(database());
  const auto manual = journal.post({"bureau", report_day("2024-12-20"), "手工补拨", "manual",
                                    {{"2303/XX/" + report_unit_b, Side::debit, yuan(1'000)},
                                     {"1011", Side::credit, yuan(1'000)}}});
  ASSERT_TRUE(manual.ok()) << manual.error().describe();
  auto after = reconcile_books(database(), year()).value();
  EXPECT_FALSE(after.agrees());
  const auto differing = after.differing_pairs();
  ASSERT_EQ(differing.size(), 1U);
  EXPECT_EQ(differing[0].bureau_voucher, manual.value().voucher_number);
  EXPECT_TRUE(differing[0].unit_voucher.empty());
  EXPECT_EQ(differing[0].difference(), yuan(1'000));
  for (const auto& share : after.shares) {
    if (share.unit_id == report_unit_b) {
      EXPECT_EQ(share.bureau_paid, yuan(61'000));
      EXPECT_EQ(share.unit_received, yuan(60'000));
    }
  }
}

TEST_F(ReportTest, ARejectedSubmissionCorrectedAndAcceptedCountsAsRectified) {
  const auto items = exception_items(database(), year()).value();
  ASSERT_EQ(items.size(), 3U);
  int rectified = 0;
  for (const auto& item : items) rectified += item.rectified_by_expenditure_id.has_value() ? 1 : 0;
  EXPECT_EQ(rectified, 1);
  EXPECT_EQ(items[0].external_id, "A-CASH");
  EXPECT_TRUE(items[0].rectified_by_expenditure_id.has_value());
}

TEST_F(ReportTest, AuditReportListsEachKindOfFindingWithItsRuleAndAmount) {
  ASSERT_TRUE(change_award_status(database(), {"XX", AwardEventKind::revoke, report_day("2024-12-30"), "撤销文号",
                                               "复核不合格"}).ok());
  const auto report = audit_report(database(), year()).value();
  std::map<std::string, const Finding*> by_rule;
  for (const auto& finding : report.findings) by_rule[finding.rule] = &finding;
  ASSERT_TRUE(by_rule.contains("cash-payment"));
  EXPECT_TRUE(by_rule["cash-payment"]->rectified);
  EXPECT_EQ(by_rule["cash-payment"]->citation, "002_318121ba9f7bd672.txt 二(五)3");
  EXPECT_EQ(by_rule["cash-payment"]->amount, yuan(800));
  ASSERT_TRUE(by_rule.contains("retroactive"));
  EXPECT_FALSE(by_rule["retroactive"]->rectified);
  ASSERT_TRUE(by_rule.contains("clawback"));
  EXPECT_EQ(by_rule["clawback"]->amount, yuan(10'000));
  ASSERT_TRUE(by_rule.contains("revoked-balance"));
  // Both shares still hold money after the revocation: 69,200 + 54,000.
  Money to_recover;
  for (const auto& finding : report.findings) to_recover += finding.to_recover;
  EXPECT_EQ(to_recover, yuan(123'200));
  EXPECT_EQ(report.summary.to_recover, yuan(123'200));
  EXPECT_EQ(report.summary.violation_amount, yuan(10'000 + 123'200));
  EXPECT_EQ(report.summary.intercepted_amount, yuan(800 + 4'000 + 9'999'999));
  EXPECT_EQ(report.summary.finding_count, report.findings.size());
  const auto document = audit_report_document(report);
  const auto* amounts = document.find_table("summary_amounts");
  ASSERT_NE(amounts, nullptr);
  EXPECT_EQ(amounts->rows[0][0], "核定金额");
  EXPECT_EQ(amounts->rows[0][1], "200000.00");
  EXPECT_EQ(amounts->rows[0][2], "贰拾万元整");
}

// Unit A's bank statement lacks the 5,000.00 paid on 2024-10-09 (booked,
// never through the bank: possible 虚列支出) and has a 15.00 fee the books
// lack. Both become findings with their amounts; the 调节表 agrees.
TEST_F(ReportTest, AuditReportFindsPostingsTheBankNeverSawAndBankPaymentsOffTheBooks) {
  const auto path = std::filesystem::temp_directory_path() / ("jiangbu-report-bank-" + std::to_string(::getpid()) + ".csv");
  {
    std::ofstream file(path, std::ios::binary);
    file << "交易日期,交易金额,收支方向,对方户名,摘要\n"
            "2024-07-10,100000.00,收,西咸新区财政局,奖补拨款\n"
            "2024-09-06,12000.00,支,西安某广告有限公司,A-1\n"
            "2024-10-08,3000.00,支,西安某广告有限公司,A-2\n"
            "2024-10-12,800.00,支,西安某广告有限公司,A-CASH\n"
            "2024-11-20,10000.00,支,西咸新区财政局,退回奖补\n"
            "2024-11-30,15.00,支,银行,账户管理费\n";
  }
  const auto imported = import_bank_statement(database(), report_unit_a, std::string(dedicated_bank_account),
                                              path.string(), Money{});
  std::filesystem::remove(path);
  ASSERT_TRUE(imported.ok()) << imported.error().describe();
  const auto report = audit_report(database(), year()).value();
  ASSERT_EQ(report.bank_reconciliations.size(), 1U);
  EXPECT_TRUE(report.bank_reconciliations[0].agrees());
  EXPECT_EQ(report.bank_reconciliations[0].book_balance, yuan(69'200));
  std::map<std::string, const Finding*> by_rule;
  for (const auto& finding : report.findings) by_rule[finding.rule] = &finding;
  ASSERT_TRUE(by_rule.contains("bank-book-payment-unmatched"));
  EXPECT_EQ(by_rule["bank-book-payment-unmatched"]->amount, yuan(5'000));
  EXPECT_EQ(by_rule["bank-book-payment-unmatched"]->item_count, 1U);
  ASSERT_TRUE(by_rule.contains("bank-payment-off-book"));
  EXPECT_EQ(by_rule["bank-payment-off-book"]->amount, Money::from_fen(1'500));
  EXPECT_FALSE(by_rule.contains("bank-gap"));
  const auto document = audit_report_document(report);
  EXPECT_NE(document.find_table("bank_summary_" + report_unit_a), nullptr);
}

TEST_F(ReportTest, AuditReportNeedsAPolicyAndRefusesAnAwardUnderAnother) {
  ReportSelection selection = year("");
  EXPECT_EQ(audit_report(database(), selection).error().code, "unknown-policy");
  selection = year("urumqi-2024");
  selection.award_ids = {"XX"};
  EXPECT_EQ(audit_report(database(), selection).error().code, "unknown-award");
}

}  // namespace
}  // namespace jiangbu

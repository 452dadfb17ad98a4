// The analytics through the database and the audit report: the main job's
// scenario plants one of each pattern among a year of ordinary spending, and
// each policy's 2024 audit report must rank the planted ones at the top with
// their vouchers as evidence. Also the registry of related people.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

#include "analytics/analytics_loader.hpp"
#include "demo/award_scenario.hpp"
#include "expenditure/expenditure.hpp"
#include "registry/related_parties.hpp"
#include "registry/units.hpp"
#include "report/audit_report.hpp"
#include "support/test_database.hpp"

namespace jiangbu {
namespace {

using testing::StoreTest;

struct Planted {
  Analysis analysis;
  std::vector<std::string> external_ids;  // the submissions the evidence must name
  std::string award_id;                   // the award it must be about
};

class AnalyticsStoreTest : public StoreTest {
 protected:
  Result<AuditReport> report_for(const std::string& policy_id,
                                 const AnalyticsConfig& config = AnalyticsConfig::defaults()) {
    ReportSelection selection;
    selection.policy_id = policy_id;
    selection.from = Date::from_parts(2024, 1, 1);
    selection.to = Date::from_parts(2024, 12, 31);
    return audit_report(database(), selection, config);
  }

  // Each planted pattern is found, names its planted submissions, and ranks
  // within the first planted.size() places.
  void expect_planted_on_top(const AuditReport& report, const std::vector<Planted>& planted) {
    for (const auto& pattern : planted) {
      const auto found = std::find_if(report.analytics.findings.begin(), report.analytics.findings.end(),
                                      [&](const AnalyticsFinding& finding) {
                                        if (finding.analysis != pattern.analysis) return false;
                                        if (std::find(finding.awards.begin(), finding.awards.end(), pattern.award_id) ==
                                            finding.awards.end()) {
                                          return false;
                                        }
                                        std::set<std::string> ids;
                                        for (const auto& line : finding.evidence) ids.insert(line.external_id);
                                        return std::all_of(pattern.external_ids.begin(), pattern.external_ids.end(),
                                                           [&](const std::string& id) { return ids.contains(id); });
                                      });
      ASSERT_NE(found, report.analytics.findings.end()) << analysis_key(pattern.analysis);
      EXPECT_LE(found->rank, planted.size()) << analysis_key(pattern.analysis) << " ranked " << found->rank;
      for (const auto& line : found->evidence) {
        if (line.expenditure_id != 0) {
          EXPECT_FALSE(line.voucher.empty()) << "evidence without its voucher";
        }
      }
    }
  }
};

TEST_F(AnalyticsStoreTest, TheMainJobsAuditReportsRankThePlantedPatternsFirstWithTheirEvidence) {
  ASSERT_TRUE(run_award_scenario(database()).ok());
  const auto qijiang_report = report_for("qijiang-2023");
  ASSERT_TRUE(qijiang_report.ok()) << qijiang_report.error().message;
  const auto& qijiang = qijiang_report.value();
  expect_planted_on_top(qijiang, {{Analysis::split_payments, {"QJ-SPLIT-1", "QJ-SPLIT-2", "QJ-SPLIT-3"}, "QJ2024-001"},
                                  {Analysis::idle_funds, {}, "QJ2023-001"},
                                  {Analysis::round_amounts, {"QJ2-ROUND-1", "QJ2-ROUND-5"}, "QJ2024-002"},
                                  {Analysis::payee_concentration, {}, "QJ2024-002"}});
  const auto xixian_report = report_for("xixian-2024");
  ASSERT_TRUE(xixian_report.ok()) << xixian_report.error().message;
  const auto& xixian = xixian_report.value();
  expect_planted_on_top(xixian, {{Analysis::duplicate_invoices, {"XX-DUPINV-1", "XX2024-001-23"}, "XX2024-001"},
                                 {Analysis::related_parties, {"XX-RELATED-1"}, "XX2024-001"},
                                 {Analysis::near_duplicate_payees, {"XX-DUPINV-1"}, "XX2024-001"},
                                 {Analysis::spending_spikes, {"XX-DEC-1", "XX-DEC-2", "XX-DEC-3"}, "XX2024-001"}});
  const auto urumqi_report = report_for("urumqi-2024");
  ASSERT_TRUE(urumqi_report.ok()) << urumqi_report.error().message;
  const auto& urumqi = urumqi_report.value();
  expect_planted_on_top(urumqi, {{Analysis::rest_days, {"WL-HOLIDAY-1", "WL-HOLIDAY-2", "WL-HOLIDAY-3"}, "WL2024-001"}});
  // The make-up working Sunday (调休上班) is ordinary spending.
  for (const auto& finding : urumqi.analytics.findings) {
    for (const auto& line : finding.evidence) EXPECT_NE(line.external_id, "WL-MAKEUP-1");
  }
  // Too few rows for Benford anywhere: the report says so rather than testing.
  const auto& benford_run = xixian.analytics.runs[static_cast<std::size_t>(Analysis::benford)];
  EXPECT_EQ(benford_run.finding_count, 0u);
  EXPECT_NE(benford_run.note.find("不足 300 笔"), std::string::npos);
}

TEST_F(AnalyticsStoreTest, AnInvoiceReusedUnderAnotherPolicysAwardIsFoundFromEitherSide) {
  ASSERT_TRUE(run_award_scenario(database()).ok());
  // 綦江's unit books the invoice 西咸's unit booked as XX2024-001-23, under another seller's code.
  RecordOptions options;
  options.today = Date::from_parts(2024, 12, 31);
  options.source = "test";
  const Verdict verdict = record_expenditure(
      database(), {"QJ-CROSS-1", "QJ2024-001", "91500222MA5U7A0B23", "2024-12-02", "3300.00", "宣传推广", "银行转账",
                   "西安雁塔数码科技有限责任公司", "91650100MA78GH897U", "", "24500000001000000023", "宣传费"},
      options);
  ASSERT_EQ(verdict.status, VerdictStatus::accepted) << verdict.reason_codes();
  for (const char* policy : {"qijiang-2023", "xixian-2024"}) {
    const auto report = report_for(policy);
    ASSERT_TRUE(report.ok()) << report.error().message;
    const auto& findings = report.value().analytics.findings;
    const auto found = std::find_if(findings.begin(), findings.end(), [](const AnalyticsFinding& finding) {
      std::set<std::string> ids;
      for (const auto& line : finding.evidence) ids.insert(line.external_id);
      return finding.analysis == Analysis::duplicate_invoices && ids.contains("QJ-CROSS-1") && ids.contains("XX2024-001-23");
    });
    EXPECT_NE(found, findings.end()) << policy;
  }
  // The unrelated awards' rows are not loaded: 綦江's report reads only its own and the one sharing the invoice.
  ReportSelection selection;
  selection.policy_id = "qijiang-2023";
  selection.to = Date::from_parts(2024, 12, 31);
  const auto input = load_analytics_input(database(), selection);
  ASSERT_TRUE(input.ok());
  for (const auto& row : input.value().data.rows) {
    const std::string& award = input.value().data.text(row.award);
    EXPECT_TRUE(award.starts_with("QJ") ||
                input.value().data.text(row.invoice) == "E:24500000001000000023")
        << award;
  }
}

// A reversal releases its invoice claim, so the report finds another award's
// reversed row by the invoice alone: the invoice moved between units.
TEST_F(AnalyticsStoreTest, AnInvoiceReversedUnderAnotherAwardAndBookedAgainIsFound) {
  ASSERT_TRUE(run_award_scenario(database()).ok());
  RecordOptions options;
  options.today = Date::from_parts(2024, 12, 31);
  options.source = "test";
  const Verdict first = record_expenditure(
      database(), {"QJ-MOVED-1", "QJ2024-001", "91500222MA5U7A0B23", "2024-12-02", "3300.00", "宣传推广", "银行转账",
                   "西安雁塔数码科技有限责任公司", "91650100MA78GH897U", "", "24500000001000000777", "宣传费"},
      options);
  ASSERT_EQ(first.status, VerdictStatus::accepted) << first.reason_codes();
  ASSERT_TRUE(reverse_expenditure(database(), first.record_id, Date::from_parts(2024, 12, 5), "开错单位").ok());
  const Verdict again = record_expenditure(
      database(), {"XX-MOVED-1", "XX2024-001", "52611100MJU300021A", "2024-12-06", "3300.00", "交流展示",
                   "银行转账", "西安雁塔数码科技有限责任公司", "91650100MA78GH897U", "", "24500000001000000777", "展位费"},
      options);
  ASSERT_EQ(again.status, VerdictStatus::accepted) << again.reason_codes();
  const auto report = report_for("xixian-2024");
  ASSERT_TRUE(report.ok()) << report.error().message;
  const auto& findings = report.value().analytics.findings;
  const auto found = std::find_if(findings.begin(), findings.end(), [](const AnalyticsFinding& finding) {
    std::set<std::string> ids;
    for (const auto& line : finding.evidence) ids.insert(line.external_id);
    return finding.analysis == Analysis::duplicate_invoices && ids.contains("QJ-MOVED-1") && ids.contains("XX-MOVED-1");
  });
  EXPECT_NE(found, findings.end());
  // Every way of reading the rows (award by award or one pass; SQLite's own
  // API or SOCI) gives the same rows in the same order, every cell alike,
  // the other award's reversed one among them.
  ReportSelection selection;
  selection.policy_id = "xixian-2024";
  selection.to = Date::from_parts(2024, 12, 31);
  const auto awards = selected_awards(database(), selection).value();
  const auto by_award = load_spending_rows(database(), awards, selection.to, RowAccess::by_award, RowDriver::soci).value();
  bool moved_row_loaded = false;
  for (const auto& row : by_award.rows) {
    if (row.expenditure_id != first.record_id) continue;
    moved_row_loaded = true;
    EXPECT_TRUE(row.reversed);
    EXPECT_EQ(row.reversed_on_day, Date::from_parts(2024, 12, 5).days_since_epoch());
  }
  EXPECT_TRUE(moved_row_loaded);
  for (const auto access : {RowAccess::by_award, RowAccess::scan}) {
    for (const auto driver : {RowDriver::fastest, RowDriver::soci}) {
      const auto other = load_spending_rows(database(), awards, selection.to, access, driver).value();
      ASSERT_EQ(by_award.rows.size(), other.rows.size());
      for (std::size_t index = 0; index < by_award.rows.size(); ++index) {
        const auto& left = by_award.rows[index];
        const auto& right = other.rows[index];
        const auto texts = [](const SpendingData& data, const SpendingRow& row) {
          return std::vector<std::string>{data.text(row.award),      data.text(row.unit),       data.text(row.category),
                                          data.text(row.payee_name), data.text(row.payee_uscc), data.text(row.invoice)};
        };
        EXPECT_EQ(left.expenditure_id, right.expenditure_id) << index;
        EXPECT_EQ(left.amount_fen, right.amount_fen) << index;
        EXPECT_EQ(left.spent_on_day, right.spent_on_day) << index;
        EXPECT_EQ(texts(by_award, left), texts(other, right)) << index;
        EXPECT_EQ(left.reversed, right.reversed) << index;
        EXPECT_EQ(left.reversed_on_day, right.reversed_on_day) << index;
      }
    }
  }
}

TEST_F(AnalyticsStoreTest, TheAuditReportDocumentCarriesTheRankingTheEvidenceAndEveryAnalysis) {
  ASSERT_TRUE(run_award_scenario(database()).ok());
  const auto found = report_for("xixian-2024");
  ASSERT_TRUE(found.ok()) << found.error().message;
  const auto& report = found.value();
  const auto document = audit_report_document(report);
  const auto* ranking = document.find_table("analytics_findings");
  const auto* evidence = document.find_table("analytics_evidence");
  const auto* runs = document.find_table("analytics_runs");
  ASSERT_TRUE(ranking && evidence && runs && document.find_table("benford"));
  ASSERT_EQ(ranking->rows.size(), report.analytics.findings.size());
  EXPECT_EQ(ranking->rows[0][0], "1");
  EXPECT_EQ(ranking->rows[0][2], "重复发票");
  EXPECT_EQ(runs->rows.size(), analysis_count);
  const bool names_voucher = std::any_of(evidence->rows.begin(), evidence->rows.end(), [](const auto& row) {
    return row[3] == "XX-RELATED-1" && row[2].starts_with("记-2024-") && row[1] == "91611100MA6TX0B25D";
  });
  EXPECT_TRUE(names_voucher);
  // Leads are not violations: with every analysis switched off, 问题数, 违规金额
  // and 应收回金额 are the same.
  auto all_off = AnalyticsConfig::overlay(
      "[duplicate_invoices]\nenabled = false\n[near_duplicate_payees]\nenabled = false\n[split_payments]\nenabled = false\n"
      "[round_amounts]\nenabled = false\n[rest_days]\nenabled = false\n[spending_spikes]\nenabled = false\n"
      "[payee_concentration]\nenabled = false\n[benford]\nenabled = false\n[related_parties]\nenabled = false\n"
      "[idle_funds]\nenabled = false\n",
      "test.toml");
  ASSERT_TRUE(all_off.ok()) << all_off.error().message;
  const auto without = report_for("xixian-2024", all_off.value());
  ASSERT_TRUE(without.ok());
  EXPECT_TRUE(without.value().analytics.findings.empty());
  EXPECT_FALSE(report.analytics.findings.empty());
  EXPECT_EQ(report.summary.finding_count, without.value().summary.finding_count);
  EXPECT_EQ(report.summary.violation_amount, without.value().summary.violation_amount);
  EXPECT_EQ(report.summary.to_recover, without.value().summary.to_recover);
}

TEST_F(AnalyticsStoreTest, RelatedPeopleAreRegisteredOnceAndRefusedWithReasons) {
  ASSERT_TRUE(add_unit(database(), {"91500222MA5U7A0B23", "重庆綦江劳务开发有限公司", "enterprise", "gross", ""}).ok());
  ASSERT_TRUE(add_related_party(database(), {"91500222MA5U7A0B23", " 李建国 ", "法定代表人"}).ok());
  ASSERT_TRUE(add_related_party(database(), {"91500222MA5U7A0B23", "李建国", "legal-representative"}).ok());
  ASSERT_TRUE(add_related_party(database(), {"91500222MA5U7A0B23", "王芳", "staff"}).ok());
  const auto parties = list_related_parties(database(), "91500222MA5U7A0B23");
  ASSERT_EQ(parties.size(), 2u);
  EXPECT_EQ(parties[0].person_name, "李建国");
  EXPECT_EQ(parties[0].relation, Relation::legal_representative);
  EXPECT_EQ(add_related_party(database(), {"91500222MA5U7A0B24", "张三", "staff"}).error().code, "unknown-unit");
  EXPECT_EQ(add_related_party(database(), {"91500222MA5U7A0B23", "张三", "boss"}).error().code, "bad-related-party");
  EXPECT_EQ(add_related_party(database(), {"91500222MA5U7A0B23", "  ", "staff"}).error().code, "bad-related-party");
  auto raw = test_database().connect();
  EXPECT_THROW(raw->execute_script("UPDATE unit_related_parties SET person_name = '改'"), soci::soci_error);
  EXPECT_THROW(raw->execute_script("DELETE FROM unit_related_parties"), soci::soci_error);
  EXPECT_EQ(list_related_parties(database(), "").size(), 2u);
}

}  // namespace
}  // namespace jiangbu

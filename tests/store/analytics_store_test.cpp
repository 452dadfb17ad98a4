// The analytics through the database and the audit report: the main job's
// scenario plants one of each pattern among a year of ordinary spending, and
// each policy's 2024 audit report must rank the planted ones at the top with
// their vouchers as evidence. Also the registry of related people.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

#include "demo/award_scenario.hpp"
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
};

class AnalyticsStoreTest : public StoreTest {
 protected:
  AuditReport report_for(const std::string& policy_id) {
    ReportSelection selection;
    selection.policy_id = policy_id;
    selection.from = Date::from_parts(2024, 1, 1);
    selection.to = Date::from_parts(2024, 12, 31);
    auto report = audit_report(database(), selection);
    EXPECT_TRUE(report.ok()) << (report.ok() ? "" : report.error().message);
    return report.value();
  }

  // Each planted pattern is found, names its planted submissions, and ranks
  // within the first planted.size() places.
  void expect_planted_on_top(const AuditReport& report, const std::vector<Planted>& planted) {
    for (const auto& pattern : planted) {
      const auto found = std::find_if(report.analytics.findings.begin(), report.analytics.findings.end(),
                                      [&](const AnalyticsFinding& finding) {
                                        if (finding.analysis != pattern.analysis) return false;
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
  const auto qijiang = report_for("qijiang-2023");
  expect_planted_on_top(qijiang, {{Analysis::split_payments, {"QJ-SPLIT-1", "QJ-SPLIT-2", "QJ-SPLIT-3"}},
                                  {Analysis::idle_funds, {}},
                                  {Analysis::round_amounts, {"QJ2-ROUND-1", "QJ2-ROUND-5"}},
                                  {Analysis::payee_concentration, {}}});
  const auto xixian = report_for("xixian-2024");
  expect_planted_on_top(xixian, {{Analysis::duplicate_invoices, {"XX-DUPINV-1", "XX2024-001-23"}},
                                 {Analysis::related_parties, {"XX-RELATED-1"}},
                                 {Analysis::near_duplicate_payees, {"XX-DUPINV-1"}},
                                 {Analysis::spending_spikes, {"XX-DEC-1", "XX-DEC-2", "XX-DEC-3"}}});
  const auto urumqi = report_for("urumqi-2024");
  expect_planted_on_top(urumqi, {{Analysis::rest_days, {"WL-HOLIDAY-1", "WL-HOLIDAY-2", "WL-HOLIDAY-3"}}});
  // The make-up working Sunday (调休上班) is ordinary spending.
  for (const auto& finding : urumqi.analytics.findings) {
    for (const auto& line : finding.evidence) EXPECT_NE(line.external_id, "WL-MAKEUP-1");
  }
  // Too few rows for Benford anywhere: the report says so rather than testing.
  const auto& benford_run = xixian.analytics.runs[static_cast<std::size_t>(Analysis::benford)];
  EXPECT_EQ(benford_run.finding_count, 0u);
  EXPECT_NE(benford_run.note.find("不足 300 笔"), std::string::npos);
}

TEST_F(AnalyticsStoreTest, TheAuditReportDocumentCarriesTheRankingTheEvidenceAndEveryAnalysis) {
  ASSERT_TRUE(run_award_scenario(database()).ok());
  const auto report = report_for("xixian-2024");
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
  // Leads are not violations: 问题数 and 违规金额 are the rules' findings only.
  std::size_t rule_findings = report.findings.size();
  EXPECT_EQ(report.summary.finding_count, rule_findings);
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

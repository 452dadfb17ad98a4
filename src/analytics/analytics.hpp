#pragma once
// The auditor analytics as one run: every enabled analysis over one
// selection, the findings ranked by score (then amount), and a record of
// what each analysis examined and why it tested nothing, if so. The audit
// report prints all of it; `jiangbu report analytics` prints it alone.
#include <string>
#include <vector>

#include "analytics/analyses.hpp"
#include "analytics/analytics_config.hpp"
#include "analytics/analytics_finding.hpp"
#include "analytics/analytics_input.hpp"
#include "analytics/holiday_calendar.hpp"
#include "core/result.hpp"
#include "report/report_document.hpp"
#include "report/report_selection.hpp"
#include "store/database.hpp"

namespace jiangbu {

struct AnalysisRun {
  Analysis analysis = Analysis::duplicate_invoices;
  bool enabled = false;
  std::size_t rows_examined = 0;
  std::size_t finding_count = 0;
  std::string parameters;  // "threshold 50,000.00 元, window 7 days, ≥ 2 payments"
  std::string note;
};

struct AnalyticsResult {
  std::vector<AnalyticsFinding> findings;  // ranked: rank 1 first
  std::vector<AnalysisRun> runs;           // one per analysis, in Analysis order
  std::vector<BenfordScope> benford;
  std::size_t rows_selected = 0;
};

AnalyticsResult run_analytics(const AnalyticsInput& input, const AnalyticsConfig& config,
                              const HolidayCalendar& calendar);

// Ranks in place: score, then amount, both descending; ties keep analysis
// order and then the first evidence's expenditure id, so runs are repeatable.
void rank_findings(std::vector<AnalyticsFinding>& findings);

// Fills each evidence line's voucher and external id from the database.
void resolve_evidence(Database& database, AnalyticsResult& result);

// The tables the audit report and `report analytics` show: the ranked
// findings with their evidence, each analysis's run, the Benford digits.
ReportTable analytics_findings_table(const AnalyticsResult& result);
ReportTable analytics_evidence_table(const AnalyticsResult& result);
ReportTable analytics_runs_table(const AnalyticsResult& result);
ReportTable benford_table(const AnalyticsResult& result);

// Those four tables as a document of their own (`jiangbu report analytics`).
ReportDocument analytics_document(const ReportSelection& selection, const AnalyticsResult& result);

}  // namespace jiangbu

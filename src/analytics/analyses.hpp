#pragma once
// The ten auditor analyses (../shared/DOMAIN.md "What auditors look for";
// issue 6). Each reads the selected rows of an AnalyticsInput, takes its
// parameters from accounts/analytics.toml, and returns scored findings with
// their evidence; each file's comment gives its score formula. None of them
// touches the database, so each is tested with planted rows and run over a
// million rows by bench/analytics_bench.
#include <array>
#include <string>
#include <vector>

#include "analytics/analytics_config.hpp"
#include "analytics/analytics_finding.hpp"
#include "analytics/analytics_input.hpp"
#include "analytics/holiday_calendar.hpp"

namespace jiangbu {

AnalysisOutcome find_duplicate_invoices(const AnalyticsInput& input);
AnalysisOutcome find_near_duplicate_payees(const AnalyticsInput& input, const NearDuplicatePayeesConfig& config);
AnalysisOutcome find_split_payments(const AnalyticsInput& input, const SplitPaymentsConfig& config);
AnalysisOutcome find_round_amounts(const AnalyticsInput& input, const RoundAmountsConfig& config);
AnalysisOutcome find_rest_day_spending(const AnalyticsInput& input, const RestDaysConfig& config,
                                       const HolidayCalendar& calendar);
AnalysisOutcome find_spending_spikes(const AnalyticsInput& input, const SpendingSpikesConfig& config);
AnalysisOutcome find_payee_concentration(const AnalyticsInput& input, const PayeeConcentrationConfig& config);
AnalysisOutcome find_related_parties(const AnalyticsInput& input, const NearDuplicatePayeesConfig& names);
AnalysisOutcome find_idle_funds(const AnalyticsInput& input, const IdleFundsConfig& config);

// Benford's law: the first digit d of naturally arising amounts occurs with
// probability log10(1 + 1/d). One scope per unit and one over all rows.
struct BenfordScope {
  std::string scope;  // unit id, or "全部"
  std::size_t rows = 0;
  std::array<std::size_t, 9> counts{};    // digits 1..9
  bool tested = false;                    // enough rows
  std::int64_t mad_millionths = 0;        // mean absolute deviation × 10^6, rounded
  std::string conformity;                 // 高度符合 / 可接受 / 勉强可接受 / 不符合
  std::vector<int> digits_over;           // digits standing out above expectation
  std::vector<int> digits_under;          // and below it
};

struct BenfordOutcome {
  AnalysisOutcome outcome;
  std::vector<BenfordScope> scopes;
};

BenfordOutcome run_benford_test(const AnalyticsInput& input, const BenfordConfig& config);

// The payee an amount went to, for grouping: its USCC when given, else its
// name as written (individuals have no code).
std::uint32_t payee_key(const SpendingRow& row, const SpendingData& data);

}  // namespace jiangbu

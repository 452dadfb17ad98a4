// 拆分支付: several payments by one unit to one payee within window_days
// calendar days (the first day counted as day one), each under the threshold,
// together reaching it — the way a
// purchase is cut up to stay under an approval or procurement limit.
// Clusters are found greedily in date order and do not overlap.
// Score: 70 for two payments, 5 more for each further one, at most 90.
#include <algorithm>

#include "analytics/analyses.hpp"

namespace jiangbu {

namespace {

constexpr int score_base = 70;
constexpr int score_per_extra_payment = 5;
constexpr int score_max = 90;

AnalyticsFinding cluster_finding(const AnalyticsInput& input, const std::vector<std::uint32_t>& cluster,
                                 const SplitPaymentsConfig& config) {
  const SpendingData& data = input.data;
  const SpendingRow& first = data.rows[cluster.front()];
  const SpendingRow& last = data.rows[cluster.back()];
  AnalyticsFinding finding;
  finding.analysis = Analysis::split_payments;
  finding.pattern = "短期内向同一收款方分笔支付，合计超过限额";
  finding.units = {data.text(first.unit)};
  for (const auto index : cluster) {
    const SpendingRow& row = data.rows[index];
    add_evidence(finding, data, row, data.text(row.payee_name));
    note_award(finding, data.text(row.award));
  }
  finding.score = bounded_score(std::min<long long>(
      score_max, score_base + score_per_extra_payment * (static_cast<long long>(cluster.size()) - 2)));
  const int days = last.spent_on_day - first.spent_on_day + 1;
  finding.detail = data.text(first.unit) + " 在 " + data.date(first).to_string() + " 至 " + data.date(last).to_string() +
                   " 的 " + std::to_string(days) + " 天内向 " + data.text(first.payee_name) + " 支付 " +
                   std::to_string(cluster.size()) + " 笔，每笔均低于 " + yuan_text(config.threshold) + " 元，合计 " +
                   yuan_text(finding.amount) + " 元";
  return finding;
}

}  // namespace

std::uint32_t payee_key(const SpendingRow& row, const SpendingData& data) {
  return data.text(row.payee_uscc).empty() ? row.payee_name : row.payee_uscc;
}

AnalysisOutcome find_split_payments(const AnalyticsInput& input, const SplitPaymentsConfig& config) {
  const SpendingData& data = input.data;
  AnalysisOutcome outcome;
  outcome.rows_examined = input.selected.size();
  const std::int64_t threshold_fen = config.threshold.fen_int64();
  // The sort keys taken once per row, not once per comparison.
  struct Candidate {
    std::uint32_t unit;
    std::uint32_t payee;
    std::int32_t day;
    std::int64_t expenditure_id;
    std::uint32_t index;
    auto operator<=>(const Candidate&) const = default;
  };
  std::vector<Candidate> candidates;
  for (const auto index : input.selected) {
    const SpendingRow& row = data.rows[index];
    if (row.amount_fen < threshold_fen) {
      candidates.push_back({row.unit, payee_key(row, data), row.spent_on_day, row.expenditure_id, index});
    }
  }
  std::sort(candidates.begin(), candidates.end());
  std::size_t start = 0;
  while (start < candidates.size()) {
    const Candidate& first = candidates[start];
    std::size_t end = start;
    Money sum;
    while (end < candidates.size()) {
      const Candidate& next = candidates[end];
      if (next.unit != first.unit || next.payee != first.payee || next.day - first.day >= config.window_days) break;
      sum += data.amount(data.rows[next.index]);
      ++end;
    }
    const std::size_t count = end - start;
    if (count >= static_cast<std::size_t>(config.min_payments) && sum >= config.threshold) {
      std::vector<std::uint32_t> cluster;
      for (std::size_t position = start; position < end; ++position) cluster.push_back(candidates[position].index);
      outcome.findings.push_back(cluster_finding(input, cluster, config));
      start = end;
    } else {
      ++start;
    }
  }
  return outcome;
}

}  // namespace jiangbu

// 本福特首位数字检验 (Nigrini, "Benford's Law", 2012): in amounts that arise
// naturally the first digit d appears with probability log10(1 + 1/d).
// Invented amounts drift from it. Per unit and over every selected row,
// on amounts of at least min_amount and only with min_rows of them:
//   MAD = (1/9) Σ |observed share − expected share|, with Nigrini's
//   first-digit bands: ≤ 0.006 高度符合, ≤ 0.012 可接受, ≤ mad_nonconformity
//   (0.015) 勉强可接受, above: 不符合 — a finding;
//   a digit stands out when z = (|p − p₀| − 1/(2N)) / √(p₀(1 − p₀)/N) exceeds
//   z_critical (1.96: the 5 % level).
// These are statistics of digit counts, not money: they are computed in
// double, and the MAD is kept as an integer in millionths.
// Score: 40 plus 1 per 0.001 of MAD beyond the threshold, at most 70; the
// amount is what the over-represented digits' payments add up to.
#include <algorithm>
#include <cmath>
#include <map>

#include "analytics/analyses.hpp"

namespace jiangbu {

namespace {

constexpr int score_base = 40;
constexpr int score_max = 70;
constexpr std::int64_t mad_close_millionths = 6'000;
constexpr std::int64_t mad_acceptable_millionths = 12'000;
constexpr std::int64_t score_step_millionths = 1'000;
constexpr std::size_t awards_listed_max = 16;  // a unit's awards; the overall scope may touch hundreds

double expected_share(int digit) { return std::log10(1.0 + 1.0 / digit); }

int first_digit(std::int64_t amount_fen) {
  while (amount_fen >= 10) amount_fen /= 10;
  return static_cast<int>(amount_fen);
}

std::string conformity_of(std::int64_t mad_millionths, std::int64_t nonconformity_millionths) {
  if (mad_millionths <= mad_close_millionths) return "高度符合";
  if (mad_millionths <= mad_acceptable_millionths) return "可接受";
  if (mad_millionths <= nonconformity_millionths) return "勉强可接受";
  return "不符合";
}

void test_scope(BenfordScope& scope, const BenfordConfig& config) {
  if (scope.rows < static_cast<std::size_t>(config.min_rows)) return;
  scope.tested = true;
  const double rows = static_cast<double>(scope.rows);
  const double z_critical = static_cast<double>(config.z_critical_hundredths) / 100.0;
  double deviation_sum = 0.0;
  for (int digit = 1; digit <= 9; ++digit) {
    const double expected = expected_share(digit);
    const double observed = static_cast<double>(scope.counts[static_cast<std::size_t>(digit - 1)]) / rows;
    deviation_sum += std::fabs(observed - expected);
    const double spread = std::sqrt(expected * (1.0 - expected) / rows);
    const double z = (std::fabs(observed - expected) - 1.0 / (2.0 * rows)) / spread;
    if (z > z_critical) (observed > expected ? scope.digits_over : scope.digits_under).push_back(digit);
  }
  scope.mad_millionths = std::llround(deviation_sum / 9.0 * 1'000'000.0);
  scope.conformity = conformity_of(scope.mad_millionths, config.mad_nonconformity_millionths);
}

std::string digits_text(const std::vector<int>& digits) {
  std::string text;
  for (const int digit : digits) text += (text.empty() ? "" : "、") + std::to_string(digit);
  return text.empty() ? "无" : text;
}

AnalyticsFinding scope_finding(const AnalyticsInput& input, const BenfordScope& scope, const BenfordConfig& config,
                               const std::vector<std::uint32_t>& rows) {
  const SpendingData& data = input.data;
  AnalyticsFinding finding;
  finding.analysis = Analysis::benford;
  finding.pattern = "金额首位数字分布不符合本福特定律";
  if (scope.scope != "全部") finding.units = {scope.scope};
  std::vector<std::uint32_t> flagged;
  for (const auto index : rows) {
    const int digit = first_digit(data.rows[index].amount_fen);
    if (std::find(scope.digits_over.begin(), scope.digits_over.end(), digit) != scope.digits_over.end()) flagged.push_back(index);
  }
  std::sort(flagged.begin(), flagged.end(), [&](std::uint32_t left, std::uint32_t right) {
    return data.rows[left].amount_fen != data.rows[right].amount_fen ? data.rows[left].amount_fen > data.rows[right].amount_fen
                                                                     : data.rows[left].expenditure_id < data.rows[right].expenditure_id;
  });
  for (const auto index : flagged) {
    add_evidence(finding, data, data.rows[index], "首位 " + std::to_string(first_digit(data.rows[index].amount_fen)));
    if (finding.awards.size() < awards_listed_max) note_award(finding, data.text(data.rows[index].award));
  }
  finding.score = bounded_score(std::min<long long>(
      score_max, score_base + (scope.mad_millionths - config.mad_nonconformity_millionths) / score_step_millionths));
  finding.detail = scope.scope + " " + std::to_string(scope.rows) +
                   " 笔支出的首位数字 MAD 为 " + millionths_text(scope.mad_millionths, 4) + "（" + scope.conformity +
                   "）；偏多的首位数字：" + digits_text(scope.digits_over) + "，偏少的：" + digits_text(scope.digits_under);
  return finding;
}

}  // namespace

BenfordOutcome run_benford_test(const AnalyticsInput& input, const BenfordConfig& config) {
  const SpendingData& data = input.data;
  BenfordOutcome result;
  result.outcome.rows_examined = input.selected.size();
  const std::int64_t minimum_fen = config.min_amount.fen_int64();
  std::map<std::string, std::vector<std::uint32_t>> by_unit;
  std::vector<std::uint32_t> all;
  for (const auto index : input.selected) {
    if (data.rows[index].amount_fen < minimum_fen) continue;
    by_unit[data.text(data.rows[index].unit)].push_back(index);
    all.push_back(index);
  }
  // With one unit the overall scope is the same rows: tabled, not reported twice.
  const auto add_scope = [&](const std::string& name, const std::vector<std::uint32_t>& rows, bool may_report) {
    BenfordScope scope;
    scope.scope = name;
    scope.rows = rows.size();
    for (const auto index : rows) ++scope.counts[static_cast<std::size_t>(first_digit(data.rows[index].amount_fen) - 1)];
    test_scope(scope, config);
    if (may_report && scope.tested && scope.mad_millionths > config.mad_nonconformity_millionths) {
      result.outcome.findings.push_back(scope_finding(input, scope, config, rows));
    }
    result.scopes.push_back(std::move(scope));
  };
  for (const auto& [unit, rows] : by_unit) add_scope(unit, rows, true);
  add_scope("全部", all, by_unit.size() != 1);
  std::size_t untested = 0;
  for (const auto& scope : result.scopes) untested += scope.tested ? 0 : 1;
  if (untested > 0) {
    result.outcome.note = std::to_string(untested) + " 个范围不足 " + std::to_string(config.min_rows) +
                          " 笔，未做检验（样本太少，检验没有意义）";
  }
  return result;
}

}  // namespace jiangbu

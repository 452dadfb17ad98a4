// 整数金额: invented or estimated spending tends to come in whole thousands
// or 万; invoices for real goods and services seldom do. Per unit, among
// payments of at least min_amount, the share that are whole multiples of
// round_unit is compared with expected_share_percent once the unit has
// min_rows such payments.
// Score: 30 plus the excess in percentage points, at most 70.
#include <algorithm>
#include <map>

#include "analytics/analyses.hpp"

namespace jiangbu {

namespace {

constexpr int score_base = 30;
constexpr int score_max = 70;
constexpr std::int64_t wan_fen = 1'000'000;

struct UnitRounds {
  std::size_t eligible = 0;
  std::size_t wan = 0;
  std::vector<std::uint32_t> round_rows;
};

}  // namespace

AnalysisOutcome find_round_amounts(const AnalyticsInput& input, const RoundAmountsConfig& config) {
  const SpendingData& data = input.data;
  AnalysisOutcome outcome;
  outcome.rows_examined = input.selected.size();
  const std::int64_t unit_fen = config.round_unit.fen_int64();
  const std::int64_t minimum_fen = config.min_amount.fen_int64();
  std::map<std::string, UnitRounds> units;
  for (const auto index : input.selected) {
    const SpendingRow& row = data.rows[index];
    if (row.amount_fen < minimum_fen) continue;
    UnitRounds& unit = units[data.text(row.unit)];
    ++unit.eligible;
    if (row.amount_fen % unit_fen != 0) continue;
    unit.round_rows.push_back(index);
    if (row.amount_fen % wan_fen == 0) ++unit.wan;
  }
  for (auto& [unit_id, unit] : units) {
    if (unit.eligible < static_cast<std::size_t>(config.min_rows)) continue;
    const auto share_percent = static_cast<long long>(unit.round_rows.size() * 100 / unit.eligible);
    if (unit.round_rows.size() * 100 <= unit.eligible * static_cast<std::size_t>(config.expected_share_percent)) continue;
    AnalyticsFinding finding;
    finding.analysis = Analysis::round_amounts;
    finding.pattern = "整数金额支出占比偏高";
    finding.units = {unit_id};
    std::sort(unit.round_rows.begin(), unit.round_rows.end(), [&](std::uint32_t left, std::uint32_t right) {
      const auto& a = data.rows[left];
      const auto& b = data.rows[right];
      return a.amount_fen != b.amount_fen ? a.amount_fen > b.amount_fen : a.expenditure_id < b.expenditure_id;
    });
    for (const auto index : unit.round_rows) {
      const SpendingRow& row = data.rows[index];
      add_evidence(finding, data, row, data.text(row.payee_name));
      note_award(finding, data.text(row.award));
    }
    finding.score = bounded_score(std::min<long long>(score_max, score_base + share_percent - config.expected_share_percent));
    finding.detail = unit_id + " 的 " + std::to_string(unit.eligible) + " 笔 " + yuan_text(config.min_amount) +
                     " 元以上支出中，" + std::to_string(unit.round_rows.size()) + " 笔为 " + yuan_text(config.round_unit) +
                     " 元的整数倍（其中整万 " + std::to_string(unit.wan) + " 笔），占 " + std::to_string(share_percent) +
                     "%，高于预期的 " + std::to_string(config.expected_share_percent) + "%";
    outcome.findings.push_back(std::move(finding));
  }
  return outcome;
}

}  // namespace jiangbu

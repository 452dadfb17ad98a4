// 收款方集中度: per award, how much of its spending went to few payees. The
// Herfindahl-Hirschman index is Σ (payee's share in percent)², from 0 (spread
// thin) to 10000 (one payee), computed exactly on the amounts and rounded
// half up; above 2500 markets are called highly concentrated. An award is
// listed when its HHI reaches hhi_threshold with min_payments payments; the
// evidence names its five largest payees.
// Score: 30 plus 1 per 250 HHI points over the threshold, at most 70.
#include <algorithm>
#include <map>
#include <unordered_map>
#include <set>

#include <boost/multiprecision/cpp_int.hpp>

#include "analytics/analyses.hpp"

namespace jiangbu {

namespace {

constexpr int score_base = 30;
constexpr int score_max = 70;
constexpr int score_step_hhi = 250;
constexpr std::size_t payees_listed = 5;

struct PayeeTotal {
  std::uint32_t payee = 0;
  std::uint32_t name = 0;
  Money amount;
  std::size_t rows = 0;
  std::uint32_t first_row = 0;
};

long long herfindahl_index(const std::vector<PayeeTotal>& payees, const Money& total) {
  using boost::multiprecision::cpp_int;
  cpp_int squares = 0;
  for (const auto& payee : payees) {
    const cpp_int fen(payee.amount.fen());
    squares += fen * fen;
  }
  const cpp_int total_fen(total.fen());
  const cpp_int denominator = total_fen * total_fen;
  // 10000 × Σ a² / T², half up.
  const cpp_int index = (squares * 20000 + denominator) / (denominator * 2);
  return index.convert_to<long long>();
}

}  // namespace

AnalysisOutcome find_payee_concentration(const AnalyticsInput& input, const PayeeConcentrationConfig& config) {
  const SpendingData& data = input.data;
  AnalysisOutcome outcome;
  outcome.rows_examined = input.selected.size();
  // One hash-table pass over the rows, keyed by award and payee; then grouped by award.
  std::unordered_map<std::uint64_t, PayeeTotal> totals;
  std::map<std::uint32_t, std::size_t> award_rows;
  std::map<std::uint32_t, std::set<std::uint32_t>> award_units;
  for (const auto index : input.selected) {
    const SpendingRow& row = data.rows[index];
    const auto key = payee_key(row, data);
    auto [found, inserted] = totals.try_emplace((static_cast<std::uint64_t>(row.award) << 32) | key,
                                                PayeeTotal{key, row.payee_name, Money(), 0, index});
    found->second.amount += data.amount(row);
    ++found->second.rows;
    if (row.spent_on_day < data.rows[found->second.first_row].spent_on_day) found->second.first_row = index;
    ++award_rows[row.award];
    award_units[row.award].insert(row.unit);  // at most the award's lead units
  }
  std::map<std::uint32_t, std::vector<PayeeTotal>> awards;
  for (auto& [key, payee] : totals) awards[static_cast<std::uint32_t>(key >> 32)].push_back(payee);
  for (auto& [award, payees] : awards) {
    if (award_rows[award] < static_cast<std::size_t>(config.min_payments)) continue;
    Money total;
    for (const auto& payee : payees) total += payee.amount;
    if (!total.is_positive()) continue;
    const long long hhi = herfindahl_index(payees, total);
    if (hhi < config.hhi_threshold) continue;
    std::sort(payees.begin(), payees.end(), [](const PayeeTotal& left, const PayeeTotal& right) {
      return left.amount != right.amount ? left.amount > right.amount : left.payee < right.payee;
    });
    AnalyticsFinding finding;
    finding.analysis = Analysis::payee_concentration;
    finding.pattern = "支出集中于少数收款方";
    finding.awards = {data.text(award)};
    finding.score = bounded_score(std::min<long long>(score_max, score_base + (hhi - config.hhi_threshold) / score_step_hhi));
    finding.amount = payees.front().amount;
    finding.item_count = payees.front().rows;
    for (std::size_t position = 0; position < payees.size() && position < payees_listed; ++position) {
      const PayeeTotal& payee = payees[position];
      // A payee's total, not one expenditure: dated by its first payment, across the award's units.
      Evidence line = evidence_of(data, data.rows[payee.first_row], "");
      line.expenditure_id = 0;
      line.unit_id.clear();
      line.amount = payee.amount;
      line.note = data.text(payee.name) + "：" + std::to_string(payee.rows) + " 笔，占 " +
                  std::to_string(whole_percent(payee.amount, total)) + "%（日期为首笔）";
      finding.evidence.push_back(std::move(line));
    }
    for (const auto unit : award_units[award]) finding.units.push_back(data.text(unit));
    finding.detail = data.text(award) + " 共 " + std::to_string(award_rows[award]) + " 笔支出 " + yuan_text(total) +
                     " 元，付给 " + std::to_string(payees.size()) + " 个收款方；最大收款方 " + data.text(payees.front().name) +
                     " 占 " + std::to_string(whole_percent(payees.front().amount, total)) + "%，HHI " + std::to_string(hhi);
    outcome.findings.push_back(std::move(finding));
  }
  return outcome;
}

}  // namespace jiangbu

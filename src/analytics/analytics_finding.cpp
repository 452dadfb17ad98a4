#include "analytics/analytics_finding.hpp"

#include <algorithm>
#include <array>

#include "core/assert.hpp"
#include "money/money_format.hpp"

namespace jiangbu {

namespace {

struct AnalysisNames {
  Analysis analysis;
  std::string_view key;
  std::string_view title;
};

constexpr std::array<AnalysisNames, analysis_count> analysis_names = {{
    {Analysis::duplicate_invoices, "duplicate-invoices", "重复发票"},
    {Analysis::near_duplicate_payees, "near-duplicate-payees", "近似收款方"},
    {Analysis::split_payments, "split-payments", "拆分支付"},
    {Analysis::round_amounts, "round-amounts", "整数金额"},
    {Analysis::rest_days, "rest-days", "节假日支出"},
    {Analysis::spending_spikes, "spending-spikes", "年底及节点前突击支出"},
    {Analysis::payee_concentration, "payee-concentration", "收款方集中度"},
    {Analysis::benford, "benford", "本福特首位数字检验"},
    {Analysis::related_parties, "related-parties", "关联方收款"},
    {Analysis::idle_funds, "idle-funds", "资金闲置"},
}};

const AnalysisNames& names_of(Analysis analysis) {
  const auto index = static_cast<std::size_t>(analysis);
  JIANGBU_ASSERT(index < analysis_names.size() && analysis_names[index].analysis == analysis);
  return analysis_names[index];
}

}  // namespace

std::string_view analysis_key(Analysis analysis) { return names_of(analysis).key; }
std::string_view analysis_title(Analysis analysis) { return names_of(analysis).title; }

Evidence evidence_of(const SpendingData& data, const SpendingRow& row, std::string note) {
  Evidence evidence;
  evidence.expenditure_id = row.expenditure_id;
  evidence.unit_id = data.text(row.unit);
  evidence.date = data.date(row);
  evidence.amount = data.amount(row);
  evidence.note = std::move(note);
  return evidence;
}

void add_evidence(AnalyticsFinding& finding, const SpendingData& data, const SpendingRow& row, std::string note) {
  ++finding.item_count;
  finding.amount += data.amount(row);
  if (finding.evidence.size() < evidence_max) finding.evidence.push_back(evidence_of(data, row, std::move(note)));
}

void note_award(AnalyticsFinding& finding, const std::string& award_id) {
  if (std::find(finding.awards.begin(), finding.awards.end(), award_id) == finding.awards.end()) {
    finding.awards.push_back(award_id);
  }
}

std::string millionths_text(std::int64_t millionths, int decimals) {
  JIANGBU_ASSERT(millionths >= 0 && decimals >= 0 && decimals <= 6);
  const std::string fraction = std::to_string(1'000'000 + millionths % 1'000'000).substr(1, static_cast<std::size_t>(decimals));
  return std::to_string(millionths / 1'000'000) + (decimals > 0 ? "." + fraction : "");
}

int bounded_score(long long score) { return static_cast<int>(std::clamp(score, 0LL, 100LL)); }

std::string yuan_text(const Money& amount) { return format_yuan(amount); }

long long whole_percent(const Money& numerator, const Money& denominator) {
  if (!denominator.is_positive()) return 0;
  const FenInteger percent = numerator.fen() * 100 / denominator.fen();
  return static_cast<long long>(percent);
}

}  // namespace jiangbu

// 资金闲置: award money received long ago and still largely unspent (DOMAIN.md
// "What auditors look for": idle funds, low execution rate). A share is
// listed when its first payment is at least after_months old at the
// selection's end and its execution rate (spent ÷ received, net of reversals
// and clawbacks) is below execution_rate_below_percent. Revoked awards are
// left to the audit report's revoked-balance finding.
// Score: 40, plus 1 per month beyond after_months (at most 25), plus half
// the shortfall below the rate threshold in percentage points (at most 20).
#include <algorithm>

#include "analytics/analyses.hpp"
#include "report/report_document.hpp"

namespace jiangbu {

namespace {

constexpr int score_base = 40;
constexpr int score_months_max = 25;
constexpr int score_shortfall_max = 20;

int whole_months_between(const Date& from, const Date& to) {
  int months = (to.year() - from.year()) * 12 + static_cast<int>(to.month()) - static_cast<int>(from.month());
  if (to.day() < from.day()) --months;
  return months;
}

}  // namespace

AnalysisOutcome find_idle_funds(const AnalyticsInput& input, const IdleFundsConfig& config) {
  AnalysisOutcome outcome;
  outcome.rows_examined = input.shares.size();
  for (const auto& share : input.shares) {
    if (share.revoked || !share.first_paid_on || !share.received.is_positive()) continue;
    const int months = whole_months_between(*share.first_paid_on, input.selection.to);
    if (months < config.after_months) continue;
    const Money spent = share.spent.is_negative() ? Money() : share.spent;
    // Exact check: spent × 100 < received × threshold (whole_percent rounds down).
    if (spent.fen() * 100 >= share.received.fen() * config.execution_rate_below_percent) continue;
    const long long rate = whole_percent(spent, share.received);
    AnalyticsFinding finding;
    finding.analysis = Analysis::idle_funds;
    finding.pattern = "奖补资金长期闲置，执行率低";
    finding.units = {share.unit_id};
    finding.awards = {share.award_id};
    finding.amount = share.received - spent;
    finding.item_count = 1;
    finding.score = bounded_score(score_base + std::min(score_months_max, months - config.after_months) +
                                  std::min<long long>(score_shortfall_max, (config.execution_rate_below_percent - rate) / 2));
    Evidence line;
    line.unit_id = share.unit_id;
    line.date = *share.first_paid_on;
    line.amount = share.received;
    line.note = "首次拨付 " + share.first_paid_on->to_string() + "，已收 " + yuan_text(share.received) + " 元，已支出 " +
                yuan_text(spent) + " 元";
    finding.evidence.push_back(std::move(line));
    finding.detail = share.unit_id + " 的 " + share.award_id + " 份额首次拨付已 " + std::to_string(months) +
                     " 个月，执行率 " + format_percent(spent, share.received) + "%，低于 " +
                     std::to_string(config.execution_rate_below_percent) + "%；闲置 " + yuan_text(finding.amount) + " 元";
    outcome.findings.push_back(std::move(finding));
  }
  return outcome;
}

}  // namespace jiangbu

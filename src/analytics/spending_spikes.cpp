// 突击花钱: money that sat for months and then went out in a rush — in
// December, before the year's books close, or in the deadline_window_days
// before a performance review or annual report falls due. Per award share
// (award and unit), the window holding the largest part of its spending is
// reported when that part reaches window_share_percent of the share's
// spending in the selection and the share spent at least min_total. A window
// counts only when it ends 90 days or more after the share's first payment
// (or, without one, its first spending): a share paid in November cannot
// help spending in December.
// Score: 40 plus the excess over the threshold in percentage points, at most 80.
#include <algorithm>
#include <map>

#include "analytics/analyses.hpp"

namespace jiangbu {

namespace {

constexpr int score_base = 40;
constexpr int score_max = 80;
constexpr int settled_days_min = 90;

struct Window {
  int first_day = 0;
  int last_day = 0;
  std::string label;
  bool year_end = false;
};

std::vector<Window> windows_for(const AnalyticsInput& input, const std::string& award_id, int first_day, int last_day,
                                int deadline_window_days) {
  std::vector<Window> windows;
  const int first_year = Date::from_days(std::chrono::sys_days(std::chrono::days(first_day))).year();
  const int last_year = Date::from_days(std::chrono::sys_days(std::chrono::days(last_day))).year();
  for (int year = first_year; year <= last_year; ++year) {
    windows.push_back({Date::from_parts(year, 12, 1).days_since_epoch(), Date::from_parts(year, 12, 31).days_since_epoch(),
                       std::to_string(year) + " 年 12 月", true});
  }
  const auto deadlines = input.deadlines.find(award_id);
  if (deadlines != input.deadlines.end()) {
    for (const auto& deadline : deadlines->second) {
      const int day = deadline.date.days_since_epoch();
      windows.push_back({day - deadline_window_days, day, deadline.label + " 前 " + std::to_string(deadline_window_days) + " 天", false});
    }
  }
  return windows;
}

int share_start_day(const AnalyticsInput& input, const std::string& award_id, const std::string& unit_id, int first_spent_day) {
  for (const auto& share : input.shares) {
    if (share.award_id == award_id && share.unit_id == unit_id && share.first_paid_on) {
      return share.first_paid_on->days_since_epoch();
    }
  }
  return first_spent_day;
}

}  // namespace

AnalysisOutcome find_spending_spikes(const AnalyticsInput& input, const SpendingSpikesConfig& config) {
  const SpendingData& data = input.data;
  AnalysisOutcome outcome;
  outcome.rows_examined = input.selected.size();
  std::map<std::pair<std::uint32_t, std::uint32_t>, std::vector<std::uint32_t>> shares;
  for (const auto index : input.selected) shares[{data.rows[index].award, data.rows[index].unit}].push_back(index);
  for (auto& [key, rows] : shares) {
    Money total;
    int first_day = data.rows[rows.front()].spent_on_day;
    int last_day = first_day;
    for (const auto index : rows) {
      total += data.amount(data.rows[index]);
      first_day = std::min(first_day, data.rows[index].spent_on_day);
      last_day = std::max(last_day, data.rows[index].spent_on_day);
    }
    if (total < config.min_total) continue;
    const std::string& award_id = data.text(key.first);
    const std::string& unit_id = data.text(key.second);
    const int start_day = share_start_day(input, award_id, unit_id, first_day);
    const Window* best = nullptr;
    Money best_amount;
    const auto windows = windows_for(input, award_id, first_day, last_day, config.deadline_window_days);
    for (const auto& window : windows) {
      if (window.last_day - start_day < settled_days_min) continue;
      Money in_window;
      for (const auto index : rows) {
        const int day = data.rows[index].spent_on_day;
        if (day >= window.first_day && day <= window.last_day) in_window += data.amount(data.rows[index]);
      }
      if (in_window > best_amount) {
        best_amount = in_window;
        best = &window;
      }
    }
    if (!best) continue;
    const long long percent = whole_percent(best_amount, total);
    if (percent < config.window_share_percent) continue;
    AnalyticsFinding finding;
    finding.analysis = Analysis::spending_spikes;
    finding.pattern = best->year_end ? "年底突击支出" : "评估或报告节点前突击支出";
    finding.units = {unit_id};
    finding.awards = {award_id};
    std::vector<std::uint32_t> in_rows;
    for (const auto index : rows) {
      const int day = data.rows[index].spent_on_day;
      if (day >= best->first_day && day <= best->last_day) in_rows.push_back(index);
    }
    std::sort(in_rows.begin(), in_rows.end(), [&](std::uint32_t left, std::uint32_t right) {
      return data.rows[left].amount_fen != data.rows[right].amount_fen ? data.rows[left].amount_fen > data.rows[right].amount_fen
                                                                       : data.rows[left].expenditure_id < data.rows[right].expenditure_id;
    });
    for (const auto index : in_rows) add_evidence(finding, data, data.rows[index], data.text(data.rows[index].payee_name));
    finding.score = bounded_score(std::min<long long>(score_max, score_base + percent - config.window_share_percent));
    finding.detail = unit_id + " 在 " + award_id + " 下共支出 " + yuan_text(total) + " 元，其中 " + yuan_text(best_amount) +
                     " 元（" + std::to_string(percent) + "%）集中在" + best->label;
    outcome.findings.push_back(std::move(finding));
  }
  return outcome;
}

}  // namespace jiangbu

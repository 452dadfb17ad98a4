// 突击花钱: money that sat for months and then went out in a rush — in
// December, before the year's books close, or in the deadline_window_days
// before a performance review or annual report falls due. For each award
// share (award and unit) and each such window lying wholly inside the
// selection, the window's spending is compared with the share's spending over
// a fixed reference period: the calendar year of a December, or the twelve
// months ending on a deadline. So the verdict does not depend on how wide a
// period the auditor selected. The window with the largest part is reported
// when that part reaches window_share_percent and the reference period's
// spending reaches min_total. A window counts only when it ends 90 days or
// more after the share's first payment (or, without one, its first spending):
// a share paid in November cannot help spending in December.
// Score: 40 plus the excess over the threshold in percentage points, at most 80.
#include <algorithm>
#include <limits>
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
  int reference_first_day = 0;  // the period the window's share is taken of
  std::string label;
  bool year_end = false;
};

int day_of(const Date& date) { return date.days_since_epoch(); }

std::vector<Window> windows_for(const AnalyticsInput& input, const std::string& award_id, int deadline_window_days) {
  std::vector<Window> windows;
  const int selection_first = input.selection.from ? day_of(*input.selection.from) : std::numeric_limits<int>::min();
  const int selection_last = day_of(input.selection.to);
  const int first_year = input.selection.from ? input.selection.from->year() : input.selection.to.year() - 10;
  for (int year = first_year; year <= input.selection.to.year(); ++year) {
    windows.push_back({day_of(Date::from_parts(year, 12, 1)), day_of(Date::from_parts(year, 12, 31)),
                       day_of(Date::from_parts(year, 1, 1)), std::to_string(year) + " 年 12 月", true});
  }
  const auto deadlines = input.deadlines.find(award_id);
  if (deadlines != input.deadlines.end()) {
    for (const auto& deadline : deadlines->second) {
      windows.push_back({day_of(deadline.date) - deadline_window_days + 1, day_of(deadline.date),
                         day_of(deadline.date.plus_years(-1)) + 1,
                         deadline.label + " 前 " + std::to_string(deadline_window_days) + " 天", false});
    }
  }
  std::erase_if(windows, [&](const Window& window) {
    return window.first_day < selection_first || window.last_day > selection_last;
  });
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

Money spent_between(const SpendingData& data, const std::vector<std::uint32_t>& rows, int first_day, int last_day) {
  Money total;
  for (const auto index : rows) {
    const int day = data.rows[index].spent_on_day;
    if (day >= first_day && day <= last_day) total += data.amount(data.rows[index]);
  }
  return total;
}

}  // namespace

AnalysisOutcome find_spending_spikes(const AnalyticsInput& input, const SpendingSpikesConfig& config) {
  const SpendingData& data = input.data;
  AnalysisOutcome outcome;
  outcome.rows_examined = input.selected.size();
  // Each selected share's live rows, including those before the period: the reference years may start earlier.
  std::map<std::pair<std::uint32_t, std::uint32_t>, std::vector<std::uint32_t>> shares;
  for (const auto index : input.selected) shares[{data.rows[index].award, data.rows[index].unit}];
  for (std::uint32_t index = 0; index < data.rows.size(); ++index) {
    const SpendingRow& row = data.rows[index];
    if (row.reversed) continue;
    const auto share = shares.find({row.award, row.unit});
    if (share != shares.end()) share->second.push_back(index);
  }
  for (const auto& [key, rows] : shares) {
    const std::string& award_id = data.text(key.first);
    const std::string& unit_id = data.text(key.second);
    int first_spent_day = std::numeric_limits<int>::max();
    for (const auto index : rows) first_spent_day = std::min(first_spent_day, data.rows[index].spent_on_day);
    const int start_day = share_start_day(input, award_id, unit_id, first_spent_day);
    const Window* best = nullptr;
    Money best_amount;
    Money best_reference;
    long long best_percent = -1;
    const auto windows = windows_for(input, award_id, config.deadline_window_days);
    for (const auto& window : windows) {
      if (window.last_day - start_day < settled_days_min) continue;
      const Money reference = spent_between(data, rows, window.reference_first_day, window.last_day);
      if (reference < config.min_total) continue;
      const Money in_window = spent_between(data, rows, window.first_day, window.last_day);
      const long long percent = whole_percent(in_window, reference);
      if (percent > best_percent) {
        best_percent = percent;
        best_amount = in_window;
        best_reference = reference;
        best = &window;
      }
    }
    if (!best || best_percent < config.window_share_percent) continue;
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
    finding.score = bounded_score(std::min<long long>(score_max, score_base + best_percent - config.window_share_percent));
    const Date reference_first = Date::from_days(std::chrono::sys_days(std::chrono::days(best->reference_first_day)));
    const Date window_last = Date::from_days(std::chrono::sys_days(std::chrono::days(best->last_day)));
    finding.detail = unit_id + " 在 " + award_id + " 下 " + reference_first.to_string() + " 至 " + window_last.to_string() +
                     " 共支出 " + yuan_text(best_reference) + " 元，其中 " + yuan_text(best_amount) + " 元（" +
                     std::to_string(best_percent) + "%）集中在" + best->label;
    outcome.findings.push_back(std::move(finding));
  }
  return outcome;
}

}  // namespace jiangbu

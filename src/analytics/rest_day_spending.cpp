// 节假日支出: payments dated on a rest day — a Saturday or Sunday that is
// not a make-up working day, or an official public holiday — when finance
// offices are closed: back-dated vouchers, or spending nobody approved.
// Per unit, once it has min_rows of them.
// Score: 25, plus 4 per public-holiday payment (at most 20), plus half the
// rest-day share of the unit's payments in percent (at most 20).
#include <algorithm>
#include <map>
#include <set>

#include "analytics/analyses.hpp"

namespace jiangbu {

namespace {

constexpr int score_base = 25;
constexpr int score_per_holiday = 4;
constexpr int score_holidays_max = 20;
constexpr int score_share_max = 20;

struct UnitRestDays {
  std::size_t rows = 0;
  std::size_t holidays = 0;
  std::vector<std::uint32_t> rest_rows;
};

}  // namespace

AnalysisOutcome find_rest_day_spending(const AnalyticsInput& input, const RestDaysConfig& config,
                                       const HolidayCalendar& calendar) {
  const SpendingData& data = input.data;
  AnalysisOutcome outcome;
  outcome.rows_examined = input.selected.size();
  std::map<std::string, UnitRestDays> units;
  std::set<int> uncovered_years;
  for (const auto index : input.selected) {
    const SpendingRow& row = data.rows[index];
    UnitRestDays& unit = units[data.text(row.unit)];
    ++unit.rows;
    const Date date = data.date(row);
    if (!calendar.covers(date.year())) uncovered_years.insert(date.year());
    const DayKind kind = calendar.kind(date);
    if (kind != DayKind::weekend && kind != DayKind::public_holiday) continue;
    unit.rest_rows.push_back(index);
    if (kind == DayKind::public_holiday) ++unit.holidays;
  }
  for (auto& [unit_id, unit] : units) {
    if (unit.rest_rows.size() < static_cast<std::size_t>(config.min_rows)) continue;
    AnalyticsFinding finding;
    finding.analysis = Analysis::rest_days;
    finding.pattern = unit.holidays > 0 ? "在法定节假日和周末支付" : "在周末支付";
    finding.units = {unit_id};
    for (const auto index : unit.rest_rows) {
      const SpendingRow& row = data.rows[index];
      add_evidence(finding, data, row, calendar.rest_day_name(data.date(row)) + " " + data.text(row.payee_name));
      note_award(finding, data.text(row.award));
    }
    const auto share_percent = static_cast<long long>(unit.rest_rows.size() * 100 / unit.rows);
    finding.score = bounded_score(score_base +
                                  std::min<long long>(score_holidays_max, score_per_holiday * static_cast<long long>(unit.holidays)) +
                                  std::min<long long>(score_share_max, share_percent / 2));
    finding.detail = unit_id + " 有 " + std::to_string(unit.rest_rows.size()) + " 笔支出（占其 " +
                     std::to_string(unit.rows) + " 笔的 " + std::to_string(share_percent) + "%）发生在休息日，其中法定节假日 " +
                     std::to_string(unit.holidays) + " 笔";
    outcome.findings.push_back(std::move(finding));
  }
  if (!uncovered_years.empty()) {
    std::string years;
    for (const int year : uncovered_years) years += (years.empty() ? "" : "、") + std::to_string(year);
    outcome.note = years + " 年不在节假日历（accounts/holidays-cn.toml）内，只按周末判断";
  }
  return outcome;
}

}  // namespace jiangbu

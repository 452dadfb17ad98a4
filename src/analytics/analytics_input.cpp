#include "analytics/analytics_input.hpp"

#include <limits>

#include "core/assert.hpp"

namespace jiangbu {

std::uint32_t StringPool::intern(std::string_view text) {
  const auto found = ids_.find(text);
  if (found != ids_.end()) return found->second;
  JIANGBU_ASSERT(values_.size() < 0xFFFF'FFFFu);
  const auto id = static_cast<std::uint32_t>(values_.size());
  values_.emplace_back(text);
  ids_.emplace(values_.back(), id);
  return id;
}

std::optional<std::uint32_t> StringPool::find(std::string_view text) const {
  const auto found = ids_.find(text);
  if (found == ids_.end()) return std::nullopt;
  return found->second;
}

Date SpendingData::date(const SpendingRow& row) const {
  return Date::from_days(std::chrono::sys_days(std::chrono::days(row.spent_on_day)));
}

void AnalyticsInput::select_rows() {
  selected.clear();
  std::vector<std::uint32_t> award_ids;
  for (const auto& entry : award_units) award_ids.push_back(data.strings.intern(entry.first));
  std::vector<bool> award_selected(data.strings.size(), false);
  for (const auto id : award_ids) award_selected[id] = true;
  const int from_day = selection.from ? selection.from->days_since_epoch() : std::numeric_limits<int>::min();
  const int to_day = selection.to.days_since_epoch();
  for (std::size_t index = 0; index < data.rows.size(); ++index) {
    const SpendingRow& row = data.rows[index];
    if (row.reversed || row.award >= award_selected.size() || !award_selected[row.award]) continue;
    if (row.spent_on_day < from_day || row.spent_on_day > to_day) continue;
    if (!selection.unit_id.empty() && data.text(row.unit) != selection.unit_id) continue;
    selected.push_back(static_cast<std::uint32_t>(index));
  }
}

std::string_view invoice_without_seller(std::string_view invoice_key) {
  const auto last = invoice_key.rfind(':');
  // Keys always end in ":<seller USCC>" (possibly empty); one without a colon is kept whole.
  if (last == std::string_view::npos || last < 2) return invoice_key;
  return invoice_key.substr(0, last);
}

}  // namespace jiangbu

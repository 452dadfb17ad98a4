#include "analytics/holiday_calendar.hpp"

#include <sstream>

#include <toml++/toml.h>

#include "core/assert.hpp"
#include "core/embedded_files.hpp"

namespace jiangbu {

namespace {

constexpr int holiday_days_max = 40;  // the longest official break is 9 days

Error bad(std::string_view origin, const std::string& why) {
  return Error("bad-analytics-config", std::string(origin) + ": " + why);
}

Result<Date> date_at(const toml::array& array, std::size_t index, std::string_view origin, const std::string& where) {
  const auto* text = array.get_as<std::string>(index);
  if (!text) return bad(origin, where + ": expected a date string");
  auto date = Date::parse(text->get());
  if (!date) return bad(origin, where + ": " + date.error().message);
  return date.value();
}

}  // namespace

const HolidayCalendar& HolidayCalendar::embedded() {
  static const HolidayCalendar calendar = [] {
    const auto text = find_embedded_file("accounts/holidays-cn.toml");
    JIANGBU_ASSERT(text.has_value());
    auto parsed = parse(*text, "accounts/holidays-cn.toml");
    JIANGBU_ASSERT(parsed.ok());  // the shipped file is tested
    return parsed.value();
  }();
  return calendar;
}

Result<HolidayCalendar> HolidayCalendar::parse(std::string_view toml_text, std::string_view origin) {
  toml::table root;
  try {
    root = toml::parse(toml_text, origin);
  } catch (const toml::parse_error& error) {
    return bad(origin, std::string(error.description()));
  }
  const auto* years = root["year"].as_array();
  if (!years) return bad(origin, "expected [[year]] blocks");
  HolidayCalendar calendar;
  for (const auto& node : *years) {
    const auto* year_table = node.as_table();
    if (!year_table) return bad(origin, "each [[year]] must be a table");
    CalendarYear year;
    year.year = static_cast<int>((*year_table)["year"].value_or(std::int64_t{0}));
    year.notice = (*year_table)["notice"].value_or(std::string());
    year.issued_on = (*year_table)["issued_on"].value_or(std::string());
    year.url = (*year_table)["url"].value_or(std::string());
    if (year.year < Date::year_min || year.year > Date::year_max || year.notice.empty()) {
      return bad(origin, "a [[year]] needs a year and the notice it comes from");
    }
    if (calendar.years_.contains(year.year)) return bad(origin, "year " + std::to_string(year.year) + " is listed twice");
    const auto* holidays = (*year_table)["holidays"].as_array();
    if (!holidays) return bad(origin, std::to_string(year.year) + ": expected holidays = [...]");
    for (const auto& holiday_node : *holidays) {
      const auto* holiday = holiday_node.as_table();
      const std::string name = holiday ? (*holiday)["name"].value_or(std::string()) : "";
      const auto* off = holiday ? (*holiday)["off"].as_array() : nullptr;
      const auto* work = holiday ? (*holiday)["work"].as_array() : nullptr;
      const std::string where = std::to_string(year.year) + " " + name;
      if (name.empty() || !off || off->size() != 2 || !work) {
        return bad(origin, where + ": each holiday needs name, off = [first, last] and work = [...]");
      }
      auto first = date_at(*off, 0, origin, where);
      if (!first) return first.error();
      auto last = date_at(*off, 1, origin, where);
      if (!last) return last.error();
      const int first_day = first.value().days_since_epoch();
      const int last_day = last.value().days_since_epoch();
      if (last_day < first_day || last_day - first_day >= holiday_days_max) {
        return bad(origin, where + ": the days off must run forwards, at most 40 days");
      }
      for (int day = first_day; day <= last_day; ++day) {
        if (!calendar.holidays_.emplace(day, name).second) return bad(origin, where + ": a day off is listed twice");
      }
      for (std::size_t index = 0; index < work->size(); ++index) {
        auto makeup = date_at(*work, index, origin, where);
        if (!makeup) return makeup.error();
        if (makeup.value().iso_weekday() < 6) {
          return bad(origin, where + ": make-up working day " + makeup.value().to_string() + " is not a weekend");
        }
        calendar.makeup_days_.emplace(makeup.value().days_since_epoch(), name);
      }
    }
    calendar.years_.emplace(year.year, std::move(year));
  }
  return calendar;
}

DayKind HolidayCalendar::kind(const Date& date) const {
  const int day = date.days_since_epoch();
  if (holidays_.contains(day)) return DayKind::public_holiday;
  if (makeup_days_.contains(day)) return DayKind::makeup_working_day;
  return date.iso_weekday() >= 6 ? DayKind::weekend : DayKind::working_day;
}

std::string HolidayCalendar::rest_day_name(const Date& date) const {
  switch (kind(date)) {
    case DayKind::public_holiday: return holidays_.at(date.days_since_epoch());
    case DayKind::weekend: return date.iso_weekday() == 6 ? "周六" : "周日";
    default: return {};
  }
}

}  // namespace jiangbu

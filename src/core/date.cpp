#include "core/date.hpp"

#include <ctime>

#include "core/assert.hpp"
#include "core/printable_text.hpp"

namespace jiangbu {

namespace {

bool parse_digits(std::string_view text, int& out) {
  int value = 0;
  for (const char character : text) {
    if (character < '0' || character > '9') return false;
    value = value * 10 + (character - '0');
  }
  out = value;
  return true;
}

Error bad_date(std::string_view text, const std::string& why) {
  return Error("bad-date", quote_input(text) + " is not a date: " + why);
}

}  // namespace

Result<Date> Date::parse(std::string_view text) {
  if (text.empty()) return Error("missing-field", "date is empty");
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
    return bad_date(text, "expected YYYY-MM-DD");
  }
  int year = 0;
  int month = 0;
  int day = 0;
  if (!parse_digits(text.substr(0, 4), year) || !parse_digits(text.substr(5, 2), month) ||
      !parse_digits(text.substr(8, 2), day)) {
    return bad_date(text, "expected YYYY-MM-DD");
  }
  if (year < year_min || year > year_max) {
    return bad_date(text, "year must be between " + std::to_string(year_min) + " and " +
                              std::to_string(year_max));
  }
  const std::chrono::year_month_day value{std::chrono::year(year),
                                          std::chrono::month(static_cast<unsigned>(month)),
                                          std::chrono::day(static_cast<unsigned>(day))};
  if (!value.ok()) return bad_date(text, "no such day in the calendar");
  return Date(value);
}

Date Date::from_parts(int year, unsigned month, unsigned day) {
  const std::chrono::year_month_day value{std::chrono::year(year), std::chrono::month(month),
                                          std::chrono::day(day)};
  JIANGBU_ASSERT(value.ok());
  return Date(value);
}

Date Date::from_days(std::chrono::sys_days days) {
  const std::chrono::year_month_day value(days);
  JIANGBU_ASSERT(static_cast<int>(value.year()) >= year_min && static_cast<int>(value.year()) <= year_max);
  return Date(value);
}

unsigned Date::iso_weekday() const { return std::chrono::weekday(days()).iso_encoding(); }

Date Date::today_local() {
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  return from_parts(local.tm_year + 1900, static_cast<unsigned>(local.tm_mon + 1),
                    static_cast<unsigned>(local.tm_mday));
}

std::string Date::to_string() const {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", year(), month(), day());
  return buffer;
}

Date Date::plus_days(int days) const {
  return Date(std::chrono::year_month_day(this->days() + std::chrono::days(days)));
}

Date Date::plus_years(int years) const {
  const unsigned last_day = month() == 2 && day() == 29 ? 28 : day();
  return from_parts(year() + years, month(), last_day);
}

}  // namespace jiangbu

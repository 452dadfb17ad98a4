#pragma once
// A calendar date without time zone, as printed on vouchers and invoices.
// Parsed only from strict ISO "YYYY-MM-DD"; 2024-02-30 is refused.
#include <chrono>
#include <compare>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace jiangbu {

class Date {
 public:
  static constexpr int year_min = 1900;  // anything earlier is a typo, not a voucher
  static constexpr int year_max = 2199;

  static Result<Date> parse(std::string_view text);
  static Date from_parts(int year, unsigned month, unsigned day);  // asserts validity
  static Date today_local();
  // From a day count (std::chrono::sys_days); asserts the year is in range.
  static Date from_days(std::chrono::sys_days days);

  [[nodiscard]] int year() const { return static_cast<int>(value_.year()); }
  [[nodiscard]] unsigned month() const { return static_cast<unsigned>(value_.month()); }
  [[nodiscard]] unsigned day() const { return static_cast<unsigned>(value_.day()); }
  [[nodiscard]] std::string to_string() const;  // "2024-03-01"
  [[nodiscard]] std::chrono::sys_days days() const { return std::chrono::sys_days(value_); }
  [[nodiscard]] int days_since_epoch() const { return static_cast<int>(days().time_since_epoch().count()); }
  [[nodiscard]] unsigned iso_weekday() const;  // 1 = Monday … 7 = Sunday
  [[nodiscard]] Date plus_days(int days) const;
  // The same day N years later; 29 February becomes 28 February.
  [[nodiscard]] Date plus_years(int years) const;

  friend bool operator==(const Date&, const Date&) = default;
  friend std::strong_ordering operator<=>(const Date& left, const Date& right) {
    return left.days() <=> right.days();
  }

 private:
  explicit Date(std::chrono::year_month_day value) : value_(value) {}
  std::chrono::year_month_day value_;
};

}  // namespace jiangbu

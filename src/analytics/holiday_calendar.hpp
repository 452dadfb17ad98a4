#pragma once
// China's official calendar of public holidays (法定节假日) and make-up
// working days (调休上班日), as the State Council announces it each year,
// shipped as data in accounts/holidays-cn.toml with each year's notice.
// Outside the years it covers, only Saturdays and Sundays count as rest days,
// and callers say so.
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "core/result.hpp"

namespace jiangbu {

enum class DayKind { working_day, weekend, public_holiday, makeup_working_day };

struct CalendarYear {
  int year = 0;
  std::string notice;     // 国务院办公厅关于2024年部分节假日安排的通知（国办发明电〔2023〕7号）
  std::string issued_on;  // "2023-10-25"
  std::string url;
};

class HolidayCalendar {
 public:
  // accounts/holidays-cn.toml as compiled in.
  static const HolidayCalendar& embedded();
  // Refuses malformed dates, a make-up day that is not a weekend, an
  // official day off listed twice, or a year listed twice.
  static Result<HolidayCalendar> parse(std::string_view toml_text, std::string_view origin);

  [[nodiscard]] DayKind kind(const Date& date) const;
  [[nodiscard]] bool is_rest_day(const Date& date) const {
    const DayKind day = kind(date);
    return day == DayKind::weekend || day == DayKind::public_holiday;
  }
  // "国庆节", "周六", "周日"; empty on a working day.
  [[nodiscard]] std::string rest_day_name(const Date& date) const;
  [[nodiscard]] bool covers(int year) const { return years_.contains(year); }
  [[nodiscard]] const std::map<int, CalendarYear>& years() const { return years_; }

 private:
  std::map<int, CalendarYear> years_;
  std::map<int, std::string> holidays_;  // day number -> holiday name
  std::map<int, std::string> makeup_days_;  // day number -> the holiday it makes up for
};

}  // namespace jiangbu

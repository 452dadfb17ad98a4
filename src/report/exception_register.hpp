#pragma once
// 异常登记簿 as a report: every rejected submission on the selected awards
// (or naming the selected unit), with its reasons, the amount as submitted,
// and whether it was rectified — a later corrected resubmission, possibly
// after further rejections, was accepted.
//
// A submission is placed in the period by the date it states; one whose
// date cannot be read is always listed, since it cannot be placed and must
// not be dropped.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "money/money.hpp"
#include "report/report_document.hpp"
#include "report/report_selection.hpp"
#include "store/database.hpp"

namespace jiangbu {

struct ExceptionItem {
  std::int64_t exception_id = 0;
  std::string external_id;
  std::string unit_uscc;
  std::string award_id;
  std::string stated_date;          // as submitted
  std::string amount_text;          // as submitted
  std::optional<Money> amount;      // when the submitted amount reads as money
  std::vector<std::string> reasons; // codes, registry order
  std::string messages;
  std::optional<std::int64_t> rectified_by_expenditure_id;
};

inline constexpr std::size_t exception_items_max = 1'000'000;

Result<std::vector<ExceptionItem>> exception_items(Database& database, const ReportSelection& selection);

ReportTable exception_table(const std::vector<ExceptionItem>& items);
ReportDocument exception_register_document(const ReportSelection& selection, const std::vector<ExceptionItem>& items);

}  // namespace jiangbu

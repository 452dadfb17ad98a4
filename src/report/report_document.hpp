#pragma once
// A report as data, independent of how it is written out: a titled document
// of sections, each a sequence of paragraphs, tables and bar charts. Every
// export format (text, CSV, JSON, HTML, XLSX, PDF) renders the same document,
// which is how the numbers stay identical across formats: nothing is computed
// while rendering, only laid out.
//
// Cell values are plain strings fixed by kind, never floating point:
//   text     as is
//   money    Money::to_plain_string(): "-1234567.80" (元, two decimals)
//   percent  percent with two decimals, no sign: "87.50" means 87.50 %
//            (see format_percent; XLSX stores it as the number 0.8750)
//   count    a decimal integer: "17"
//   date     ISO "2024-05-01"
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "money/money.hpp"

namespace jiangbu {

enum class CellKind { text, money, percent, count, date };
std::string_view cell_kind_name(CellKind kind);  // "text", "money", …

struct ReportColumn {
  std::string key;     // machine name: CSV header, JSON key ("amount")
  std::string header;  // what people read ("金额(元)")
  CellKind kind = CellKind::text;
};

struct ReportTable {
  std::string key;    // unique within the document: "spending_by_category"
  std::string title;  // "按类别支出"
  std::vector<ReportColumn> columns;
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> total_row;  // empty, or one cell per column ("合计" in the first)
  std::string empty_text = "无";       // shown instead of the rows when there are none

  void add_row(std::vector<std::string> row);          // asserts the width
  void set_total_row(std::vector<std::string> row);    // asserts the width
};

struct ChartBar {
  std::string label;
  std::string value;  // plain, of the chart's value_kind
};

// Horizontal bars, one per item, longest = largest value. Values are money
// or percent; renderers compute bar lengths with integer arithmetic.
struct BarChart {
  std::string key;
  std::string title;
  CellKind value_kind = CellKind::money;
  std::vector<ChartBar> bars;
};

struct Paragraph {
  std::string text;
};

using ReportBlock = std::variant<Paragraph, ReportTable, BarChart>;

struct ReportSection {
  std::string key;    // "overview"
  std::string title;  // "一、基本情况"
  std::vector<ReportBlock> blocks;
};

struct ReportDocument {
  std::string key;       // "audit", "trial_balance", … (file names, JSON)
  std::string title;     // "专项资金审计报告"
  std::string subtitle;  // one line under the title, may be empty
  std::vector<std::pair<std::string, std::string>> metadata;  // ("报告期间", "2024-01-01 至 2024-12-31")
  std::vector<ReportSection> sections;

  // Every table of the document in order, for tests and the CSV writer.
  [[nodiscard]] std::vector<const ReportTable*> tables() const;
  [[nodiscard]] const ReportTable* find_table(std::string_view table_key) const;
};

// numerator ÷ denominator as a percent with two decimals, rounded half up on
// the exact rational ("87.50"); "" when the denominator is zero. Both
// amounts must be non-negative.
std::string format_percent(const Money& numerator, const Money& denominator);
// The same for any two non-negative integers (counts: 整改率 = rectified ÷ findings).
std::string format_percent(const FenInteger& numerator, const FenInteger& denominator);
// "87.50" -> "0.8750": the same value as a fraction, digits shifted, exact.
std::string percent_as_fraction(const std::string& percent);

}  // namespace jiangbu

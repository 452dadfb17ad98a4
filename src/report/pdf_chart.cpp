#include "report/pdf_chart.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstddef>
#include <string>
#include <vector>

#include "core/reason_code.hpp"
#include "money/money_format.hpp"
#include "report/chart_scale.hpp"
#include "report/pdf_cell_text.hpp"

namespace jiangbu {

namespace {

constexpr double caption_gap_points = 6;
constexpr double label_share_max = 0.35;  // of the content width
constexpr double gap_points = 6;
constexpr double row_padding_points = 3;
constexpr double bar_thickness_max_points = 11;
// Bar lengths are computed in hundredths of a point: finer than any printer.
constexpr double length_units_per_point = 100;

constexpr Rgb money_bar_color{0.23, 0.42, 0.65};
constexpr Rgb percent_bar_color{0.25, 0.58, 0.40};
constexpr Rgb axis_color{0.3, 0.3, 0.3};

struct ChartRow {
  std::string label;
  std::string value_text;  // "1,234.56 元", "87.50%"
  double length_points = 0;  // of the bar
  double height_points = 0;
};

struct ChartPlan {
  std::vector<ChartRow> rows;
  double label_width_points = 0;
  double value_width_points = 0;
  double bar_length_max_points = 0;
};

Result<ChartRow> read_bar(const BarChart& chart, const ChartBar& bar) {
  ChartRow row;
  row.label = bar.label;
  if (chart.value_kind == CellKind::money) {
    auto money = read_money_value(bar.value);
    if (!money) return Error(money.error().code, "图「" + chart.title + "」" + money.error().message, chart.key);
    row.value_text = format_yuan(money.value()) + " 元";
    return row;
  }
  if (chart.value_kind == CellKind::percent) {
    auto hundredths = read_percent_hundredths(bar.value);
    if (!hundredths) {
      return Error(hundredths.error().code, "图「" + chart.title + "」" + hundredths.error().message, chart.key);
    }
    row.value_text = bar.value + "%";
    return row;
  }
  return make_error(ReasonCode::bad_amount,
                    "图「" + chart.title + "」的数值类型须为金额或百分比，而非 " +
                        std::string(cell_kind_name(chart.value_kind)),
                    chart.key);
}

Result<double> widest(const std::vector<ChartRow>& rows, bool labels, const PdfText& text) {
  double widest_points = 0;
  for (const ChartRow& row : rows) {
    auto extent = text.measure(TextBox{labels ? row.label : row.value_text, TextRole::cell});
    if (!extent) return extent.error();
    widest_points = std::max(widest_points, extent.value().width_points);
  }
  return widest_points;
}

Result<ChartPlan> plan_chart(const BarChart& chart, const PdfText& text) {
  ChartPlan plan;
  for (const ChartBar& bar : chart.bars) {
    auto row = read_bar(chart, bar);
    if (!row) return row.error();
    plan.rows.push_back(std::move(row).value());
  }
  auto label_width = widest(plan.rows, true, text);
  if (!label_width) return label_width.error();
  auto value_width = widest(plan.rows, false, text);
  if (!value_width) return value_width.error();
  plan.label_width_points = std::min(label_width.value() + 1, a4::content_width_points * label_share_max);
  plan.value_width_points = value_width.value() + 1;
  plan.bar_length_max_points =
      a4::content_width_points - plan.label_width_points - plan.value_width_points - 2 * gap_points;
  // Every value was read above, so bar_lengths meets only plain values.
  const auto length_max_units =
      static_cast<std::int64_t>(std::floor(plan.bar_length_max_points * length_units_per_point));
  const std::vector<std::int64_t> lengths_units = bar_lengths(chart, std::max<std::int64_t>(length_max_units, 0));
  for (std::size_t index = 0; index < plan.rows.size(); ++index) {
    ChartRow& row = plan.rows[index];
    row.length_points = static_cast<double>(lengths_units[index]) / length_units_per_point;
    TextBox label{row.label, TextRole::cell};
    label.wrap_width_points = plan.label_width_points;
    auto extent = text.measure(label);
    if (!extent) return extent.error();
    row.height_points = std::max(extent.value().height_points, text.line_height_points(TextRole::cell)) +
                        2 * row_padding_points;
  }
  return plan;
}

void place_bar(const BarChart& chart, const ChartPlan& plan, const ChartRow& row, PageFlow& flow) {
  const double top_points = flow.y_points();
  const double bar_left_points = a4::content_left_points + plan.label_width_points + gap_points;
  TextBox label{row.label, TextRole::cell};
  label.x_points = a4::content_left_points;
  label.y_points = top_points + row_padding_points;
  label.wrap_width_points = plan.label_width_points;
  label.align = TextAlign::right;
  flow.add(std::move(label));

  const double length_points = row.length_points;
  const double thickness_points = std::min(bar_thickness_max_points, row.height_points - 2 * row_padding_points);
  const Rgb color = chart.value_kind == CellKind::percent ? percent_bar_color : money_bar_color;
  flow.add(FilledRect{bar_left_points, top_points + (row.height_points - thickness_points) / 2, length_points,
                      thickness_points, color});

  TextBox value{row.value_text, TextRole::cell};
  value.x_points = bar_left_points + length_points + gap_points;
  value.y_points = top_points + row_padding_points;
  flow.add(std::move(value));
  flow.add(Rule{bar_left_points, top_points, bar_left_points, top_points + row.height_points, 0.6, axis_color});
  flow.advance(row.height_points);
}

Result<double> place_caption(const BarChart& chart, const PdfText& text, PageFlow& flow, double keep_with_points) {
  TextBox caption{chart.title, TextRole::caption};
  caption.wrap_width_points = a4::content_width_points;
  caption.align = TextAlign::center;
  auto extent = text.measure(caption);
  if (!extent) return extent.error();
  const double height_points = extent.value().height_points + caption_gap_points;
  flow.keep_together(height_points + keep_with_points);
  caption.x_points = a4::content_left_points;
  caption.y_points = flow.y_points();
  flow.add(std::move(caption));
  flow.advance(height_points);
  return height_points;
}

}  // namespace

Status layout_bar_chart(const BarChart& chart, const PdfText& text, PageFlow& flow) {
  auto planned = plan_chart(chart, text);
  if (!planned) return planned.error();
  const ChartPlan& plan = planned.value();
  if (plan.rows.empty()) {
    const double line_points = text.line_height_points(TextRole::cell);
    auto caption = place_caption(chart, text, flow, line_points);
    if (!caption) return caption.error();
    TextBox none{"无", TextRole::cell};
    none.x_points = a4::content_left_points;
    none.y_points = flow.y_points();
    none.wrap_width_points = a4::content_width_points;
    none.align = TextAlign::center;
    flow.add(std::move(none));
    flow.advance(line_points);
    return success();
  }
  auto caption = place_caption(chart, text, flow, plan.rows.front().height_points);
  if (!caption) return caption.error();
  for (const ChartRow& row : plan.rows) {
    if (!flow.fits(row.height_points) && !flow.at_page_top()) flow.new_page();
    place_bar(chart, plan, row, flow);
  }
  return success();
}

}  // namespace jiangbu

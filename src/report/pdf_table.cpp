#include "report/pdf_table.hpp"

#include <algorithm>
#include <cstddef>
#include <numeric>
#include <optional>
#include <string>

#include "core/assert.hpp"
#include "report/pdf_cell_text.hpp"

namespace jiangbu {

namespace {

constexpr double padding_x_points = 4;
constexpr double padding_y_points = 2.5;
constexpr double caption_gap_points = 4;
// Measured widths go back into Pango as wrap widths; the slack keeps a
// rounding difference from wrapping a cell that was sized to fit it.
constexpr double natural_slack_points = 0.5;
// Narrower than about four characters a wrapped column is unreadable.
constexpr double wrapped_column_min_points = 40;

constexpr Rgb header_fill{0.86, 0.89, 0.94};
constexpr Rgb total_fill{0.94, 0.94, 0.94};
constexpr Rgb grid_color{0.45, 0.45, 0.45};
constexpr double grid_thickness_points = 0.5;

struct PlacedRow {
  std::vector<std::string> cells;  // printed text, one per column
  TextRole role = TextRole::cell;
  bool centered = false;           // header cells
  std::optional<Rgb> fill;
  double height_points = 0;
};

struct TablePlan {
  std::vector<double> widths_points;
  std::vector<TextAlign> aligns;
  PlacedRow header;
  std::vector<PlacedRow> body;  // the rows, then the total row
};

TextAlign align_of(CellKind kind) {
  switch (kind) {
    case CellKind::money:
    case CellKind::percent:
    case CellKind::count: return TextAlign::right;
    case CellKind::date: return TextAlign::center;
    case CellKind::text: return TextAlign::left;
  }
  return TextAlign::left;
}

Error in_table(const ReportTable& table, const std::string& where, const Error& error) {
  return Error(error.code, "表「" + table.title + "」" + where + "：" + error.message, table.key);
}

Result<PlacedRow> printed_row(const ReportTable& table, const std::vector<std::string>& plain,
                              const std::string& where) {
  PlacedRow row;
  for (std::size_t column = 0; column < table.columns.size() && column < plain.size(); ++column) {
    auto printed = printed_cell_text(table.columns[column].kind, plain[column]);
    if (!printed) return in_table(table, where, printed.error());
    row.cells.push_back(std::move(printed).value());
  }
  return row;
}

Result<std::vector<double>> natural_widths(const TablePlan& plan, const PdfText& text) {
  std::vector<double> widths(plan.header.cells.size(), 0.0);
  auto widen = [&](const PlacedRow& row) -> Status {
    for (std::size_t column = 0; column < row.cells.size(); ++column) {
      auto extent = text.measure(TextBox{row.cells[column], row.role});
      if (!extent) return extent.error();
      widths[column] = std::max(widths[column], extent.value().width_points + 2 * padding_x_points +
                                                    natural_slack_points);
    }
    return success();
  };
  if (auto status = widen(plan.header); !status) return status.error();
  for (const PlacedRow& row : plan.body) {
    if (auto status = widen(row); !status) return status.error();
  }
  return widths;
}

TextBox cell_box(const TablePlan& plan, const PlacedRow& row, std::size_t column, double x_points,
                 double y_points) {
  TextBox box{row.cells[column], row.role};
  box.x_points = x_points + padding_x_points;
  box.y_points = y_points + padding_y_points;
  box.wrap_width_points = plan.widths_points[column] - 2 * padding_x_points;
  box.align = row.centered ? TextAlign::center : plan.aligns[column];
  return box;
}

Status measure_heights(TablePlan& plan, PlacedRow& row, const PdfText& text) {
  double tallest_points = text.line_height_points(row.role);
  for (std::size_t column = 0; column < row.cells.size(); ++column) {
    auto extent = text.measure(cell_box(plan, row, column, 0, 0));
    if (!extent) return extent.error();
    tallest_points = std::max(tallest_points, extent.value().height_points);
  }
  row.height_points = tallest_points + 2 * padding_y_points;
  return success();
}

Result<TablePlan> plan_table(const ReportTable& table, const PdfText& text) {
  TablePlan plan;
  plan.header.role = TextRole::cell_bold;
  plan.header.centered = true;
  plan.header.fill = header_fill;
  std::vector<bool> wrappable;
  for (const ReportColumn& column : table.columns) {
    plan.header.cells.push_back(column.header);
    plan.aligns.push_back(align_of(column.kind));
    wrappable.push_back(column.kind == CellKind::text);
  }
  for (std::size_t index = 0; index < table.rows.size(); ++index) {
    auto row = printed_row(table, table.rows[index], "第 " + std::to_string(index + 1) + " 行");
    if (!row) return row.error();
    plan.body.push_back(std::move(row).value());
  }
  if (!table.total_row.empty()) {
    auto total = printed_row(table, table.total_row, "合计行");
    if (!total) return total.error();
    plan.body.push_back(std::move(total).value());
    plan.body.back().role = TextRole::cell_bold;
    plan.body.back().fill = total_fill;
  }
  auto natural = natural_widths(plan, text);
  if (!natural) return natural.error();
  plan.widths_points = fit_column_widths(natural.value(), wrappable, a4::content_width_points);
  if (auto status = measure_heights(plan, plan.header, text); !status) return status.error();
  for (PlacedRow& row : plan.body) {
    if (auto status = measure_heights(plan, row, text); !status) return status.error();
  }
  return plan;
}

void add_rule(PageFlow& flow, double x1_points, double y1_points, double x2_points, double y2_points) {
  flow.add(Rule{x1_points, y1_points, x2_points, y2_points, grid_thickness_points, grid_color});
}

// One row at the cursor: fill, cell texts, the rules below and between.
void place_row(const TablePlan& plan, const PlacedRow& row, PageFlow& flow) {
  const double top_points = flow.y_points();
  const double bottom_points = top_points + row.height_points;
  const double left_points = a4::content_left_points;
  const double right_points = left_points + a4::content_width_points;
  if (row.fill) {
    flow.add(FilledRect{left_points, top_points, a4::content_width_points, row.height_points, *row.fill});
  }
  double x_points = left_points;
  for (std::size_t column = 0; column < row.cells.size(); ++column) {
    flow.add(cell_box(plan, row, column, x_points, top_points));
    add_rule(flow, x_points, top_points, x_points, bottom_points);
    x_points += plan.widths_points[column];
  }
  add_rule(flow, right_points, top_points, right_points, bottom_points);
  add_rule(flow, left_points, bottom_points, right_points, bottom_points);
  flow.advance(row.height_points);
}

void place_header(const TablePlan& plan, PageFlow& flow) {
  add_rule(flow, a4::content_left_points, flow.y_points(),
           a4::content_left_points + a4::content_width_points, flow.y_points());
  place_row(plan, plan.header, flow);
}

Result<double> place_caption(const std::string& caption, const PdfText& text, PageFlow& flow,
                             double keep_with_points) {
  TextBox box{caption, TextRole::caption};
  box.wrap_width_points = a4::content_width_points;
  box.align = TextAlign::center;
  auto extent = text.measure(box);
  if (!extent) return extent.error();
  const double height_points = extent.value().height_points + caption_gap_points;
  flow.keep_together(height_points + keep_with_points);
  box.x_points = a4::content_left_points;
  box.y_points = flow.y_points();
  flow.add(std::move(box));
  flow.advance(height_points);
  return height_points;
}

// The table's empty text in one row across every column.
Status place_empty(const ReportTable& table, const PdfText& text, PageFlow& flow) {
  TextBox box{table.empty_text, TextRole::cell};
  box.wrap_width_points = a4::content_width_points - 2 * padding_x_points;
  box.align = TextAlign::center;
  auto extent = text.measure(box);
  if (!extent) return extent.error();
  const double height_points =
      std::max(extent.value().height_points, text.line_height_points(TextRole::cell)) + 2 * padding_y_points;
  const double left_points = a4::content_left_points;
  const double right_points = left_points + a4::content_width_points;
  const double top_points = flow.y_points();
  box.x_points = left_points + padding_x_points;
  box.y_points = top_points + padding_y_points;
  flow.add(std::move(box));
  add_rule(flow, left_points, top_points, left_points, top_points + height_points);
  add_rule(flow, right_points, top_points, right_points, top_points + height_points);
  add_rule(flow, left_points, top_points + height_points, right_points, top_points + height_points);
  flow.advance(height_points);
  return success();
}

}  // namespace

std::vector<double> fit_column_widths(const std::vector<double>& natural_points,
                                      const std::vector<bool>& wrappable, double available_points) {
  JIANGBU_ASSERT(natural_points.size() == wrappable.size() && available_points > 0);
  const std::size_t count = natural_points.size();
  if (count == 0) return {};
  const double total_points = std::accumulate(natural_points.begin(), natural_points.end(), 0.0);
  auto scaled = [&](double factor) {
    std::vector<double> widths;
    for (double natural : natural_points) widths.push_back(natural * factor);
    return widths;
  };
  if (total_points <= 0) return std::vector<double>(count, available_points / static_cast<double>(count));
  if (total_points <= available_points) return scaled(available_points / total_points);

  std::vector<double> wrapping_points;
  double fixed_points = 0;
  for (std::size_t column = 0; column < count; ++column) {
    if (wrappable[column]) wrapping_points.push_back(natural_points[column]);
    else fixed_points += natural_points[column];
  }
  const double remaining_points = available_points - fixed_points;
  if (wrapping_points.empty() ||
      remaining_points < wrapped_column_min_points * static_cast<double>(wrapping_points.size())) {
    return scaled(available_points / total_points);
  }
  // The cap is the width that, with the narrower columns at their natural
  // width and the wider ones at the cap, uses exactly what remains.
  std::sort(wrapping_points.begin(), wrapping_points.end());
  double used_points = 0;
  std::size_t capped = wrapping_points.size();
  for (double natural : wrapping_points) {
    if (natural * static_cast<double>(capped) > remaining_points - used_points) break;
    used_points += natural;
    --capped;
  }
  if (capped == 0) return scaled(available_points / total_points);  // only by rounding
  const double cap_points = (remaining_points - used_points) / static_cast<double>(capped);
  std::vector<double> widths;
  for (std::size_t column = 0; column < count; ++column) {
    widths.push_back(wrappable[column] ? std::min(natural_points[column], cap_points) : natural_points[column]);
  }
  return widths;
}

Status layout_table(const ReportTable& table, const PdfText& text, PageFlow& flow) {
  auto planned = plan_table(table, text);
  if (!planned) return planned.error();
  const TablePlan& plan = planned.value();
  const double first_row_points =
      plan.body.empty() ? plan.header.height_points : plan.body.front().height_points;
  // The title stays with the header and at least the first row.
  auto caption = place_caption(table.title, text, flow, plan.header.height_points + first_row_points);
  if (!caption) return caption.error();
  place_header(plan, flow);
  if (plan.body.empty()) return place_empty(table, text, flow);
  for (const PlacedRow& row : plan.body) {
    if (!flow.fits(row.height_points) && !flow.at_page_top()) {
      flow.new_page();
      auto continued = place_caption(table.title + "（续）", text, flow, 0);
      if (!continued) return continued.error();
      place_header(plan, flow);
    }
    place_row(plan, row, flow);
  }
  return success();
}

}  // namespace jiangbu

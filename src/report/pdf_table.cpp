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

// At the normal table size (9 pt); both scale with the type.
constexpr double padding_x_em = 4.0 / 9.0;
constexpr double padding_y_em = 2.5 / 9.0;
constexpr double caption_gap_points = 4;
// Measured widths go back into Pango as wrap widths; the slack keeps a
// rounding difference from wrapping a cell that was sized to fit it.
constexpr double natural_slack_points = 0.5;
// Narrower than about three characters a wrapped column is unreadable.
constexpr double column_min_em = 3;
constexpr int font_sizes_max = 64;  // a bound for the walk down the sizes

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
  PageOrientation orientation = PageOrientation::portrait;
  PageFrame frame = page_frame(PageOrientation::portrait);
  double font_size_points = 0;
  double padding_x_points = 0;
  double padding_y_points = 0;
  std::vector<double> widths_points;
  std::vector<TextAlign> aligns;
  std::vector<bool> numeric;
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

// The cells as printed, before any size or width is chosen.
Result<TablePlan> printed_table(const ReportTable& table) {
  TablePlan plan;
  plan.header.role = TextRole::cell_bold;
  plan.header.centered = true;
  plan.header.fill = header_fill;
  for (const ReportColumn& column : table.columns) {
    plan.header.cells.push_back(column.header);
    plan.aligns.push_back(align_of(column.kind));
    plan.numeric.push_back(column.kind != CellKind::text);
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
  return plan;
}

// Widest one-line width of each column's cells in `rows`, padding included.
Result<std::vector<double>> widest_cells(const std::vector<const PlacedRow*>& rows, std::size_t column_count,
                                         const PdfText& text, double font_size_points) {
  std::vector<double> widths(column_count, 0.0);
  const double padding_points = 2 * padding_x_em * font_size_points + natural_slack_points;
  for (const PlacedRow* row : rows) {
    for (std::size_t column = 0; column < row->cells.size() && column < column_count; ++column) {
      TextBox box{row->cells[column], row->role};
      box.font_size_points = font_size_points;
      auto extent = text.measure(box);
      if (!extent) return extent.error();
      widths[column] = std::max(widths[column], extent.value().width_points + padding_points);
    }
  }
  return widths;
}

Result<std::vector<ColumnNeed>> column_needs(const TablePlan& plan, const PdfText& text,
                                             double font_size_points) {
  const std::size_t count = plan.header.cells.size();
  auto header = widest_cells({&plan.header}, count, text, font_size_points);
  if (!header) return header.error();
  std::vector<const PlacedRow*> body;
  for (const PlacedRow& row : plan.body) body.push_back(&row);
  auto values = widest_cells(body, count, text, font_size_points);
  if (!values) return values.error();
  const double readable_points = (column_min_em + 2 * padding_x_em) * font_size_points;
  std::vector<ColumnNeed> needs;
  for (std::size_t column = 0; column < count; ++column) {
    ColumnNeed need;
    need.natural_points = std::max(header.value()[column], values.value()[column]);
    need.minimum_points = std::min(need.natural_points, readable_points);
    need.numeric = plan.numeric[column];
    if (need.numeric) need.minimum_points = std::max(need.minimum_points, values.value()[column]);
    needs.push_back(need);
  }
  return needs;
}

std::vector<ColumnNeed> scaled_needs(std::vector<ColumnNeed> needs, double factor) {
  for (ColumnNeed& need : needs) {
    need.natural_points *= factor;
    need.minimum_points *= factor;
  }
  return needs;
}

double minimum_total_points(const std::vector<ColumnNeed>& needs) {
  double total_points = 0;
  for (const ColumnNeed& need : needs) total_points += need.minimum_points;
  return total_points;
}

void set_size(TablePlan& plan, PageOrientation orientation, double font_size_points) {
  plan.orientation = orientation;
  plan.frame = page_frame(orientation);
  plan.font_size_points = font_size_points;
  plan.padding_x_points = padding_x_em * font_size_points;
  plan.padding_y_points = padding_y_em * font_size_points;
}

// Widths at `size_points` that keep every number whole, if there are any.
// Judged first from the widths at the normal size scaled down (text widths
// are linear in the size, as metrics are not hinted), so that a long table
// is measured again only at a size that should fit.
Result<std::optional<std::vector<double>>> widths_at_size(const TablePlan& plan, const PdfText& text,
                                                          const std::vector<ColumnNeed>& normal_needs,
                                                          double normal_points, double size_points,
                                                          double available_points) {
  if (minimum_total_points(scaled_needs(normal_needs, size_points / normal_points)) > available_points) {
    return std::optional<std::vector<double>>();
  }
  if (size_points == normal_points) return fit_column_widths(normal_needs, available_points);
  auto needs = column_needs(plan, text, size_points);
  if (!needs) return needs.error();
  return fit_column_widths(needs.value(), available_points);
}

// The largest size, portrait before landscape, at which the numeric
// columns fit whole; failing that the smallest size in landscape with the
// columns squeezed.
Status choose_size_and_widths(TablePlan& plan, const PdfText& text) {
  const double normal_points = PdfText::role_size_points(TextRole::cell);
  auto normal = column_needs(plan, text, normal_points);
  if (!normal) return normal.error();
  for (PageOrientation orientation : {PageOrientation::portrait, PageOrientation::landscape}) {
    const double available_points = page_frame(orientation).content_width_points;
    for (int step = 0; step < font_sizes_max; ++step) {
      const double size_points = normal_points - static_cast<double>(step) * table_font_size_step_points;
      if (size_points < table_font_size_min_points) break;
      auto widths = widths_at_size(plan, text, normal.value(), normal_points, size_points, available_points);
      if (!widths) return widths.error();
      if (widths.value()) {
        set_size(plan, orientation, size_points);
        plan.widths_points = std::move(*widths.value());
        return success();
      }
    }
  }
  set_size(plan, PageOrientation::landscape, table_font_size_min_points);
  auto smallest = column_needs(plan, text, table_font_size_min_points);
  if (!smallest) return smallest.error();
  plan.widths_points = squeezed_column_widths(smallest.value(), plan.frame.content_width_points);
  return success();
}

TextBox cell_box(const TablePlan& plan, const PlacedRow& row, std::size_t column, double x_points,
                 double y_points) {
  TextBox box{row.cells[column], row.role};
  box.x_points = x_points + plan.padding_x_points;
  box.y_points = y_points + plan.padding_y_points;
  box.wrap_width_points = plan.widths_points[column] - 2 * plan.padding_x_points;
  box.align = row.centered ? TextAlign::center : plan.aligns[column];
  box.font_size_points = plan.font_size_points;
  return box;
}

Status measure_heights(TablePlan& plan, PlacedRow& row, const PdfText& text) {
  double tallest_points = text.line_height_points(row.role, plan.font_size_points);
  for (std::size_t column = 0; column < row.cells.size(); ++column) {
    auto extent = text.measure(cell_box(plan, row, column, 0, 0));
    if (!extent) return extent.error();
    tallest_points = std::max(tallest_points, extent.value().height_points);
  }
  row.height_points = tallest_points + 2 * plan.padding_y_points;
  return success();
}

Result<TablePlan> plan_table(const ReportTable& table, const PdfText& text) {
  auto printed = printed_table(table);
  if (!printed) return printed.error();
  TablePlan plan = std::move(printed).value();
  if (auto chosen = choose_size_and_widths(plan, text); !chosen) return chosen.error();
  if (auto status = measure_heights(plan, plan.header, text); !status) return status.error();
  for (PlacedRow& row : plan.body) {
    if (auto status = measure_heights(plan, row, text); !status) return status.error();
  }
  return plan;
}

// Widths clamp(cap, low, high) for the one cap at which they add up to
// `target_points`, found between the sorted bounds, where the total is
// linear in the cap.
std::vector<double> capped_widths(const std::vector<double>& low, const std::vector<double>& high,
                                  double target_points) {
  auto widths_at = [&](double cap_points) {
    std::vector<double> widths;
    for (std::size_t index = 0; index < low.size(); ++index) {
      widths.push_back(std::clamp(cap_points, low[index], high[index]));
    }
    return widths;
  };
  auto total_at = [&](double cap_points) {
    const std::vector<double> widths = widths_at(cap_points);
    return std::accumulate(widths.begin(), widths.end(), 0.0);
  };
  std::vector<double> bounds = low;
  bounds.insert(bounds.end(), high.begin(), high.end());
  std::sort(bounds.begin(), bounds.end());
  if (bounds.empty() || target_points <= total_at(bounds.front())) return low;
  for (std::size_t index = 0; index + 1 < bounds.size(); ++index) {
    const double lower_points = total_at(bounds[index]);
    const double upper_points = total_at(bounds[index + 1]);
    if (upper_points < target_points) continue;
    if (upper_points <= lower_points) return widths_at(bounds[index + 1]);
    return widths_at(bounds[index] + (target_points - lower_points) * (bounds[index + 1] - bounds[index]) /
                                         (upper_points - lower_points));
  }
  return high;
}

void add_rule(PageFlow& flow, double x1_points, double y1_points, double x2_points, double y2_points) {
  flow.add(Rule{x1_points, y1_points, x2_points, y2_points, grid_thickness_points, grid_color});
}

// One row at the cursor: fill, cell texts, the rules below and between.
void place_row(const TablePlan& plan, const PlacedRow& row, PageFlow& flow) {
  const double top_points = flow.y_points();
  const double bottom_points = top_points + row.height_points;
  const double left_points = plan.frame.content_left_points;
  const double right_points = left_points + plan.frame.content_width_points;
  if (row.fill) {
    flow.add(FilledRect{left_points, top_points, plan.frame.content_width_points, row.height_points, *row.fill});
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
  add_rule(flow, plan.frame.content_left_points, flow.y_points(),
           plan.frame.content_left_points + plan.frame.content_width_points, flow.y_points());
  place_row(plan, plan.header, flow);
}

Result<double> place_caption(const std::string& caption, const PdfText& text, PageFlow& flow,
                             double keep_with_points) {
  TextBox box{caption, TextRole::caption};
  box.wrap_width_points = flow.frame().content_width_points;
  box.align = TextAlign::center;
  auto extent = text.measure(box);
  if (!extent) return extent.error();
  const double height_points = extent.value().height_points + caption_gap_points;
  flow.keep_together(height_points + keep_with_points);
  box.x_points = flow.frame().content_left_points;
  box.y_points = flow.y_points();
  flow.add(std::move(box));
  flow.advance(height_points);
  return height_points;
}

// The table's empty text in one row across every column.
Status place_empty(const ReportTable& table, const TablePlan& plan, const PdfText& text, PageFlow& flow) {
  const double left_points = plan.frame.content_left_points;
  const double right_points = left_points + plan.frame.content_width_points;
  TextBox box{table.empty_text, TextRole::cell};
  box.wrap_width_points = plan.frame.content_width_points - 2 * plan.padding_x_points;
  box.align = TextAlign::center;
  box.font_size_points = plan.font_size_points;
  auto extent = text.measure(box);
  if (!extent) return extent.error();
  const double height_points =
      std::max(extent.value().height_points, text.line_height_points(TextRole::cell, plan.font_size_points)) +
      2 * plan.padding_y_points;
  const double top_points = flow.y_points();
  box.x_points = left_points + plan.padding_x_points;
  box.y_points = top_points + plan.padding_y_points;
  flow.add(std::move(box));
  add_rule(flow, left_points, top_points, left_points, top_points + height_points);
  add_rule(flow, right_points, top_points, right_points, top_points + height_points);
  add_rule(flow, left_points, top_points + height_points, right_points, top_points + height_points);
  flow.advance(height_points);
  return success();
}

}  // namespace

std::optional<std::vector<double>> fit_column_widths(const std::vector<ColumnNeed>& columns,
                                                     double available_points) {
  JIANGBU_ASSERT(available_points > 0);
  const std::size_t count = columns.size();
  if (count == 0) return std::vector<double>{};
  double natural_total_points = 0;
  for (const ColumnNeed& column : columns) {
    JIANGBU_ASSERT(column.minimum_points <= column.natural_points);
    natural_total_points += column.natural_points;
  }
  if (natural_total_points <= 0) return std::vector<double>(count, available_points / static_cast<double>(count));
  if (natural_total_points <= available_points) {
    std::vector<double> widths;
    for (const ColumnNeed& column : columns) {
      widths.push_back(column.natural_points * available_points / natural_total_points);
    }
    return widths;
  }
  if (minimum_total_points(columns) > available_points) return std::nullopt;
  // Numeric columns at their natural width and text ones at their minimum:
  // if that fits, the text columns share what is left; otherwise the text
  // columns stay at their minimum and the numeric ones share the rest.
  auto held_width = [](const ColumnNeed& column) {
    return column.numeric ? column.natural_points : column.minimum_points;
  };
  double held_total_points = 0;
  for (const ColumnNeed& column : columns) held_total_points += held_width(column);
  const bool numbers_give_way = held_total_points > available_points;
  auto gives_way = [&](const ColumnNeed& column) { return column.numeric == numbers_give_way; };
  double fixed_points = 0;
  std::vector<double> low;
  std::vector<double> high;
  for (const ColumnNeed& column : columns) {
    if (gives_way(column)) {
      low.push_back(column.minimum_points);
      high.push_back(column.natural_points);
    } else {
      fixed_points += held_width(column);
    }
  }
  const std::vector<double> shared = capped_widths(low, high, available_points - fixed_points);
  std::vector<double> widths;
  std::size_t shared_index = 0;
  for (const ColumnNeed& column : columns) {
    widths.push_back(gives_way(column) ? shared[shared_index++] : held_width(column));
  }
  return widths;
}

std::vector<double> squeezed_column_widths(const std::vector<ColumnNeed>& columns, double available_points) {
  JIANGBU_ASSERT(available_points > 0);
  const double total_points = minimum_total_points(columns);
  std::vector<double> widths;
  for (const ColumnNeed& column : columns) {
    widths.push_back(total_points > 0 ? column.minimum_points * available_points / total_points
                                      : available_points / static_cast<double>(columns.size()));
  }
  return widths;
}

Result<PageOrientation> table_orientation(const ReportTable& table, const PdfText& text) {
  auto planned = plan_table(table, text);
  if (!planned) return planned.error();
  return planned.value().orientation;
}

Status layout_table(const ReportTable& table, const PdfText& text, PageFlow& flow) {
  auto planned = plan_table(table, text);
  if (!planned) return planned.error();
  const TablePlan& plan = planned.value();
  flow.use_orientation(plan.orientation);
  const double first_row_points =
      plan.body.empty() ? plan.header.height_points : plan.body.front().height_points;
  // The title stays with the header and at least the first row.
  auto caption = place_caption(table.title, text, flow, plan.header.height_points + first_row_points);
  if (!caption) return caption.error();
  place_header(plan, flow);
  if (plan.body.empty()) return place_empty(table, plan, text, flow);
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

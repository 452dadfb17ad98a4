#include "report/text_writer.hpp"

#include <algorithm>
#include <ostream>

#include "cli/output.hpp"
#include "core/text.hpp"
#include "report/chart_scale.hpp"

namespace jiangbu {

namespace {

constexpr std::int64_t chart_width_cells = 40;

ColumnKind column_kind(CellKind kind) {
  switch (kind) {
    case CellKind::money: return ColumnKind::money;
    case CellKind::percent:
    case CellKind::count: return ColumnKind::number;
    case CellKind::text:
    case CellKind::date: return ColumnKind::text;
  }
  return ColumnKind::text;
}

// Percent signs for people; line breaks inside a cell would break the
// alignment of every row after it.
std::string shown(CellKind kind, const std::string& value) {
  if (kind == CellKind::percent && !value.empty()) return value + "%";
  std::string result;
  for (const char character : value) result += character == '\n' ? std::string("；") : std::string(1, character);
  return result;
}

void write_table(std::ostream& out, const ReportTable& source, const std::string& section_title) {
  if (source.title != section_title) out << "【" << source.title << "】\n";
  if (source.rows.empty() && source.total_row.empty()) {
    out << source.empty_text << "\n\n";
    return;
  }
  Table table;
  for (const auto& column : source.columns) table.columns.push_back({column.key, column.header, column_kind(column.kind)});
  const auto add = [&](const std::vector<std::string>& row) {
    std::vector<std::string> cells;
    for (std::size_t index = 0; index < row.size(); ++index) cells.push_back(shown(source.columns[index].kind, row[index]));
    table.add_row(std::move(cells));
  };
  for (const auto& row : source.rows) add(row);
  if (!source.total_row.empty()) add(source.total_row);
  render(out, table, OutputFormat::table);
  out << '\n';
}

void write_chart(std::ostream& out, const BarChart& chart) {
  out << "【" << chart.title << "】\n";
  if (chart.bars.empty()) {
    out << "无\n\n";
    return;
  }
  const auto lengths = bar_lengths(chart, chart_width_cells);
  std::size_t label_width = 0;
  for (const auto& bar : chart.bars) label_width = std::max(label_width, display_width(bar.label));
  for (std::size_t index = 0; index < chart.bars.size(); ++index) {
    const auto& bar = chart.bars[index];
    std::string line = bar.label + std::string(label_width - display_width(bar.label), ' ') + "  ";
    for (std::int64_t cell = 0; cell < lengths[index]; ++cell) line += "█";
    const std::string value = chart.value_kind == CellKind::money ? group_thousands(bar.value) : shown(chart.value_kind, bar.value);
    out << line << ' ' << value << '\n';
  }
  out << '\n';
}

}  // namespace

void write_document_text(std::ostream& out, const ReportDocument& document) {
  out << document.title << '\n';
  if (!document.subtitle.empty()) out << document.subtitle << '\n';
  for (const auto& [key, value] : document.metadata) out << key << "：" << value << '\n';
  for (const auto& section : document.sections) {
    if (section.title != document.title) out << '\n' << section.title << "\n";
    out << '\n';
    for (const auto& block : section.blocks) {
      if (const auto* paragraph = std::get_if<Paragraph>(&block)) out << paragraph->text << "\n\n";
      if (const auto* table = std::get_if<ReportTable>(&block)) write_table(out, *table, section.title);
      if (const auto* chart = std::get_if<BarChart>(&block)) write_chart(out, *chart);
    }
  }
}

}  // namespace jiangbu

#include "report/html_writer.hpp"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/embedded_files.hpp"
#include "core/text.hpp"
#include "money/money_format.hpp"
#include "money/money_parse.hpp"

namespace jiangbu {

namespace {

constexpr std::string_view style_sheet_path = "reports/report.css";

// Bar chart geometry in CSS pixels, all integers so the SVG text is the same
// on every machine.
constexpr std::int64_t bar_area_width = 360;  // the longest bar
constexpr std::size_t chart_row_height = 28;
constexpr std::size_t chart_bar_height = 18;
constexpr std::size_t chart_padding = 4;
constexpr std::size_t pixels_per_cell = 7;  // one display cell at 13px; CJK takes two
constexpr std::size_t label_width_min = 60;
constexpr std::size_t label_width_max = 260;
constexpr std::size_t text_gap = 8;

// ---------------------------------------------------------------------------
// Text.

// Control characters other than tab and line feed cannot spoof the page
// once dropped; an invalid byte shows as U+FFFD rather than corrupting the
// characters after it.
bool is_dropped_from_html(char32_t code_point) {
  if (code_point == U'\t' || code_point == U'\n') return false;
  return code_point < 0x20 || (code_point >= 0x7F && code_point < 0xA0);
}

// Keys become id attributes: letters, digits, '-' and '_' only.
std::string id_of(std::string_view prefix, std::string_view key) {
  std::string id(prefix);
  for (const char character : key) {
    const bool plain = (character >= 'a' && character <= 'z') || (character >= 'A' && character <= 'Z') ||
                       (character >= '0' && character <= '9') || character == '-' || character == '_';
    id.push_back(plain ? character : '-');
  }
  return id;
}

// ---------------------------------------------------------------------------
// Values.

// What a person reads in a cell of this kind: money with thousands
// separators, percent with its sign. Text that is not what the kind promises
// is shown as it is, escaped.
std::string display_value(CellKind kind, std::string_view value) {
  if (value.empty()) return {};
  if (kind == CellKind::money) {
    const auto amount = parse_money(value, SignPolicy::allow_negative);
    if (amount) return format_yuan(amount.value());
  }
  if (kind == CellKind::percent) return std::string(value) + "%";
  return std::string(value);
}

std::string_view kind_class(CellKind kind) {
  switch (kind) {
    case CellKind::money: return "money";
    case CellKind::percent: return "percent";
    case CellKind::count: return "count";
    case CellKind::date: return "date";
    case CellKind::text: break;
  }
  return "";
}

std::string class_attribute(CellKind kind) {
  const std::string_view name = kind_class(kind);
  return name.empty() ? std::string() : " class=\"" + std::string(name) + "\"";
}

bool is_digits(std::string_view text) {
  return !text.empty() && text.find_first_not_of("0123456789") == std::string_view::npos;
}

// A chart value as an exact integer on the kind's own scale: fen for money,
// hundredths for a percent, the count itself. Nothing when it is not a
// value of the kind.
std::optional<FenInteger> scaled_value(CellKind kind, std::string_view value) {
  if (kind == CellKind::money) {
    const auto amount = parse_money(value, SignPolicy::allow_negative);
    if (!amount) return std::nullopt;
    return amount.value().fen();
  }
  std::string digits(value);
  if (kind == CellKind::percent) {
    const std::size_t dot = digits.find('.');
    if (dot == std::string::npos || digits.size() - dot != 3) return std::nullopt;
    digits.erase(dot, 1);
  }
  if (!is_digits(digits) || digits.size() > 18) return std::nullopt;
  std::int64_t number = 0;
  std::from_chars(digits.data(), digits.data() + digits.size(), number);
  return FenInteger(number);
}

// ---------------------------------------------------------------------------
// Blocks.

void write_paragraph(std::ostream& out, const Paragraph& paragraph) {
  out << "<p>" << escape_html(paragraph.text) << "</p>\n";
}

void write_row(std::ostream& out, const ReportTable& table, const std::vector<std::string>& row) {
  out << "<tr>";
  for (std::size_t column = 0; column < row.size(); ++column) {
    const CellKind kind = column < table.columns.size() ? table.columns[column].kind : CellKind::text;
    out << "<td" << class_attribute(kind) << ">" << escape_html(display_value(kind, row[column])) << "</td>";
  }
  out << "</tr>\n";
}

void write_table(std::ostream& out, const ReportTable& table) {
  out << "<table id=\"" << id_of("table-", table.key) << "\">\n";
  if (!table.title.empty()) out << "<caption>" << escape_html(table.title) << "</caption>\n";
  out << "<thead><tr>";
  for (const auto& column : table.columns) {
    out << "<th scope=\"col\"" << class_attribute(column.kind) << ">" << escape_html(column.header) << "</th>";
  }
  out << "</tr></thead>\n<tbody>\n";
  if (table.rows.empty()) {
    out << "<tr><td class=\"empty\" colspan=\"" << std::max<std::size_t>(table.columns.size(), 1) << "\">"
        << escape_html(table.empty_text) << "</td></tr>\n";
  }
  for (const auto& row : table.rows) write_row(out, table, row);
  out << "</tbody>\n";
  if (!table.total_row.empty()) {
    out << "<tfoot>\n";
    write_row(out, table, table.total_row);
    out << "</tfoot>\n";
  }
  out << "</table>\n";
}

// Bar length = bar_area_width × value ÷ largest, rounded half up, on the
// exact integers; a value below zero or unreadable gets no bar.
std::int64_t bar_width(const std::optional<FenInteger>& value, const FenInteger& largest) {
  if (!value || *value <= 0 || largest <= 0) return 0;
  const FenInteger width = (*value * 2 * bar_area_width + largest) / (largest * 2);
  return static_cast<std::int64_t>(width);
}

struct ChartLayout {
  std::size_t label_width = 0;  // the labels' column, text right-aligned at its end
  std::size_t value_width = 0;  // room after the longest bar for its value
  std::size_t width = 0;
  std::size_t height = 0;
};

ChartLayout layout_chart(const BarChart& chart) {
  std::size_t label_cells = 0;
  std::size_t value_cells = 0;
  for (const auto& bar : chart.bars) {
    label_cells = std::max(label_cells, display_width(bar.label));
    value_cells = std::max(value_cells, display_width(display_value(chart.value_kind, bar.value)));
  }
  ChartLayout layout;
  layout.label_width = std::clamp(label_cells * pixels_per_cell + 2 * text_gap, label_width_min, label_width_max);
  layout.value_width = value_cells * pixels_per_cell + 2 * text_gap;
  layout.width = layout.label_width + static_cast<std::size_t>(bar_area_width) + layout.value_width;
  layout.height = chart.bars.size() * chart_row_height + 2 * chart_padding;
  return layout;
}

void write_chart(std::ostream& out, const BarChart& chart) {
  out << "<figure class=\"chart\" id=\"" << id_of("chart-", chart.key) << "\">\n";
  if (!chart.title.empty()) out << "<figcaption>" << escape_html(chart.title) << "</figcaption>\n";
  if (chart.bars.empty()) {
    out << "<p class=\"empty\">无</p>\n</figure>\n";
    return;
  }
  std::vector<std::optional<FenInteger>> values;
  FenInteger largest = 0;
  for (const auto& bar : chart.bars) {
    values.push_back(scaled_value(chart.value_kind, bar.value));
    if (values.back() && *values.back() > largest) largest = *values.back();
  }
  // A rate is drawn against 100 %, as in the PDF and the text (chart_scale.hpp).
  if (chart.value_kind == CellKind::percent && largest < 10'000) largest = 10'000;
  const ChartLayout layout = layout_chart(chart);
  out << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << layout.width << "\" height=\"" << layout.height
      << "\" viewBox=\"0 0 " << layout.width << " " << layout.height << "\" role=\"img\" aria-label=\""
      << escape_html(chart.title) << "\">\n";
  for (std::size_t index = 0; index < chart.bars.size(); ++index) {
    const ChartBar& bar = chart.bars[index];
    const std::size_t top = chart_padding + index * chart_row_height;
    const std::size_t baseline = top + chart_row_height / 2 + 5;  // 13px text, centred on the row
    const std::int64_t width = bar_width(values[index], largest);
    const std::string value_text = escape_html(display_value(chart.value_kind, bar.value));
    const std::string label_text = escape_html(bar.label);
    out << "<g class=\"bar\"><title>" << label_text << ": " << value_text << "</title>"
        << "<text class=\"label\" x=\"" << layout.label_width - text_gap << "\" y=\"" << baseline
        << "\" text-anchor=\"end\">" << label_text << "</text>"
        << "<rect x=\"" << layout.label_width << "\" y=\"" << top + (chart_row_height - chart_bar_height) / 2
        << "\" width=\"" << width << "\" height=\"" << chart_bar_height << "\"/>"
        << "<text class=\"value\" x=\"" << layout.label_width + static_cast<std::size_t>(width) + text_gap / 2
        << "\" y=\"" << baseline << "\">" << value_text << "</text></g>\n";
  }
  out << "</svg>\n</figure>\n";
}

void write_block(std::ostream& out, const ReportBlock& block) {
  if (const auto* paragraph = std::get_if<Paragraph>(&block)) write_paragraph(out, *paragraph);
  if (const auto* table = std::get_if<ReportTable>(&block)) write_table(out, *table);
  if (const auto* chart = std::get_if<BarChart>(&block)) write_chart(out, *chart);
}

void write_header(std::ostream& out, const ReportDocument& document) {
  out << "<header>\n<h1>" << escape_html(document.title) << "</h1>\n";
  if (!document.subtitle.empty()) out << "<p class=\"subtitle\">" << escape_html(document.subtitle) << "</p>\n";
  if (!document.metadata.empty()) {
    out << "<dl class=\"metadata\">\n";
    for (const auto& [key, value] : document.metadata) {
      out << "<div><dt>" << escape_html(key) << "</dt><dd>" << escape_html(value) << "</dd></div>\n";
    }
    out << "</dl>\n";
  }
  out << "</header>\n";
}

}  // namespace

// Text for element content and quoted attribute values alike.
std::string escape_html(std::string_view text) {
  std::string escaped;
  escaped.reserve(text.size() + text.size() / 8);
  for (std::size_t index = 0; index < text.size();) {  // bounded: index grows each pass
    char32_t code_point = 0;
    const std::size_t length = decode_utf8(text, index, code_point);
    if (length == 0) {
      escaped += "\xEF\xBF\xBD";
      ++index;
      continue;
    }
    const std::string_view character = text.substr(index, length);
    index += length;
    if (is_dropped_from_html(code_point)) continue;
    switch (code_point) {
      case U'&': escaped += "&amp;"; break;
      case U'<': escaped += "&lt;"; break;
      case U'>': escaped += "&gt;"; break;
      case U'"': escaped += "&quot;"; break;
      case U'\'': escaped += "&#39;"; break;
      default: escaped += character;
    }
  }
  return escaped;
}

void write_document_html_body(std::ostream& out, const ReportDocument& document) {
  write_header(out, document);
  out << "<main>\n";
  for (const auto& section : document.sections) {
    out << "<section id=\"" << id_of("section-", section.key) << "\">\n<h2>" << escape_html(section.title)
        << "</h2>\n";
    for (const auto& block : section.blocks) write_block(out, block);
    out << "</section>\n";
  }
  out << "</main>\n";
}

std::string_view report_style_sheet() { return find_embedded_file(style_sheet_path).value_or(""); }

void write_document_html(std::ostream& out, const ReportDocument& document) {
  out << "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
      << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      << "<meta name=\"generator\" content=\"jiangbu\">\n"
      << "<title>" << escape_html(document.title) << "</title>\n"
      << "<style>\n" << report_style_sheet() << "</style>\n</head>\n<body>\n";
  write_document_html_body(out, document);
  out << "</body>\n</html>\n";
}

}  // namespace jiangbu

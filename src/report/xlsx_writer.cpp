#include "report/xlsx_writer.hpp"

#include <unistd.h>
#include <zip.h>

#include <algorithm>
#include <array>
#include <fstream>
#include <memory>
#include <new>
#include <span>
#include <string_view>
#include <system_error>
#include <variant>

#include "core/assert.hpp"
#include "core/reason_code.hpp"
#include "core/text.hpp"
#include "money/money_format.hpp"
#include "money/money_parse.hpp"
#include "tabular/tabular_file.hpp"

namespace jiangbu {

namespace {

// What a sheet holds at most (Excel's specifications and limits).
constexpr std::size_t excel_rows_max = 1'048'576;
constexpr std::size_t excel_columns_max = 16'384;
constexpr std::size_t excel_cell_units_max = 32'767;  // UTF-16 code units
constexpr std::size_t sheet_name_units_max = 31;
// Column widths in Excel's units (about one digit of the default font).
constexpr std::size_t column_width_min = 8;
constexpr std::size_t column_width_max = 60;
constexpr std::size_t column_padding = 2;
constexpr std::string_view cover_sheet_name = "封面";
// ZIP entries carry a modification time in MS-DOS form; a fixed one
// (1980-01-01 00:00, the earliest) keeps a document's workbook byte for byte
// the same from run to run and in every time zone.
constexpr zip_uint16_t fixed_entry_dos_time = 0;
constexpr zip_uint16_t fixed_entry_dos_date = (1u << 5) | 1u;  // years since 1980 << 9 | month << 5 | day

constexpr std::string_view xml_declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
constexpr std::string_view main_namespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
constexpr std::string_view relationships_namespace =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
constexpr std::string_view package_relationships_namespace =
    "http://schemas.openxmlformats.org/package/2006/relationships";

Error report_error(ReasonCode code, std::string message) {
  return make_error(code, std::move(message), "report");
}

// ---------------------------------------------------------------------------
// Text. Cells hold what users typed (names, memos): it arrives as UTF-8 and
// leaves as text XML 1.0 can hold and Excel shows as typed.



// XML 1.0 cannot hold most C0 controls at all, and the others (C1, DEL)
// can spoof what a reader sees; U+FFFE and U+FFFF are not characters.
// Tab and line feed stay: a memo may have lines. A carriage return goes:
// Excel's line break is the line feed alone.
bool is_dropped(char32_t code_point) {
  if (code_point == U'\t' || code_point == U'\n') return false;
  return code_point < 0x20 || (code_point >= 0x7F && code_point < 0xA0) || code_point == 0xFFFE ||
         code_point == 0xFFFF;
}

// The text without dropped characters; an invalid byte becomes U+FFFD.
std::string clean_text(std::string_view text) {
  std::string cleaned;
  cleaned.reserve(text.size());
  for (std::size_t index = 0; index < text.size();) {  // bounded: index grows each pass
    char32_t code_point = 0;
    std::size_t length = decode_utf8(text, index, code_point);
    if (length == 0) code_point = 0xFFFD, length = 1;
    index += length;
    if (!is_dropped(code_point)) append_utf8(cleaned, code_point);
  }
  return cleaned;
}

// How Excel counts characters (cell length, sheet name length): UTF-16 code
// units, so a character beyond the BMP counts twice. Valid UTF-8 only.
std::size_t utf16_units(std::string_view text) {
  std::size_t units = 0;
  for (const char byte : text) {
    const auto value = static_cast<unsigned char>(byte);
    if ((value & 0xC0) == 0x80) continue;  // continuation byte
    units += value >= 0xF0 ? 2 : 1;
  }
  return units;
}

// The longest prefix of valid UTF-8 text within units_max UTF-16 units,
// cut between characters.
std::string truncate_units(std::string_view text, std::size_t units_max) {
  std::size_t units = 0;
  std::size_t index = 0;
  while (index < text.size()) {  // bounded: index grows each pass
    char32_t code_point = 0;
    const std::size_t length = std::max<std::size_t>(decode_utf8(text, index, code_point), 1);
    const std::size_t character_units = length == 4 ? 2 : 1;
    if (units + character_units > units_max) break;
    units += character_units;
    index += length;
  }
  return std::string(text.substr(0, index));
}

std::string escape_xml(std::string_view text) {
  std::string escaped;
  escaped.reserve(text.size() + text.size() / 8);
  for (const char character : text) {
    switch (character) {
      case '&': escaped += "&amp;"; break;
      case '<': escaped += "&lt;"; break;
      case '>': escaped += "&gt;"; break;
      case '"': escaped += "&quot;"; break;
      default: escaped.push_back(character);
    }
  }
  return escaped;
}

bool is_hex_digit(char character) {
  return (character >= '0' && character <= '9') || (character >= 'a' && character <= 'f') ||
         (character >= 'A' && character <= 'F');
}

// "_x0041_" at text[index]: the form Excel decodes as an escaped character.
bool starts_excel_escape(std::string_view text, std::size_t index) {
  if (index + 7 > text.size() || text[index] != '_' || text[index + 1] != 'x' || text[index + 6] != '_') {
    return false;
  }
  for (std::size_t offset = 2; offset < 6; ++offset) {
    if (!is_hex_digit(text[index + offset])) return false;
  }
  return true;
}

// Cell text as XML. Excel reads "_x0041_" in a cell as an escaped "A"
// (ECMA-376 Part 1, 22.4.2.4), so a typed "_xHHHH_" keeps its underscore
// by escaping it as "_x005F_".
std::string cell_text_xml(std::string_view cleaned) {
  std::string xml;
  for (std::size_t index = 0; index < cleaned.size(); ++index) {
    if (starts_excel_escape(cleaned, index)) {
      xml += "_x005F_";
    } else {
      xml += escape_xml(cleaned.substr(index, 1));
    }
  }
  return xml;
}

// Display cells of the widest line (a CJK character takes two).
std::size_t widest_line(std::string_view text) {
  std::size_t widest = 0;
  for (std::size_t start = 0; start <= text.size();) {  // bounded: start grows each pass
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    widest = std::max(widest, display_width(text.substr(start, end - start)));
    start = end + 1;
  }
  return widest;
}

// ---------------------------------------------------------------------------
// Number text: the model's plain decimals, checked before they become <v>.

bool is_digits(std::string_view text) {
  return !text.empty() && text.find_first_not_of("0123456789") == std::string_view::npos;
}

bool is_plain_integer(std::string_view text) {
  if (text.starts_with('-')) text.remove_prefix(1);
  return is_digits(text);
}

// "-1234.56", "0.50", "17": what Money::to_plain_string() writes, in range.
bool is_plain_amount(std::string_view text) {
  std::string_view digits = text.starts_with('-') ? text.substr(1) : text;
  const std::size_t dot = digits.find('.');
  const bool shaped = dot == std::string_view::npos
                          ? is_digits(digits)
                          : is_digits(digits.substr(0, dot)) && is_digits(digits.substr(dot + 1));
  return shaped && parse_money(text, SignPolicy::allow_negative).ok();
}

// "87.50": what format_percent writes.
bool is_plain_percent(std::string_view text) {
  const std::size_t dot = text.find('.');
  return dot != std::string_view::npos && dot > 0 && text.size() - dot == 3 &&
         is_digits(text.substr(0, dot)) && is_digits(text.substr(dot + 1));
}

// ---------------------------------------------------------------------------
// Styles: the cellXfs of xl/styles.xml, in this order.

enum class Style : unsigned {
  normal, bold, title, money, money_bold, percent, percent_bold, count, count_bold
};

enum class Emphasis { none, bold, title };

struct StyleFormat {
  unsigned number_format_id;  // 0 General, 3 #,##0, 10 0.00%, 164 money
  unsigned font_id;           // 0 normal, 1 bold, 2 large bold
};

constexpr unsigned money_format_id = 164;  // the first id for custom formats
constexpr std::array<StyleFormat, 9> style_formats{{
    {0, 0}, {0, 1}, {0, 2}, {money_format_id, 0}, {money_format_id, 1}, {10, 0}, {10, 1}, {3, 0}, {3, 1},
}};

Style style_for(CellKind kind, Emphasis emphasis) {
  const bool bold = emphasis != Emphasis::none;
  switch (kind) {
    case CellKind::money: return bold ? Style::money_bold : Style::money;
    case CellKind::percent: return bold ? Style::percent_bold : Style::percent;
    case CellKind::count: return bold ? Style::count_bold : Style::count;
    case CellKind::text:
    case CellKind::date: break;
  }
  if (emphasis == Emphasis::title) return Style::title;
  return bold ? Style::bold : Style::normal;
}

std::string styles_xml() {
  std::string xml(xml_declaration);
  xml += "<styleSheet xmlns=\"" + std::string(main_namespace) + "\">";
  xml += "<numFmts count=\"1\"><numFmt numFmtId=\"" + std::to_string(money_format_id) +
         "\" formatCode=\"#,##0.00&quot;元&quot;\"/></numFmts>";
  const std::string face = "<name val=\"等线\"/><family val=\"2\"/><charset val=\"134\"/>";
  xml += "<fonts count=\"3\"><font><sz val=\"11\"/>" + face + "</font><font><b/><sz val=\"11\"/>" + face +
         "</font><font><b/><sz val=\"14\"/>" + face + "</font></fonts>";
  xml += "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill>"
         "<fill><patternFill patternType=\"gray125\"/></fill></fills>";
  xml += "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>";
  xml += "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>";
  xml += "<cellXfs count=\"" + std::to_string(style_formats.size()) + "\">";
  for (const StyleFormat& format : style_formats) {
    xml += "<xf numFmtId=\"" + std::to_string(format.number_format_id) + "\" fontId=\"" +
           std::to_string(format.font_id) + "\" fillId=\"0\" borderId=\"0\" xfId=\"0\"";
    if (format.number_format_id != 0) xml += " applyNumberFormat=\"1\"";
    if (format.font_id != 0) xml += " applyFont=\"1\"";
    xml += "/>";
  }
  xml += "</cellXfs><cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>";
  xml += "</styleSheet>";
  return xml;
}

// ---------------------------------------------------------------------------
// Cells.

struct CellInput {
  CellKind kind = CellKind::text;
  std::string_view value;
  Emphasis emphasis = Emphasis::none;
};

struct RenderedCell {
  std::string xml;        // empty: no cell
  std::size_t width = 0;  // display cells of what Excel shows
};

struct CellPlace {
  std::string_view sheet;
  std::size_t column = 0;  // 0 is A
  std::size_t row = 0;     // 1-based

  [[nodiscard]] std::string reference() const { return column_letters(column) + std::to_string(row); }
  [[nodiscard]] std::string describe() const {
    return "sheet '" + std::string(sheet) + "' cell " + reference();
  }
};

std::string cell_start(const CellPlace& place, Style style) {
  std::string xml = "<c r=\"" + place.reference() + "\"";
  if (style != Style::normal) xml += " s=\"" + std::to_string(static_cast<unsigned>(style)) + "\"";
  return xml;
}

// No t attribute: a number, whose text Excel keeps as written.
RenderedCell number_cell(const CellPlace& place, Style style, std::string_view value, std::size_t width) {
  return RenderedCell{cell_start(place, style) + "><v>" + std::string(value) + "</v></c>", width};
}

Error bad_number(const CellPlace& place, CellKind kind, std::string_view value, std::string_view expected) {
  return report_error(ReasonCode::bad_amount,
                      place.describe() + ": the " + std::string(cell_kind_name(kind)) + " '" +
                          clean_text(value) + "' is not " + std::string(expected));
}

Result<RenderedCell> text_cell(const CellPlace& place, Style style, std::string_view value) {
  const std::string cleaned = clean_text(value);
  if (cleaned.empty()) return RenderedCell{};
  if (utf16_units(cleaned) > excel_cell_units_max) {
    return report_error(ReasonCode::bad_text, place.describe() + ": the text is longer than the " +
                                                  std::to_string(excel_cell_units_max) +
                                                  " characters an Excel cell holds");
  }
  // Without xml:space="preserve" a reader may drop leading and trailing blanks.
  const bool preserve = std::string_view(" \t\n").find(cleaned.front()) != std::string_view::npos ||
                        std::string_view(" \t\n").find(cleaned.back()) != std::string_view::npos;
  return RenderedCell{cell_start(place, style) + " t=\"inlineStr\"><is><t" +
                          (preserve ? " xml:space=\"preserve\"" : "") + ">" + cell_text_xml(cleaned) +
                          "</t></is></c>",
                      widest_line(cleaned)};
}

Result<RenderedCell> render_cell(const CellInput& cell, const CellPlace& place) {
  if (cell.value.empty()) return RenderedCell{};
  const Style style = style_for(cell.kind, cell.emphasis);
  switch (cell.kind) {
    case CellKind::money: {
      if (!is_plain_amount(cell.value)) return bad_number(place, cell.kind, cell.value, "a plain amount such as -1234.56");
      const auto amount = parse_money(cell.value, SignPolicy::allow_negative);
      return number_cell(place, style, cell.value, display_width(format_yuan(amount.value()) + "元"));
    }
    case CellKind::percent:
      if (!is_plain_percent(cell.value)) return bad_number(place, cell.kind, cell.value, "a percent such as 87.50");
      return number_cell(place, style, percent_as_fraction(std::string(cell.value)), cell.value.size() + 1);
    case CellKind::count:
      if (!is_plain_integer(cell.value)) return bad_number(place, cell.kind, cell.value, "a whole number");
      return number_cell(place, style, cell.value, cell.value.size() + (cell.value.size() - 1) / 3);
    case CellKind::text:
    case CellKind::date: break;
  }
  return text_cell(place, style, cell.value);
}

// ---------------------------------------------------------------------------
// A sheet, built row by row.

class SheetBuilder {
 public:
  explicit SheetBuilder(std::string name) : name_(std::move(name)) {}

  // One row from column A. Measured cells set their columns' widths; titles
  // and paragraphs are not measured: they spill over the empty cells beside.
  Status add_row(std::span<const CellInput> cells, bool measured) {
    if (next_row_ > excel_rows_max) {
      return report_error(ReasonCode::bad_file, "sheet '" + name_ + "' needs more than the " +
                                                    std::to_string(excel_rows_max) + " rows Excel has");
    }
    if (cells.size() > excel_columns_max) {
      return report_error(ReasonCode::bad_file, "sheet '" + name_ + "' needs more than the " +
                                                    std::to_string(excel_columns_max) + " columns Excel has");
    }
    std::string cells_xml;
    for (std::size_t column = 0; column < cells.size(); ++column) {
      auto cell = render_cell(cells[column], CellPlace{name_, column, next_row_});
      if (!cell) return cell.error();
      cells_xml += cell.value().xml;
      if (measured) widen(column, cell.value().width);
    }
    if (!cells_xml.empty()) rows_xml_ += "<row r=\"" + std::to_string(next_row_) + "\">" + cells_xml + "</row>";
    ++next_row_;
    return success();
  }

  Status add_text_row(std::string_view text, Emphasis emphasis) {
    const CellInput cell{CellKind::text, text, emphasis};
    return add_row(std::span(&cell, 1), false);
  }

  void skip_row() { ++next_row_; }

  [[nodiscard]] const std::string& name() const { return name_; }

  [[nodiscard]] std::string worksheet_xml(bool selected) const {
    std::string xml(xml_declaration);
    xml += "<worksheet xmlns=\"" + std::string(main_namespace) + "\" xmlns:r=\"" +
           std::string(relationships_namespace) + "\">";
    xml += std::string("<sheetViews><sheetView workbookViewId=\"0\"") + (selected ? " tabSelected=\"1\"" : "") +
           "/></sheetViews>";
    xml += columns_xml();
    xml += "<sheetData>" + rows_xml_ + "</sheetData></worksheet>";
    return xml;
  }

 private:
  void widen(std::size_t column, std::size_t width) {
    if (widths_.size() <= column) widths_.resize(column + 1, 0);
    widths_[column] = std::max(widths_[column], width);
  }

  [[nodiscard]] std::string columns_xml() const {
    std::string xml;
    for (std::size_t column = 0; column < widths_.size(); ++column) {
      if (widths_[column] == 0) continue;
      const std::size_t width =
          std::clamp(widths_[column] + column_padding, column_width_min, column_width_max);
      const std::string number = std::to_string(column + 1);
      xml += "<col min=\"" + number + "\" max=\"" + number + "\" width=\"" + std::to_string(width) +
             "\" customWidth=\"1\"/>";
    }
    return xml.empty() ? xml : "<cols>" + xml + "</cols>";
  }

  std::string name_;
  std::string rows_xml_;
  std::vector<std::size_t> widths_;  // display cells per column; 0 unmeasured
  std::size_t next_row_ = 1;
};

// ---------------------------------------------------------------------------
// The document, sheet by sheet.

Status fill_cover(SheetBuilder& sheet, const ReportDocument& document) {
  if (auto added = sheet.add_text_row(document.title, Emphasis::title); !added) return added;
  if (!document.subtitle.empty()) {
    if (auto added = sheet.add_text_row(document.subtitle, Emphasis::none); !added) return added;
  }
  sheet.skip_row();
  for (const auto& [key, value] : document.metadata) {
    const std::array cells{CellInput{CellKind::text, key, Emphasis::bold},
                           CellInput{CellKind::text, value, Emphasis::none}};
    if (auto added = sheet.add_row(cells, true); !added) return added;
  }
  return success();
}

Status add_block(SheetBuilder& sheet, const Paragraph& paragraph) {
  return sheet.add_text_row(paragraph.text, Emphasis::none);
}

Status add_table_row(SheetBuilder& sheet, const ReportTable& table, const std::vector<std::string>& row,
                     Emphasis emphasis) {
  std::vector<CellInput> cells;
  cells.reserve(row.size());
  for (std::size_t column = 0; column < row.size(); ++column) {
    const CellKind kind = column < table.columns.size() ? table.columns[column].kind : CellKind::text;
    cells.push_back(CellInput{kind, row[column], emphasis});
  }
  return sheet.add_row(cells, true);
}

Status add_block(SheetBuilder& sheet, const ReportTable& table) {
  if (!table.title.empty()) {
    if (auto added = sheet.add_text_row(table.title, Emphasis::bold); !added) return added;
  }
  std::vector<CellInput> header;
  for (const auto& column : table.columns) header.push_back(CellInput{CellKind::text, column.header, Emphasis::bold});
  if (auto added = sheet.add_row(header, true); !added) return added;
  if (table.rows.empty()) return sheet.add_text_row(table.empty_text, Emphasis::none);
  for (const auto& row : table.rows) {
    if (auto added = add_table_row(sheet, table, row, Emphasis::none); !added) return added;
  }
  if (table.total_row.empty()) return success();
  return add_table_row(sheet, table, table.total_row, Emphasis::bold);
}

std::string_view chart_value_header(CellKind kind) {
  switch (kind) {
    case CellKind::money: return "金额(元)";
    case CellKind::percent: return "比例";
    case CellKind::count: return "数量";
    case CellKind::text:
    case CellKind::date: break;
  }
  return "数值";
}

// Native Excel charts are not needed: the chart's data, as a table.
Status add_block(SheetBuilder& sheet, const BarChart& chart) {
  if (!chart.title.empty()) {
    if (auto added = sheet.add_text_row(chart.title, Emphasis::bold); !added) return added;
  }
  const std::array header{CellInput{CellKind::text, "项目", Emphasis::bold},
                          CellInput{CellKind::text, chart_value_header(chart.value_kind), Emphasis::bold}};
  if (auto added = sheet.add_row(header, true); !added) return added;
  if (chart.bars.empty()) return sheet.add_text_row("无", Emphasis::none);
  for (const auto& bar : chart.bars) {
    const std::array cells{CellInput{CellKind::text, bar.label, Emphasis::none},
                           CellInput{chart.value_kind, bar.value, Emphasis::none}};
    if (auto added = sheet.add_row(cells, true); !added) return added;
  }
  return success();
}

Status fill_section(SheetBuilder& sheet, const ReportSection& section) {
  if (auto added = sheet.add_text_row(section.title, Emphasis::title); !added) return added;
  for (const auto& block : section.blocks) {
    sheet.skip_row();
    const Status added = std::visit([&](const auto& content) { return add_block(sheet, content); }, block);
    if (!added) return added;
  }
  return success();
}

// ---------------------------------------------------------------------------
// Sheet names.

std::string fold_ascii_case(std::string_view text) {
  std::string folded(text);
  for (char& character : folded) {
    if (character >= 'A' && character <= 'Z') character = static_cast<char>(character - 'A' + 'a');
  }
  return folded;
}

// Excel refuses []:*?/\ in a sheet name and an apostrophe at either end.
std::string strip_apostrophes(std::string text) {
  const std::size_t first = text.find_first_not_of('\'');
  if (first == std::string::npos) return {};
  return text.substr(first, text.find_last_not_of('\'') - first + 1);
}

std::string sanitize_sheet_name(std::string_view title) {
  std::string name = clean_text(title);
  for (char& character : name) {
    if (std::string_view("[]:*?/\\").find(character) != std::string_view::npos) character = '_';
    if (character == '\t' || character == '\n') character = ' ';
  }
  name = strip_apostrophes(truncate_units(strip_apostrophes(std::move(name)), sheet_name_units_max));
  // Excel keeps "History" for its change tracking.
  if (fold_ascii_case(name) == "history") name += "_";
  return name;
}

bool is_taken(const std::vector<std::string>& names, std::string_view candidate) {
  const std::string folded = fold_ascii_case(candidate);
  for (const auto& name : names) {
    if (fold_ascii_case(name) == folded) return true;
  }
  return false;
}

std::string unique_sheet_name(const std::string& base, const std::vector<std::string>& taken) {
  if (!is_taken(taken, base)) return base;
  // Of taken.size() + 1 suffixes at least one is free.
  for (std::size_t number = 2; number <= taken.size() + 2; ++number) {
    const std::string suffix = "(" + std::to_string(number) + ")";
    const std::string candidate = truncate_units(base, sheet_name_units_max - suffix.size()) + suffix;
    if (!is_taken(taken, candidate)) return candidate;
  }
  JIANGBU_ASSERT(false);
  return base;
}

// ---------------------------------------------------------------------------
// The package: parts and the ZIP around them.

struct Part {
  std::string name;
  std::string content;
};

std::string content_types_xml(std::size_t sheet_count) {
  std::string xml(xml_declaration);
  xml += "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
         "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
         "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
         "<Override PartName=\"/xl/workbook.xml\" "
         "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>";
  for (std::size_t number = 1; number <= sheet_count; ++number) {
    xml += "<Override PartName=\"/xl/worksheets/sheet" + std::to_string(number) +
           ".xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>";
  }
  xml += "<Override PartName=\"/xl/styles.xml\" "
         "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
         "<Override PartName=\"/docProps/core.xml\" "
         "ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/></Types>";
  return xml;
}

std::string package_relationships_xml() {
  return std::string(xml_declaration) + "<Relationships xmlns=\"" + std::string(package_relationships_namespace) +
         "\"><Relationship Id=\"rId1\" Type=\"" + std::string(relationships_namespace) +
         "/officeDocument\" Target=\"xl/workbook.xml\"/>"
         "<Relationship Id=\"rId2\" Type=\"" + std::string(package_relationships_namespace) +
         "/metadata/core-properties\" Target=\"docProps/core.xml\"/></Relationships>";
}

std::string core_properties_xml(const ReportDocument& document) {
  std::string xml(xml_declaration);
  xml += "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
         "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" "
         "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">";
  xml += "<dc:title>" + escape_xml(clean_text(document.title)) + "</dc:title>";
  if (!document.subtitle.empty()) xml += "<dc:subject>" + escape_xml(clean_text(document.subtitle)) + "</dc:subject>";
  xml += "<dc:creator>jiangbu</dc:creator></cp:coreProperties>";
  return xml;
}

std::string workbook_xml(const std::vector<SheetBuilder>& sheets) {
  std::string xml(xml_declaration);
  xml += "<workbook xmlns=\"" + std::string(main_namespace) + "\" xmlns:r=\"" +
         std::string(relationships_namespace) + "\"><bookViews><workbookView activeTab=\"0\"/></bookViews><sheets>";
  for (std::size_t index = 0; index < sheets.size(); ++index) {
    const std::string number = std::to_string(index + 1);
    xml += "<sheet name=\"" + escape_xml(sheets[index].name()) + "\" sheetId=\"" + number + "\" r:id=\"rId" +
           number + "\"/>";
  }
  xml += "</sheets></workbook>";
  return xml;
}

std::string workbook_relationships_xml(std::size_t sheet_count) {
  std::string xml(xml_declaration);
  xml += "<Relationships xmlns=\"" + std::string(package_relationships_namespace) + "\">";
  for (std::size_t number = 1; number <= sheet_count; ++number) {
    xml += "<Relationship Id=\"rId" + std::to_string(number) + "\" Type=\"" + std::string(relationships_namespace) +
           "/worksheet\" Target=\"worksheets/sheet" + std::to_string(number) + ".xml\"/>";
  }
  xml += "<Relationship Id=\"rId" + std::to_string(sheet_count + 1) + "\" Type=\"" +
         std::string(relationships_namespace) + "/styles\" Target=\"styles.xml\"/></Relationships>";
  return xml;
}

struct ArchiveDiscarder {
  void operator()(zip_t* archive) const { zip_discard(archive); }
};
struct SourceFreer {
  void operator()(zip_source_t* source) const { zip_source_free(source); }
};

Error zip_failure(std::string_view what) {
  return report_error(ReasonCode::bad_file, "the XLSX archive cannot be built: " + std::string(what));
}

// The bytes a closed in-memory archive left in its buffer source.
Result<std::string> read_source(zip_source_t* source) {
  zip_stat_t stat;
  zip_stat_init(&stat);
  if (zip_source_stat(source, &stat) < 0 || (stat.valid & ZIP_STAT_SIZE) == 0) {
    return zip_failure("its size is unknown");
  }
  if (zip_source_open(source) < 0) return zip_failure(zip_error_strerror(zip_source_error(source)));
  std::string bytes(static_cast<std::size_t>(stat.size), '\0');
  const zip_int64_t read = zip_source_read(source, bytes.data(), bytes.size());
  zip_source_close(source);
  if (read < 0 || static_cast<zip_uint64_t>(read) != stat.size) return zip_failure("it cannot be read back");
  return bytes;
}

Result<std::string> zip_parts(const std::vector<Part>& parts) {
  zip_error_t error;
  zip_error_init(&error);
  std::unique_ptr<zip_source_t, SourceFreer> buffer(zip_source_buffer_create(nullptr, 0, 0, &error));
  std::unique_ptr<zip_t, ArchiveDiscarder> archive(
      buffer ? zip_open_from_source(buffer.get(), ZIP_CREATE | ZIP_TRUNCATE, &error) : nullptr);
  const std::string why = zip_error_strerror(&error);
  zip_error_fini(&error);
  if (!archive) return zip_failure(why);
  // The archive now holds a reference to the buffer; keep ours, to read the
  // bytes after the archive is closed.
  zip_source_keep(buffer.get());
  for (const Part& part : parts) {
    zip_source_t* source = zip_source_buffer(archive.get(), part.content.data(), part.content.size(), 0);
    if (source == nullptr) return zip_failure(zip_strerror(archive.get()));
    const zip_int64_t index = zip_file_add(archive.get(), part.name.c_str(), source, ZIP_FL_ENC_UTF_8);
    if (index < 0) {
      zip_source_free(source);  // not taken by the archive
      return zip_failure(part.name + ": " + zip_strerror(archive.get()));
    }
    if (zip_file_set_dostime(archive.get(), static_cast<zip_uint64_t>(index), fixed_entry_dos_time,
                             fixed_entry_dos_date, 0) != 0) {
      return zip_failure(part.name + ": " + zip_strerror(archive.get()));
    }
  }
  if (zip_close(archive.get()) != 0) return zip_failure(zip_strerror(archive.get()));
  archive.release();  // zip_close freed it
  return read_source(buffer.get());
}

Result<std::string> render_checked(const ReportDocument& document) {
  const std::vector<std::string> names = xlsx_sheet_names(document);
  std::vector<SheetBuilder> sheets;
  sheets.reserve(names.size());
  sheets.emplace_back(names.front());
  if (auto cover = fill_cover(sheets.back(), document); !cover) return cover.error();
  for (std::size_t index = 0; index < document.sections.size(); ++index) {
    sheets.emplace_back(names[index + 1]);
    if (auto section = fill_section(sheets.back(), document.sections[index]); !section) return section.error();
  }
  std::vector<Part> parts;
  parts.push_back(Part{"[Content_Types].xml", content_types_xml(sheets.size())});
  parts.push_back(Part{"_rels/.rels", package_relationships_xml()});
  parts.push_back(Part{"docProps/core.xml", core_properties_xml(document)});
  parts.push_back(Part{"xl/workbook.xml", workbook_xml(sheets)});
  parts.push_back(Part{"xl/_rels/workbook.xml.rels", workbook_relationships_xml(sheets.size())});
  parts.push_back(Part{"xl/styles.xml", styles_xml()});
  for (std::size_t index = 0; index < sheets.size(); ++index) {
    parts.push_back(Part{"xl/worksheets/sheet" + std::to_string(index + 1) + ".xml", sheets[index].worksheet_xml(index == 0)});
  }
  return zip_parts(parts);
}

Error write_failure(const std::filesystem::path& path, std::string_view reason) {
  return make_error(ReasonCode::cannot_write_output, path.string() + ": " + std::string(reason), "file");
}

// A temporary file beside the target, renamed over it once complete: the
// rename is atomic within a file system, so the old file or the new one is
// there, never half of one.
Status replace_file(const std::filesystem::path& output_path, std::string_view bytes) {
  std::filesystem::path temporary = output_path;
  temporary += ".tmp-" + std::to_string(::getpid());
  std::error_code ignored;
  {
    std::ofstream stream(temporary, std::ios::binary | std::ios::trunc);
    if (!stream) return write_failure(output_path, "cannot be created (does its folder exist, is it writable?)");
    stream.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    stream.close();
    if (!stream) {
      std::filesystem::remove(temporary, ignored);
      return write_failure(output_path, "could not be written completely (is the disk full?)");
    }
  }
  std::error_code error;
  std::filesystem::rename(temporary, output_path, error);
  if (error) {
    std::filesystem::remove(temporary, ignored);
    return write_failure(output_path, "cannot be replaced: " + error.message());
  }
  return success();
}

}  // namespace

std::vector<std::string> xlsx_sheet_names(const ReportDocument& document) {
  std::vector<std::string> names{std::string(cover_sheet_name)};
  names.reserve(document.sections.size() + 1);
  for (std::size_t index = 0; index < document.sections.size(); ++index) {
    std::string base = sanitize_sheet_name(document.sections[index].title);
    if (base.empty()) base = "Sheet" + std::to_string(index + 2);
    names.push_back(unique_sheet_name(base, names));
  }
  return names;
}

Result<std::string> render_document_xlsx(const ReportDocument& document) {
  try {
    return render_checked(document);
  } catch (const std::bad_alloc&) {
    return report_error(ReasonCode::bad_file, "the report is too large to build as XLSX in memory");
  } catch (const std::exception& exception) {
    return report_error(ReasonCode::bad_file, std::string("the XLSX cannot be built: ") + exception.what());
  }
}

Status write_document_xlsx(const ReportDocument& document, const std::filesystem::path& output_path) {
  try {
    auto bytes = render_document_xlsx(document);
    if (!bytes) return bytes.error();
    return replace_file(output_path, bytes.value());
  } catch (const std::exception& exception) {
    return write_failure(output_path, std::string("cannot be written: ") + exception.what());
  }
}

}  // namespace jiangbu

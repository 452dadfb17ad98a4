#include "cli/output.hpp"

#include <ostream>

#include <nlohmann/json.hpp>

#include "core/assert.hpp"
#include "core/text.hpp"

namespace jiangbu {

void Table::add_row(std::vector<std::string> row) {
  JIANGBU_ASSERT(row.size() == columns.size());
  rows.push_back(std::move(row));
}

std::string group_thousands(const std::string& plain_amount) {
  const std::size_t start = !plain_amount.empty() && plain_amount[0] == '-' ? 1 : 0;
  const std::size_t dot = plain_amount.find('.');
  const std::size_t end = dot == std::string::npos ? plain_amount.size() : dot;
  if (end <= start || plain_amount.find_first_not_of("0123456789", start) < end) return plain_amount;
  std::string grouped = plain_amount.substr(0, start);
  for (std::size_t index = start; index < end; ++index) {
    if (index > start && (end - index) % 3 == 0) grouped += ',';
    grouped += plain_amount[index];
  }
  return grouped + plain_amount.substr(end);
}

namespace {

void render_table(std::ostream& out, const Table& source) {
  Table table = source;
  for (auto& row : table.rows) {
    for (std::size_t index = 0; index < row.size(); ++index) {
      if (table.columns[index].kind == ColumnKind::money) row[index] = group_thousands(row[index]);
    }
  }
  std::vector<std::size_t> widths;
  for (const auto& column : table.columns) widths.push_back(display_width(column.header));
  for (const auto& row : table.rows) {
    for (std::size_t index = 0; index < row.size(); ++index) {
      widths[index] = std::max(widths[index], display_width(row[index]));
    }
  }
  const auto print_row = [&](const std::vector<std::string>& cells, bool header) {
    std::string line;
    for (std::size_t index = 0; index < cells.size(); ++index) {
      const std::size_t padding = widths[index] - display_width(cells[index]);
      const bool right = table.columns[index].kind != ColumnKind::text && !header;
      if (index > 0) line += "  ";
      if (right) line += std::string(padding, ' ');
      line += cells[index];
      if (!right) line += std::string(padding, ' ');
    }
    line.erase(line.find_last_not_of(' ') + 1);
    out << line << '\n';
  };
  std::vector<std::string> headers;
  for (const auto& column : table.columns) headers.push_back(column.header);
  print_row(headers, true);
  std::vector<std::string> rules;
  for (const auto width : widths) rules.emplace_back(width, '-');
  print_row(rules, true);
  for (const auto& row : table.rows) print_row(row, false);
}

void render_csv(std::ostream& out, const Table& table) {
  for (std::size_t index = 0; index < table.columns.size(); ++index) {
    out << (index ? "," : "") << csv_field(table.columns[index].key);
  }
  out << "\r\n";
  for (const auto& row : table.rows) {
    for (std::size_t index = 0; index < row.size(); ++index) {
      out << (index ? "," : "") << csv_field(row[index]);
    }
    out << "\r\n";
  }
}

void render_json(std::ostream& out, const Table& table) {
  nlohmann::ordered_json array = nlohmann::ordered_json::array();
  for (const auto& row : table.rows) {
    nlohmann::ordered_json object = nlohmann::ordered_json::object();
    for (std::size_t index = 0; index < row.size(); ++index) {
      object[table.columns[index].key] = row[index];
    }
    array.push_back(std::move(object));
  }
  out << array.dump(2) << '\n';
}

}  // namespace

void render(std::ostream& out, const Table& table, OutputFormat format) {
  switch (format) {
    case OutputFormat::table: render_table(out, table); return;
    case OutputFormat::csv: render_csv(out, table); return;
    case OutputFormat::json: render_json(out, table); return;
  }
}

}  // namespace jiangbu

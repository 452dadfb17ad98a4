#include "report/csv_writer.hpp"

#include <ostream>

#include "core/csv_field.hpp"

namespace jiangbu {

namespace {

void write_line(std::ostream& out, const std::vector<std::string>& cells) {
  for (std::size_t index = 0; index < cells.size(); ++index) out << (index ? "," : "") << csv_field(cells[index]);
  out << "\r\n";
}

void write_wide(std::ostream& out, const ReportTable& table) {
  std::vector<std::string> header;
  for (const auto& column : table.columns) header.push_back(column.key);
  write_line(out, header);
  for (const auto& row : table.rows) write_line(out, row);
  if (!table.total_row.empty()) write_line(out, table.total_row);
}

void write_long(std::ostream& out, const ReportTable& table) {
  const auto write_row = [&](const std::vector<std::string>& row, const std::string& label) {
    for (std::size_t index = 0; index < row.size(); ++index) {
      write_line(out, {table.key, label, table.columns[index].key, row[index]});
    }
  };
  for (std::size_t index = 0; index < table.rows.size(); ++index) write_row(table.rows[index], std::to_string(index + 1));
  if (!table.total_row.empty()) write_row(table.total_row, "total");
}

}  // namespace

void write_document_csv(std::ostream& out, const ReportDocument& document) {
  const auto tables = document.tables();
  if (tables.size() == 1) {
    write_wide(out, *tables.front());
    return;
  }
  write_line(out, {"table", "row", "column", "value"});
  for (const auto* table : tables) write_long(out, *table);
}

}  // namespace jiangbu

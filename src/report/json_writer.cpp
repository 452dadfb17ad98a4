#include "report/json_writer.hpp"

#include <ostream>

namespace jiangbu {

namespace {

using Json = nlohmann::ordered_json;

// Arrays and objects are moved into their parents, never listed in an
// initializer list: nlohmann copies those, and an audit report's exception
// table alone is tens of thousands of rows.
Json row_object(const ReportTable& table, const std::vector<std::string>& row) {
  Json object = Json::object();
  for (std::size_t index = 0; index < row.size(); ++index) object[table.columns[index].key] = row[index];
  return object;
}

Json table_json(const ReportTable& table) {
  Json columns = Json::array();
  for (const auto& column : table.columns) {
    columns.push_back({{"key", column.key}, {"header", column.header}, {"kind", cell_kind_name(column.kind)}});
  }
  Json rows = Json::array();
  rows.get_ref<Json::array_t&>().reserve(table.rows.size());
  for (const auto& row : table.rows) rows.push_back(row_object(table, row));
  Json result = {{"type", "table"}, {"key", table.key}, {"title", table.title}};
  result["columns"] = std::move(columns);
  result["rows"] = std::move(rows);
  result["total"] = table.total_row.empty() ? Json(nullptr) : row_object(table, table.total_row);
  return result;
}

Json chart_json(const BarChart& chart) {
  Json bars = Json::array();
  for (const auto& bar : chart.bars) bars.push_back({{"label", bar.label}, {"value", bar.value}});
  Json result = {{"type", "bar_chart"}, {"key", chart.key}, {"title", chart.title},
                 {"value_kind", cell_kind_name(chart.value_kind)}};
  result["bars"] = std::move(bars);
  return result;
}

Json block_json(const ReportBlock& block) {
  if (const auto* paragraph = std::get_if<Paragraph>(&block)) return {{"type", "paragraph"}, {"text", paragraph->text}};
  if (const auto* table = std::get_if<ReportTable>(&block)) return table_json(*table);
  return chart_json(std::get<BarChart>(block));
}

}  // namespace

nlohmann::ordered_json document_json(const ReportDocument& document) {
  Json metadata = Json::object();
  for (const auto& [key, value] : document.metadata) metadata[key] = value;
  Json sections = Json::array();
  for (const auto& section : document.sections) {
    Json blocks = Json::array();
    for (const auto& block : section.blocks) blocks.push_back(block_json(block));
    Json section_json = {{"key", section.key}, {"title", section.title}};
    section_json["blocks"] = std::move(blocks);
    sections.push_back(std::move(section_json));
  }
  Json result = {{"report", document.key}, {"title", document.title}, {"subtitle", document.subtitle}};
  result["metadata"] = std::move(metadata);
  result["sections"] = std::move(sections);
  return result;
}

void write_document_json(std::ostream& out, const ReportDocument& document) {
  out << document_json(document).dump(2) << '\n';
}

}  // namespace jiangbu

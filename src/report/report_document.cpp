#include "report/report_document.hpp"

#include <string>

#include "core/assert.hpp"

namespace jiangbu {

std::string_view cell_kind_name(CellKind kind) {
  switch (kind) {
    case CellKind::text: return "text";
    case CellKind::money: return "money";
    case CellKind::percent: return "percent";
    case CellKind::count: return "count";
    case CellKind::date: return "date";
  }
  JIANGBU_ASSERT(false);
  return "";
}

void ReportTable::add_row(std::vector<std::string> row) {
  JIANGBU_ASSERT(row.size() == columns.size());
  rows.push_back(std::move(row));
}

void ReportTable::set_total_row(std::vector<std::string> row) {
  JIANGBU_ASSERT(row.size() == columns.size());
  total_row = std::move(row);
}

std::vector<const ReportTable*> ReportDocument::tables() const {
  std::vector<const ReportTable*> found;
  for (const auto& section : sections) {
    for (const auto& block : section.blocks) {
      if (const auto* table = std::get_if<ReportTable>(&block)) found.push_back(table);
    }
  }
  return found;
}

const ReportTable* ReportDocument::find_table(std::string_view table_key) const {
  for (const auto* table : tables()) {
    if (table->key == table_key) return table;
  }
  return nullptr;
}

std::string format_percent(const Money& numerator, const Money& denominator) {
  return format_percent(numerator.fen(), denominator.fen());
}

std::string format_percent(const FenInteger& numerator, const FenInteger& denominator) {
  JIANGBU_ASSERT(numerator >= 0 && denominator >= 0);
  if (denominator == 0) return "";
  // Hundredths of a percent, rounded half up on the exact quotient:
  // floor((2 · n · 10000 + d) / (2 · d)).
  const FenInteger hundredths = (numerator * 20000 + denominator) / (denominator * 2);
  std::string digits = hundredths.str();
  if (digits.size() < 3) digits.insert(0, 3 - digits.size(), '0');
  return digits.substr(0, digits.size() - 2) + "." + digits.substr(digits.size() - 2);
}

std::string percent_as_fraction(const std::string& percent) {
  const std::size_t dot = percent.find('.');
  JIANGBU_ASSERT(dot != std::string::npos && percent.size() - dot == 3 && dot > 0);
  std::string digits = percent.substr(0, dot) + percent.substr(dot + 1);  // hundredths of a percent
  if (digits.size() < 5) digits.insert(0, 5 - digits.size(), '0');
  std::string fraction = digits.substr(0, digits.size() - 4) + "." + digits.substr(digits.size() - 4);
  const std::size_t first = fraction.find_first_not_of('0');
  if (first > 0 && fraction[first] == '.') fraction.erase(0, first - 1);
  else if (first > 0) fraction.erase(0, first);
  return fraction;
}

}  // namespace jiangbu

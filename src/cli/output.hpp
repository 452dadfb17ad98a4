#pragma once
// Tabular output in the three formats every listing command offers:
// an aligned table for people (CJK characters count as two cells), RFC 4180
// CSV, and JSON (an array of objects; amounts stay strings, never numbers).
#include <iosfwd>
#include <string>
#include <vector>

#include "core/csv_field.hpp"
#include "money/money.hpp"

namespace jiangbu {

enum class OutputFormat { table, csv, json };

// Money cells hold the plain machine form ("80000.00", see
// Money::to_plain_string); the table format groups thousands for people,
// CSV and JSON keep the plain form so that no reader has to strip commas.
enum class ColumnKind { text, number, money };

struct Column {
  std::string key;     // JSON key and CSV header
  std::string header;  // table header
  ColumnKind kind = ColumnKind::text;
};

struct Table {
  std::vector<Column> columns;
  std::vector<std::vector<std::string>> rows;
  void add_row(std::vector<std::string> row);
};

void render(std::ostream& out, const Table& table, OutputFormat format);


inline std::string money_cell(const Money& amount) { return amount.to_plain_string(); }

// "-1234567.80" -> "-1,234,567.80"; other text is returned unchanged.
std::string group_thousands(const std::string& plain_amount);

}  // namespace jiangbu

#pragma once
// Tabular output in the three formats every listing command offers:
// an aligned table for people (CJK characters count as two cells), RFC 4180
// CSV, and JSON (an array of objects; amounts stay strings, never numbers).
#include <iosfwd>
#include <string>
#include <vector>

namespace jiangbu {

enum class OutputFormat { table, csv, json };

struct Column {
  std::string key;     // JSON key and CSV header
  std::string header;  // table header
  bool right_aligned = false;
};

struct Table {
  std::vector<Column> columns;
  std::vector<std::vector<std::string>> rows;
  void add_row(std::vector<std::string> row);
};

void render(std::ostream& out, const Table& table, OutputFormat format);

std::string csv_field(const std::string& text);

}  // namespace jiangbu

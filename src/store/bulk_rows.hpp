#pragma once
// Writing a batch's rows with one statement per table instead of one per
// row. The rows are kept by column (BulkRows) and handed to the database the
// way each backend takes many rows fastest:
//   - SQLite: one prepared INSERT executed once with vector binds (SOCI runs
//     bind/step/reset per row inside the library; nothing is parsed twice);
//   - PostgreSQL: one INSERT … SELECT over a single bound JSON array, so a
//     batch is one round trip (SOCI 4.0.3 sends a vector bind as one
//     round trip per row on PostgreSQL, and mis-handles re-executed vector
//     statements: SOCI issues #910, #1167).
// The SQL text depends only on the table's fixed column list; values are
// always bound, never spliced. Integers travel as integers (JSON integers
// on PostgreSQL, which it reads exactly): no floating point on the way.
#include <cstddef>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <soci/soci.h>

#include "store/database.hpp"

namespace jiangbu {

struct BulkColumn {
  const char* name;
  const char* postgresql_type;  // "TEXT" for text; "BIGINT" or "INTEGER" for integers
};

struct BulkTable {
  const char* name;
  std::vector<BulkColumn> columns;
  bool has_identity = false;  // PostgreSQL: ids are given (allocate_ids), not generated
};

// One cell as it is added: SQL NULL, an integer or a text.
using BulkValue = std::variant<std::nullptr_t, long long, std::string_view>;

// A table's rows kept by column. Integer columns may hold NULL; text columns
// may not (every text column we write is NOT NULL).
class BulkRows {
 public:
  explicit BulkRows(const BulkTable& table);

  // Appends one row, one value per column in the table's order.
  void add(std::initializer_list<BulkValue> values);
  [[nodiscard]] std::size_t size() const { return rows_; }
  [[nodiscard]] bool empty() const { return rows_ == 0; }
  [[nodiscard]] const BulkTable& table() const { return table_; }
  [[nodiscard]] bool is_text(std::size_t column) const;

  // An integer cell, to replace a provisional id once the real ones are known.
  [[nodiscard]] bool is_null(std::size_t column, std::size_t row) const;
  [[nodiscard]] long long integer(std::size_t column, std::size_t row) const;
  void set_integer(std::size_t column, std::size_t row, long long value);

  void clear();

 private:
  friend void bulk_insert(Database& database, BulkRows& rows);

  const BulkTable& table_;
  std::vector<bool> text_columns_;  // decided once: is_text runs for every cell
  std::size_t rows_ = 0;
  // Per column; a text column uses texts_, an integer column integers_ and
  // indicators_ (the other vectors of that column stay empty).
  std::vector<std::vector<std::string>> texts_;
  std::vector<std::vector<long long>> integers_;
  std::vector<std::vector<soci::indicator>> indicators_;
};

// INSERT of every row. Leaves `rows` as it was (SOCI needs them mutable).
void bulk_insert(Database& database, BulkRows& rows);

// SQL for "the texts in the JSON array bound as :parameter", for IN (...).
std::string json_text_list(Backend backend, const char* parameter);

// The same for integers (ids), and the JSON array text to bind for it.
std::string json_integer_list(Backend backend, const char* parameter);
std::string json_integer_array(const std::vector<long long>& values);

// Reserves `count` new ids of a table's id column, in ascending order. On
// SQLite the caller's write transaction holds the only write lock, so the
// ids after the largest stored one are free; on PostgreSQL they come from the
// column's identity sequence.
std::vector<long long> allocate_ids(Database& database, const char* table, const char* column, std::size_t count);

}  // namespace jiangbu

#pragma once
// Writing and reading a batch's rows with one statement per table instead of
// one per row: the rows travel as one bound JSON array (never spliced into
// the SQL, whose text depends only on the table's fixed column list), and the
// database unpacks it (SQLite json_each, PostgreSQL json_array_elements).
// Integers travel as JSON integers, which both read exactly (no floating
// point on the way).
#include <cstddef>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "store/database.hpp"

namespace jiangbu {

struct BulkColumn {
  const char* name;
  const char* postgresql_type;  // "TEXT", "BIGINT", "INTEGER"
};

struct BulkTable {
  const char* name;
  std::vector<BulkColumn> columns;
  bool has_identity = false;  // PostgreSQL: ids are given (allocate_ids), not generated
};

// INSERT of every row of `rows`, a JSON array of arrays in column order.
void bulk_insert(Database& database, const BulkTable& table, const nlohmann::json& rows);

// SQL for "the texts in the JSON array bound as :parameter", for IN (...).
std::string json_text_list(Backend backend, const char* parameter);

// Reserves `count` new ids of a table's id column, in ascending order. On
// SQLite the caller's write transaction holds the only write lock, so the
// ids after the largest stored one are free; on PostgreSQL they come from the
// column's identity sequence.
std::vector<long long> allocate_ids(Database& database, const char* table, const char* column, std::size_t count);

}  // namespace jiangbu

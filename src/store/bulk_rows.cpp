#include "store/bulk_rows.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstring>

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "core/assert.hpp"
#include "core/json_text.hpp"

namespace jiangbu {

namespace {

constexpr std::size_t ids_per_allocation_max = 1'000'000;
constexpr std::size_t columns_max = 64;

std::string column_list(const BulkTable& table) {
  std::string list;
  for (const auto& column : table.columns) list += std::string(list.empty() ? "" : ", ") + column.name;
  return list;
}

std::string sqlite_insert_sql(const BulkTable& table) {
  std::string values;
  for (std::size_t index = 0; index < table.columns.size(); ++index) {
    values += (index == 0 ? ":v" : ", :v") + std::to_string(index);
  }
  return "INSERT INTO " + std::string(table.name) + " (" + column_list(table) + ") VALUES (" + values + ")";
}

std::string postgresql_insert_sql(const BulkTable& table) {
  std::string values;
  for (std::size_t index = 0; index < table.columns.size(); ++index) {
    if (!values.empty()) values += ", ";
    values += "CAST(value->>" + std::to_string(index) + " AS " + table.columns[index].postgresql_type + ")";
  }
  return "INSERT INTO " + std::string(table.name) + " (" + column_list(table) + ")" +
         (table.has_identity ? " OVERRIDING SYSTEM VALUE" : "") + " SELECT " + values +
         " FROM jsonb_array_elements(CAST(:rows AS jsonb)) AS r(value)";
}

// Invalid UTF-8 cannot reach here through validated fields; were a
// free-text field ever to carry it, nlohmann's replacement (U+FFFD) keeps the
// batch's JSON text one PostgreSQL accepts.
void append_json_text_cell(std::string& out, std::string_view text) {
  if (append_json_string(out, text)) return;
  out += nlohmann::json(std::string(text)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void append_integer(std::string& out, long long value) {
  char buffer[24];
  const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
  JIANGBU_ASSERT(error == std::errc());
  out.append(buffer, end);
}

void insert_sqlite(Database& database, BulkRows& rows, std::vector<std::vector<std::string>>& texts,
                   std::vector<std::vector<long long>>& integers,
                   std::vector<std::vector<soci::indicator>>& indicators) {
  const BulkTable& table = rows.table();
  soci::statement statement(database.session());
  for (std::size_t column = 0; column < table.columns.size(); ++column) {
    const std::string name = "v" + std::to_string(column);
    if (rows.is_text(column)) {
      statement.exchange(soci::use(texts[column], name));
    } else {
      statement.exchange(soci::use(integers[column], indicators[column], name));
    }
  }
  statement.alloc();
  statement.prepare(sqlite_insert_sql(table));
  statement.define_and_bind();
  statement.execute(true);
}

}  // namespace

BulkRows::BulkRows(const BulkTable& table)
    : table_(table), texts_(table.columns.size()), integers_(table.columns.size()),
      indicators_(table.columns.size()) {
  JIANGBU_ASSERT(!table.columns.empty() && table.columns.size() <= columns_max);
  for (const auto& column : table.columns) text_columns_.push_back(std::strcmp(column.postgresql_type, "TEXT") == 0);
}

bool BulkRows::is_text(std::size_t column) const { return text_columns_[column]; }

void BulkRows::add(std::initializer_list<BulkValue> values) {
  JIANGBU_ASSERT(values.size() == table_.columns.size() && "one value per column");
  std::size_t column = 0;
  for (const BulkValue& value : values) {
    if (is_text(column)) {
      JIANGBU_ASSERT(std::holds_alternative<std::string_view>(value) && "text columns take text");
      texts_[column].emplace_back(std::get<std::string_view>(value));
    } else if (std::holds_alternative<long long>(value)) {
      integers_[column].push_back(std::get<long long>(value));
      indicators_[column].push_back(soci::i_ok);
    } else {
      JIANGBU_ASSERT(std::holds_alternative<std::nullptr_t>(value) && "integer columns take integers or NULL");
      integers_[column].push_back(0);
      indicators_[column].push_back(soci::i_null);
    }
    ++column;
  }
  ++rows_;
}

bool BulkRows::is_null(std::size_t column, std::size_t row) const {
  JIANGBU_ASSERT(!is_text(column) && row < rows_);
  return indicators_[column][row] == soci::i_null;
}

long long BulkRows::integer(std::size_t column, std::size_t row) const {
  JIANGBU_ASSERT(!is_null(column, row));
  return integers_[column][row];
}

void BulkRows::set_integer(std::size_t column, std::size_t row, long long value) {
  JIANGBU_ASSERT(!is_text(column) && row < rows_);
  integers_[column][row] = value;
  indicators_[column][row] = soci::i_ok;
}

void BulkRows::clear() {
  for (auto& column : texts_) column.clear();
  for (auto& column : integers_) column.clear();
  for (auto& column : indicators_) column.clear();
  rows_ = 0;
}

void bulk_insert(Database& database, BulkRows& rows) {
  if (rows.empty()) return;
  const auto started = std::chrono::steady_clock::now();
  if (database.backend() == Backend::sqlite) {
    insert_sqlite(database, rows, rows.texts_, rows.integers_, rows.indicators_);
  } else {
    const std::size_t columns = rows.table_.columns.size();
    std::string json = "[";
    for (std::size_t row = 0; row < rows.rows_; ++row) {
      json += row == 0 ? "[" : ",[";
      for (std::size_t column = 0; column < columns; ++column) {
        if (column > 0) json += ',';
        if (rows.is_text(column)) {
          append_json_text_cell(json, rows.texts_[column][row]);
        } else if (rows.indicators_[column][row] == soci::i_null) {
          json += "null";
        } else {
          append_integer(json, rows.integers_[column][row]);
        }
      }
      json += ']';
    }
    json += ']';
    database.session() << postgresql_insert_sql(rows.table_), soci::use(json);
  }
  spdlog::debug("bulk insert: {} rows into {} in {} µs", rows.size(), rows.table_.name,
                std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started).count());
}

std::string json_text_list(Backend backend, const char* parameter) {
  if (backend == Backend::sqlite) return "(SELECT value FROM json_each(:" + std::string(parameter) + "))";
  return "(SELECT json_array_elements_text(CAST(:" + std::string(parameter) + " AS json)))";
}

std::string json_integer_list(Backend backend, const char* parameter) {
  if (backend == Backend::sqlite) return "(SELECT CAST(value AS INTEGER) FROM json_each(:" + std::string(parameter) + "))";
  return "(SELECT CAST(value AS BIGINT) FROM json_array_elements_text(CAST(:" + std::string(parameter) + " AS json)) AS t(value))";
}

std::string json_integer_array(const std::vector<long long>& values) {
  std::string json = "[";
  for (const long long value : values) {
    if (json.size() > 1) json += ',';
    append_integer(json, value);
  }
  return json + "]";
}

std::vector<long long> allocate_ids(Database& database, const char* table, const char* column, std::size_t count) {
  JIANGBU_ASSERT(count <= ids_per_allocation_max);
  std::vector<long long> ids;
  ids.reserve(count);
  if (count == 0) return ids;
  if (database.backend() == Backend::sqlite) {
    long long largest = 0;
    soci::indicator found = soci::i_null;
    database.session() << "SELECT MAX(" + std::string(column) + ") FROM " + std::string(table),
        soci::into(largest, found);
    if (found != soci::i_ok) largest = 0;
    for (std::size_t index = 1; index <= count; ++index) ids.push_back(largest + static_cast<long long>(index));
    return ids;
  }
  const long long wanted = static_cast<long long>(count);
  const std::string table_name(table);
  const std::string column_name(column);
  const soci::rowset<std::string> rows =
      (database.session().prepare << "SELECT CAST(nextval(pg_get_serial_sequence(:table, :column)) AS TEXT) "
                                     "FROM generate_series(1, :count)",
       soci::use(table_name), soci::use(column_name), soci::use(wanted));
  for (const auto& id : rows) ids.push_back(std::stoll(id));
  JIANGBU_ASSERT(ids.size() == count);
  std::sort(ids.begin(), ids.end());
  return ids;
}

}  // namespace jiangbu

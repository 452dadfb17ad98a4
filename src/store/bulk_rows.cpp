#include "store/bulk_rows.hpp"

#include <algorithm>
#include <chrono>

#include <spdlog/spdlog.h>

#include "core/assert.hpp"

namespace jiangbu {

namespace {

constexpr std::size_t ids_per_allocation_max = 1'000'000;

std::string column_list(const BulkTable& table) {
  std::string list;
  for (const auto& column : table.columns) list += std::string(list.empty() ? "" : ", ") + column.name;
  return list;
}

std::string insert_sql(Backend backend, const BulkTable& table) {
  std::string values;
  for (std::size_t index = 0; index < table.columns.size(); ++index) {
    const std::string position = std::to_string(index);
    if (!values.empty()) values += ", ";
    if (backend == Backend::sqlite) {
      values += "json_extract(value, '$[" + position + "]')";
    } else {
      values += "CAST(value->>" + position + " AS " + table.columns[index].postgresql_type + ")";
    }
  }
  if (backend == Backend::sqlite) {
    return "INSERT INTO " + std::string(table.name) + " (" + column_list(table) + ") SELECT " + values +
           " FROM json_each(:rows)";
  }
  return "INSERT INTO " + std::string(table.name) + " (" + column_list(table) + ")" +
         (table.has_identity ? " OVERRIDING SYSTEM VALUE" : "") + " SELECT " + values +
         " FROM json_array_elements(CAST(:rows AS json)) AS r(value)";
}

}  // namespace

void bulk_insert(Database& database, const BulkTable& table, const nlohmann::json& rows) {
  JIANGBU_ASSERT(rows.is_array());
  if (rows.empty()) return;
  // Invalid UTF-8 cannot reach here through validated fields; replace
  // rather than throw if a free-text field ever carries it.
  const std::string text = rows.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  const auto started = std::chrono::steady_clock::now();
  database.session() << insert_sql(database.backend(), table), soci::use(text);
  spdlog::debug("bulk insert: {} rows into {} in {} µs", rows.size(), table.name,
                std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started).count());
}

std::string json_text_list(Backend backend, const char* parameter) {
  if (backend == Backend::sqlite) return "(SELECT value FROM json_each(:" + std::string(parameter) + "))";
  return "(SELECT json_array_elements_text(CAST(:" + std::string(parameter) + " AS json)))";
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

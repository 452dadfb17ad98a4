#include "cli/batch.hpp"

#include <fstream>
#include <iostream>
#include <sstream>

#include "core/reason_code.hpp"

namespace jiangbu {

std::string read_text_file(const std::string& path) {
  std::ifstream stream(path, std::ios::binary);
  if (!stream) throw CommandFailure{make_error(ReasonCode::missing_field, "cannot read '" + path + "'", "file")};
  std::ostringstream content;
  content << stream.rdbuf();
  return content.str();
}

Result<std::string> json_string(const nlohmann::json& row, const std::string& key, bool required) {
  const auto found = row.find(key);
  if (found == row.end() || found->is_null()) {
    if (!required) return std::string();
    return make_error(ReasonCode::missing_field, "is missing", key);
  }
  if (!found->is_string()) {
    return make_error(ReasonCode::bad_text, "must be a JSON string (amounts too, e.g. \"200000.00\")", key);
  }
  return found->get<std::string>();
}

Result<std::vector<std::string>> json_strings(const nlohmann::json& row, const std::string& key) {
  std::vector<std::string> values;
  const auto found = row.find(key);
  if (found == row.end() || found->is_null()) return values;
  if (!found->is_array() || found->size() > 100) {
    return make_error(ReasonCode::bad_text, "must be an array of strings", key);
  }
  for (const auto& item : *found) {
    if (!item.is_string()) return make_error(ReasonCode::bad_text, "must be an array of strings", key);
    values.push_back(item.get<std::string>());
  }
  return values;
}

void run_batch(Context& context, const std::string& path, const BatchRow& apply_row) {
  nlohmann::json document;
  try {
    document = nlohmann::json::parse(read_text_file(path));
  } catch (const nlohmann::json::parse_error& error) {
    throw CommandFailure{make_error(ReasonCode::bad_text, std::string("is not valid JSON: ") + error.what(), "file")};
  }
  if (!document.is_array() || document.size() > batch_rows_max) {
    throw CommandFailure{make_error(ReasonCode::bad_text, "must be a JSON array of at most 100000 rows", "file")};
  }
  Table table{{{"row", "行", ColumnKind::number}, {"status", "结果"}, {"code", "代码"}, {"detail", "说明"}}, {}};
  std::optional<Error> first_failure;
  for (std::size_t index = 0; index < document.size(); ++index) {
    const auto& row = document[index];
    auto result = row.is_object() ? apply_row(row) : Result<std::string>(make_error(ReasonCode::bad_text, "is not an object", "row"));
    if (result) {
      table.add_row({std::to_string(index + 1), "ok", "", result.value()});
    } else {
      table.add_row({std::to_string(index + 1), "refused", result.error().code, result.error().describe()});
      if (!first_failure) {
        first_failure = Error(result.error().code, result.error().message,
                              "row " + std::to_string(index + 1) + (result.error().field.empty() ? "" : " " + result.error().field));
      }
    }
  }
  render(std::cout, table, context.format());
  if (first_failure) throw CommandFailure{*first_failure};
}

}  // namespace jiangbu

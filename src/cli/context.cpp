#include "cli/context.hpp"

#include "core/reason_code.hpp"
#include "store/migrations.hpp"

namespace jiangbu {

OutputFormat Context::format() const {
  if (format_name == "csv") return OutputFormat::csv;
  if (format_name == "json") return OutputFormat::json;
  if (format_name != "table") {
    throw CommandFailure{make_error(ReasonCode::bad_option, "--format " + format_name +
                                                              " is for report commands; listings take table, csv or json",
                                    "format")};
  }
  return OutputFormat::table;
}

std::unique_ptr<Database> Context::open_database(bool check_schema) const {
  auto location = require(parse_database_location(database_text));
  auto database = require(Database::open(location));
  if (check_schema) (void)require(jiangbu::check_schema(*database));
  return database;
}

Date require_date(const std::string& text, const std::string& field) {
  auto date = Date::parse(text);
  if (!date) throw CommandFailure{Error(date.error().code, date.error().message, field)};
  return date.value();
}

std::optional<Date> optional_date(const std::string& text, const std::string& field) {
  if (text.empty()) return std::nullopt;
  return require_date(text, field);
}

}  // namespace jiangbu

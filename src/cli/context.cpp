#include "cli/context.hpp"

#include "access/book_access.hpp"
#include "access/principal_binding.hpp"
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
  std::optional<Principal> requested;
  if (!principal_text.empty()) requested = require(parse_principal(principal_text));
  if (!check_schema) {
    // Migrating: the principals table may not exist yet. Whoever is named
    // still meets the checks of everything init does (administrator only).
    database->set_principal(requested.value_or(Principal{}));
    return database;
  }
  (void)require(jiangbu::check_schema(*database));
  (void)require(bind_principal(*database, requested));
  return database;
}

void require_allowed(Database& database, Action action, std::string_view unit_id) {
  (void)require(authorize(database.principal(), action, unit_id));
}

void require_book_allowed(Database& database, Action action, const std::string& book_id) {
  (void)require(authorize_book(database, action, book_id));
}

void require_read(Database& database, const std::string& unit_id) {
  require_allowed(database, unit_id.empty() ? Action::read_all : Action::read_unit, unit_id);
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

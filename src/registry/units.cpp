#include "registry/units.hpp"

#include <spdlog/spdlog.h>

#include "access/permission.hpp"
#include "core/reason_code.hpp"
#include "core/text.hpp"
#include "core/timestamp.hpp"
#include "ledger/accounts.hpp"
#include "ledger/books.hpp"
#include "registry/uscc.hpp"
#include "store/transaction.hpp"

namespace jiangbu {

namespace {

constexpr std::size_t units_listed_max = 100'000;

struct UnitRow {
  Unit unit;
  std::string type;
  std::string method;
  std::string override_reason;
  soci::indicator override_indicator = soci::i_null;

  Unit finish() {
    unit.type = type == "enterprise" ? UnitType::enterprise : UnitType::non_profit;
    unit.method = method == "gross" ? GrantMethod::gross : GrantMethod::net;
    unit.uscc_override.reset();
    if (override_indicator == soci::i_ok) unit.uscc_override = override_reason;
    return unit;
  }
};

constexpr const char* unit_select =
    "SELECT unit_id, name, unit_type, grant_method, uscc_override, book_id FROM units ";

template <typename Statement>
void bind_unit_row(Statement& statement, UnitRow& row) {
  statement, soci::into(row.unit.unit_id), soci::into(row.unit.name), soci::into(row.type),
      soci::into(row.method), soci::into(row.override_reason, row.override_indicator),
      soci::into(row.unit.book_id);
}

// A failing check character may be accepted with a stated reason (a code
// issued with a wrong check digit is still the unit's legal id); a code of
// the wrong shape never is.
Result<std::optional<std::string>> check_uscc(const UnitInput& input) {
  auto valid = validate_uscc(input.uscc, "uscc", ReasonCode::bad_uscc);
  if (valid) return std::optional<std::string>();
  if (input.uscc_override_reason.empty() || !uscc_has_valid_shape(input.uscc)) return valid.error();
  if (auto reason = validate_text(input.uscc_override_reason, "uscc_override_reason", 300); !reason) {
    return reason.error();
  }
  return std::optional<std::string>(input.uscc_override_reason);
}

}  // namespace

std::string_view unit_type_name(UnitType type) {
  return type == UnitType::enterprise ? "enterprise" : "non-profit";
}

std::string_view grant_method_name(GrantMethod method) {
  return method == GrantMethod::gross ? "gross" : "net";
}

std::optional<UnitType> parse_unit_type(std::string_view text) {
  if (text == "enterprise" || text == "企业") return UnitType::enterprise;
  if (text == "non-profit" || text == "非营利" || text == "民间非营利组织") return UnitType::non_profit;
  return std::nullopt;
}

std::optional<GrantMethod> parse_grant_method(std::string_view text) {
  if (text == "gross" || text == "总额法") return GrantMethod::gross;
  if (text == "net" || text == "净额法") return GrantMethod::net;
  return std::nullopt;
}

Result<Unit> add_unit(Database& database, const UnitInput& input) {
  if (auto allowed = authorize(database.principal(), Action::register_parties); !allowed) return allowed.error();
  auto override_reason = check_uscc(input);
  if (!override_reason) return override_reason.error();
  if (auto valid = validate_text(input.name, "name", 200); !valid) return valid.error();
  const auto type = parse_unit_type(input.type);
  if (!type) return make_error(ReasonCode::bad_text, "must be enterprise or non-profit", "type");
  const auto method = parse_grant_method(input.method.empty() ? "gross" : input.method);
  if (!method) return make_error(ReasonCode::bad_text, "must be gross (总额法) or net (净额法)", "method");
  if (*type == UnitType::non_profit && *method == GrantMethod::net) {
    // 民间非营利组织会计制度 books the grant as 政府补助收入; there is no 净额法.
    return make_error(ReasonCode::bad_text, "a non-profit unit books grants as income (gross only)", "method");
  }
  Unit unit{input.uscc, input.name, *type, *method, override_reason.value(), input.uscc};
  Transaction transaction(database, {"unit.register", "unit", unit.unit_id});
  if (find_unit(database, unit.unit_id)) {
    return make_error(ReasonCode::duplicate_unit, "unit " + unit.unit_id + " is already registered", "uscc");
  }
  const std::string chart = *type == UnitType::enterprise ? "enterprise" : "non-profit";
  auto book = create_book_in_transaction(database, Book{unit.book_id, chart, unit.name});
  if (!book) return book.error();
  auto account = open_sub_account(database, unit.book_id, std::string(dedicated_bank_account), "奖补专户");
  if (!account) return account.error();
  const std::string type_text(unit_type_name(unit.type));
  const std::string method_text(grant_method_name(unit.method));
  const std::string now = utc_timestamp_now();
  soci::indicator override_indicator = unit.uscc_override ? soci::i_ok : soci::i_null;
  const std::string override_text = unit.uscc_override.value_or("");
  database.session() << "INSERT INTO units (unit_id, name, unit_type, grant_method, uscc_override, "
                        "book_id, created_at) VALUES (:id, :name, :type, :method, :override, :book, :now)",
      soci::use(unit.unit_id), soci::use(unit.name), soci::use(type_text), soci::use(method_text),
      soci::use(override_text, override_indicator), soci::use(unit.book_id), soci::use(now);
  transaction.commit();
  if (unit.uscc_override) {
    spdlog::warn("unit {} registered although its 统一社会信用代码 fails the check; override: {}", unit.unit_id,
                 *unit.uscc_override);
  }
  return unit;
}

std::optional<Unit> find_unit(Database& database, const std::string& unit_id) {
  UnitRow row;
  auto query = (database.session().prepare << std::string(unit_select) + "WHERE unit_id = :id",
                soci::use(unit_id));
  bind_unit_row(query, row);
  soci::statement statement(query);
  if (!statement.execute(true)) return std::nullopt;
  return row.finish();
}

std::vector<Unit> list_units(Database& database) {
  UnitRow row;
  auto query = (database.session().prepare << std::string(unit_select) + "ORDER BY unit_id");
  bind_unit_row(query, row);
  soci::statement statement(query);
  statement.execute();
  std::vector<Unit> units;
  while (units.size() < units_listed_max && statement.fetch()) units.push_back(row.finish());
  return units;
}

}  // namespace jiangbu

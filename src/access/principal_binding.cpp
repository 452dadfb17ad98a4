#include "access/principal_binding.hpp"

#include "access/permission.hpp"
#include "core/reason_code.hpp"
#include "core/text.hpp"
#include "core/timestamp.hpp"
#include "registry/units.hpp"
#include "store/transaction.hpp"

namespace jiangbu {

namespace {

constexpr std::size_t role_bindings_max = 100'000;

std::optional<Principal> database_role_principal(Database& database) {
  std::string kind, unit_id;
  soci::indicator unit_indicator = soci::i_null;
  database.session() << "SELECT kind, unit_id FROM principals WHERE role_name = current_user",
      soci::into(kind), soci::into(unit_id, unit_indicator);
  if (!database.session().got_data()) return std::nullopt;
  auto parsed = parse_principal(kind == "unit" ? "unit:" + unit_id : kind);
  JIANGBU_ASSERT(parsed.ok() && "principals.kind is checked by the schema");
  return parsed.value();
}

Status check_unit_exists(Database& database, const Principal& principal) {
  if (principal.kind != PrincipalKind::unit || find_unit(database, principal.unit_id)) return success();
  return make_error(ReasonCode::bad_principal, "no unit is registered under " + principal.unit_id, "as");
}

}  // namespace

Status bind_principal(Database& database, const std::optional<Principal>& requested) {
  if (database.backend() == Backend::postgresql) {
    if (auto bound = database_role_principal(database)) {
      if (requested && *requested != *bound) {
        return make_error(ReasonCode::bad_principal,
                          "this database login is bound to " + bound->text() + ", not " + requested->text(), "as");
      }
      database.set_principal(*bound);
      return success();
    }
  }
  const Principal principal = requested.value_or(Principal{});
  if (auto exists = check_unit_exists(database, principal); !exists) return exists;
  database.set_principal(principal);
  return success();
}

Status bind_database_role(Database& database, const std::string& role_name, const Principal& principal) {
  if (auto allowed = authorize(database.principal(), Action::administer); !allowed) return allowed;
  if (database.backend() != Backend::postgresql) {
    return make_error(ReasonCode::bad_option,
                      "database roles exist on PostgreSQL only; on SQLite pass --as or set JIANGBU_AS", "db");
  }
  if (auto valid = validate_text(role_name, "role", 63); !valid) return valid;
  if (principal.kind == PrincipalKind::administrator) {
    return make_error(ReasonCode::bad_principal, "bind a login role to bureau, auditor or unit:<USCC>", "as");
  }
  if (auto exists = check_unit_exists(database, principal); !exists) return exists;
  const std::string kind(principal_kind_name(principal.kind));
  soci::indicator unit_indicator = principal.kind == PrincipalKind::unit ? soci::i_ok : soci::i_null;
  Transaction transaction(database, {"role.bind", "role", role_name + " " + principal.text()});
  // The function quotes the role name itself (format %I): GRANT takes no
  // bound parameters, and SQL is never built from strings here.
  const std::string bound_at = utc_timestamp_now();
  database.session() << "SELECT jiangbu_bind_principal(:role, :kind, :unit, :bound_at)", soci::use(role_name),
      soci::use(kind), soci::use(principal.unit_id, unit_indicator), soci::use(bound_at);
  transaction.commit();
  return success();
}

std::vector<RoleBinding> list_role_bindings(Database& database) {
  std::vector<RoleBinding> bindings;
  if (database.backend() != Backend::postgresql) return bindings;
  std::string role_name, kind, unit_id;
  soci::indicator unit_indicator = soci::i_null;
  soci::statement statement =
      (database.session().prepare << "SELECT role_name, kind, unit_id FROM principals ORDER BY role_name",
       soci::into(role_name), soci::into(kind), soci::into(unit_id, unit_indicator));
  statement.execute();
  while (bindings.size() < role_bindings_max && statement.fetch()) {
    auto parsed = parse_principal(kind == "unit" ? "unit:" + unit_id : kind);
    JIANGBU_ASSERT(parsed.ok() && "principals.kind is checked by the schema");
    bindings.push_back({role_name, parsed.value()});
  }
  return bindings;
}

}  // namespace jiangbu

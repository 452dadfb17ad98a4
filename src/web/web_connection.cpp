#include "web/web_connection.hpp"

#include "access/principal_binding.hpp"
#include "core/reason_code.hpp"

namespace jiangbu {

Result<std::unique_ptr<Database>> open_web_connection(const DatabaseLocation& location, const WebIdentity& identity) {
  auto database = Database::open(location);
  if (!database) return database.error();
  if (!identity.database_role.empty()) {
    if (location.backend != Backend::postgresql) {
      return make_error(ReasonCode::bad_principal, "database roles exist on PostgreSQL only", "database-role");
    }
    // set_config('role', …) is SET ROLE with the name bound, not spliced
    // into SQL; the server refuses a role its login is not a member of.
    std::string applied;
    database.value()->session() << "SELECT set_config('role', :role, false)", soci::use(identity.database_role),
        soci::into(applied);
  }
  if (auto bound = bind_principal(*database.value(), identity.principal); !bound) return bound.error();
  return database;
}

}  // namespace jiangbu

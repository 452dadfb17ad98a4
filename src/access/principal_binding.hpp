#pragma once
// Binding a connection to its principal. On SQLite (one user, one file) the
// principal is what --as or JIANGBU_AS says and the application's checks are
// the only guard. On PostgreSQL a login role bound in the principals table
// (`jiangbu role bind`) IS its principal: the database's grants and
// row-level security enforce it, and a contradicting --as is refused.
#include <optional>
#include <string>
#include <vector>

#include "access/principal.hpp"
#include "core/result.hpp"
#include "store/database.hpp"

namespace jiangbu {

Status bind_principal(Database& database, const std::optional<Principal>& requested);

struct RoleBinding {
  std::string role_name;
  Principal principal;
};

// PostgreSQL only, as the owner: grants the login role the group role of its
// kind (jiangbu_bureau, jiangbu_unit, jiangbu_auditor) and records the unit.
Status bind_database_role(Database& database, const std::string& role_name, const Principal& principal);
std::vector<RoleBinding> list_role_bindings(Database& database);

}  // namespace jiangbu

#pragma once
// The connection each web request (and each background job) works on: the
// account's principal bound to it as the CLI binds --as, and, when the
// account names a PostgreSQL login role (`jiangbu user add --database-role`),
// the connection switched to that role first. Then the role's grants and
// row-level security (sql/postgresql/0007) apply to everything the request
// does, and bind_principal refuses a role bound to any other principal.
// The server's own login must be a member of the role (GRANT role TO it).
#include <memory>
#include <string>

#include "access/principal.hpp"
#include "core/result.hpp"
#include "store/database.hpp"

namespace jiangbu {

struct WebIdentity {
  Principal principal;
  std::string database_role;  // empty: the server's own login (application checks only)
};

Result<std::unique_ptr<Database>> open_web_connection(const DatabaseLocation& location, const WebIdentity& identity);

}  // namespace jiangbu

#pragma once
// Policies as stored in the database. `jiangbu init` snapshots every bundled
// policy file (accounts/policies/*.toml) with its checksum; recognitions and
// awards then read the rules from that snapshot, so a policy file edited
// later cannot change an award already granted. A changed file under an
// existing policy id is refused: a revised document gets a new id.
#include <string>
#include <vector>

#include "core/result.hpp"
#include "policy/policy.hpp"
#include "store/database.hpp"

namespace jiangbu {

Status seed_policies(Database& database);
Result<Policy> stored_policy(Database& database, const std::string& policy_id);
std::vector<std::string> stored_policy_ids(Database& database);

}  // namespace jiangbu

#include "policy/policy_store.hpp"

#include <cstdio>
#include <map>
#include <mutex>

#include "access/permission.hpp"
#include "core/checksum.hpp"
#include "core/embedded_files.hpp"
#include "core/reason_code.hpp"
#include "core/timestamp.hpp"
#include "policy/policy_loader.hpp"
#include "store/transaction.hpp"

namespace jiangbu {

namespace {

constexpr std::size_t policies_max = 1000;


}  // namespace

Status seed_policies(Database& database) {
  if (auto allowed = authorize(database.principal(), Action::load_policy); !allowed) return allowed;
  Transaction transaction(database, {"policy.seed", "policy", "bundled"});
  for (const auto& file : embedded_files()) {
    if (!file.path.starts_with("accounts/policies/") || !file.path.ends_with(".toml")) continue;
    auto policy = parse_policy(file.content, file.path);
    if (!policy) return policy.error();
    const std::string checksum = fnv1a_64_hex(file.content);
    std::string stored_checksum;
    soci::indicator found = soci::i_null;
    database.session() << "SELECT checksum FROM policies WHERE policy_id = :id",
        soci::use(policy.value().policy_id), soci::into(stored_checksum, found);
    if (found == soci::i_ok) {
      if (stored_checksum != checksum) {
        return make_error(ReasonCode::bad_policy,
                          std::string(file.path) + " differs from the policy " + policy.value().policy_id +
                              " already in the database; a revised document needs a new policy id",
                          "policy");
      }
      continue;
    }
    const std::string content(file.content);
    const std::string now = utc_timestamp_now();
    database.session() << "INSERT INTO policies (policy_id, checksum, content, loaded_at) "
                          "VALUES (:id, :checksum, :content, :now)",
        soci::use(policy.value().policy_id), soci::use(checksum), soci::use(content), soci::use(now);
  }
  transaction.commit();
  return success();
}

Result<Policy> stored_policy(Database& database, const std::string& policy_id) {
  // Parsed policies are cached by id and checksum: a stored policy never
  // changes, and every expenditure of an import consults one.
  static std::mutex cache_mutex;
  static std::map<std::pair<std::string, std::string>, Policy> cache;
  std::string checksum;
  soci::indicator found = soci::i_null;
  database.session() << "SELECT checksum FROM policies WHERE policy_id = :id", soci::use(policy_id),
      soci::into(checksum, found);
  if (found != soci::i_ok) {
    return make_error(ReasonCode::unknown_policy, "no policy '" + policy_id + "'", "policy");
  }
  const auto key = std::make_pair(policy_id, checksum);
  {
    const std::lock_guard lock(cache_mutex);
    if (const auto cached = cache.find(key); cached != cache.end()) return cached->second;
  }
  std::string content;
  database.session() << "SELECT content FROM policies WHERE policy_id = :id", soci::use(policy_id), soci::into(content);
  auto policy = parse_policy(content, "accounts/policies/" + policy_id + ".toml");
  if (!policy) return policy;
  const std::lock_guard lock(cache_mutex);
  if (cache.size() < policies_max) cache.emplace(key, policy.value());
  return policy;
}

std::vector<std::string> stored_policy_ids(Database& database) {
  std::vector<std::string> ids;
  std::string id;
  soci::statement statement =
      (database.session().prepare << "SELECT policy_id FROM policies ORDER BY policy_id", soci::into(id));
  statement.execute();
  while (ids.size() < policies_max && statement.fetch()) ids.push_back(id);
  return ids;
}

}  // namespace jiangbu

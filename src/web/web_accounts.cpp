#include "web/web_accounts.hpp"

#include <spdlog/spdlog.h>

#include "access/permission.hpp"
#include "access/principal_binding.hpp"
#include "core/assert.hpp"
#include "core/reason_code.hpp"
#include "core/text.hpp"
#include "core/timestamp.hpp"
#include "registry/units.hpp"
#include "store/transaction.hpp"
#include "web/password_hash.hpp"

namespace jiangbu {

namespace {

constexpr std::size_t user_name_bytes_max = 64;

Status check_user_name(const std::string& user_name) {
  if (auto valid = validate_text(user_name, "user", user_name_bytes_max); !valid) return valid;
  if (user_name.find(' ') != std::string::npos) {
    return make_error(ReasonCode::bad_text, "a user name has no spaces", "user");
  }
  return success();
}

Result<Principal> account_principal(Database& database, const std::string& text) {
  auto principal = parse_principal(text);
  if (!principal) return principal.error();
  if (principal.value().kind == PrincipalKind::administrator) {
    return make_error(ReasonCode::bad_principal, "a web account acts as bureau, auditor or unit:<USCC>", "principal");
  }
  if (principal.value().kind == PrincipalKind::unit && !find_unit(database, principal.value().unit_id)) {
    return make_error(ReasonCode::bad_principal, "no unit is registered under " + principal.value().unit_id,
                      "principal");
  }
  return principal;
}

std::optional<WebUser> find_web_user(Database& database, const std::string& user_name, std::string& password_hash) {
  WebUser user;
  std::string principal_text;
  long long locked_until_unix = 0;
  soci::indicator role_indicator = soci::i_null;
  database.session() << "SELECT user_name, password_hash, principal, database_role, failed_sign_ins, "
                        "locked_until_unix FROM web_users WHERE user_name = :user_name",
      soci::use(user_name), soci::into(user.user_name), soci::into(password_hash), soci::into(principal_text),
      soci::into(user.database_role, role_indicator), soci::into(user.failed_sign_ins), soci::into(locked_until_unix);
  if (role_indicator != soci::i_ok) user.database_role.clear();
  if (!database.session().got_data()) return std::nullopt;
  auto principal = parse_principal(principal_text);
  // Checked when added and by the schema; a row edited behind the
  // application's back acts as the administrator kind, which sign_in refuses.
  user.principal = principal ? principal.value() : Principal{};
  user.locked_until_unix = locked_until_unix;
  return user;
}

void note_failure(Database& database, const std::string& user_name, std::int64_t now_unix,
                  const SignInPolicy& policy) {
  // Counted in the database, inside the write transaction, so that wrong
  // passwords sent at once from many connections all count.
  Transaction transaction(database, {"web.sign-in-failed", "web-user", user_name});
  database.session() << "UPDATE web_users SET failed_sign_ins = failed_sign_ins + 1 WHERE user_name = :user_name",
      soci::use(user_name);
  int failed_sign_ins = 0;
  database.session() << "SELECT failed_sign_ins FROM web_users WHERE user_name = :user_name", soci::use(user_name),
      soci::into(failed_sign_ins);
  if (failed_sign_ins >= policy.failures_max) {
    const long long locked_until_unix = now_unix + policy.lock_seconds;
    database.session() << "UPDATE web_users SET failed_sign_ins = 0, locked_until_unix = :until "
                          "WHERE user_name = :user_name",
        soci::use(locked_until_unix), soci::use(user_name);
    spdlog::warn("web account {} locked after {} wrong passwords", user_name, policy.failures_max);
  }
  transaction.commit();
}

Status check_database_role(Database& database, const std::string& role, const Principal& principal) {
  if (role.empty()) return success();
  if (database.backend() != Backend::postgresql) {
    return make_error(ReasonCode::bad_option, "--database-role is for PostgreSQL (SQLite has no roles)", "database-role");
  }
  for (const auto& binding : list_role_bindings(database)) {
    if (binding.role_name != role) continue;
    if (binding.principal == principal) return success();
    return make_error(ReasonCode::bad_principal,
                      "role " + role + " is bound to " + binding.principal.text() + ", not " + principal.text(),
                      "database-role");
  }
  return make_error(ReasonCode::bad_principal, "role " + role + " is not bound: jiangbu role bind first",
                    "database-role");
}

}  // namespace

Status add_web_user(Database& database, const NewWebUser& user) {
  if (auto allowed = authorize(database.principal(), Action::administer); !allowed) return allowed;
  if (auto valid = check_user_name(user.user_name); !valid) return valid;
  if (auto valid = check_new_password(user.password); !valid) return valid;
  auto principal = account_principal(database, user.principal);
  if (!principal) return principal.error();
  if (auto bound = check_database_role(database, user.database_role, principal.value()); !bound) return bound;
  std::string ignored_hash;
  if (find_web_user(database, user.user_name, ignored_hash)) {
    return make_error(ReasonCode::duplicate_user, "a web account named " + user.user_name + " exists", "user");
  }
  const std::string password_hash = hash_password(user.password);
  const std::string principal_text = principal.value().text();
  const std::string created_at = utc_timestamp_now();
  Transaction transaction(database, {"web.user-add", "web-user", user.user_name + " " + principal_text});
  soci::indicator role_indicator = user.database_role.empty() ? soci::i_null : soci::i_ok;
  database.session() << "INSERT INTO web_users (user_name, password_hash, principal, database_role, created_at) "
                        "VALUES (:user_name, :password_hash, :principal, :database_role, :created_at)",
      soci::use(user.user_name), soci::use(password_hash), soci::use(principal_text),
      soci::use(user.database_role, role_indicator), soci::use(created_at);
  transaction.commit();
  return success();
}

Status reset_web_password(Database& database, const std::string& user_name, const std::string& password) {
  if (auto allowed = authorize(database.principal(), Action::administer); !allowed) return allowed;
  if (auto valid = check_new_password(password); !valid) return valid;
  std::string ignored_hash;
  if (!find_web_user(database, user_name, ignored_hash)) {
    return make_error(ReasonCode::bad_principal, "no web account is named " + user_name, "user");
  }
  const std::string password_hash = hash_password(password);
  Transaction transaction(database, {"web.password-reset", "web-user", user_name});
  database.session() << "UPDATE web_users SET password_hash = :password_hash, failed_sign_ins = 0, "
                        "locked_until_unix = 0 WHERE user_name = :user_name",
      soci::use(password_hash), soci::use(user_name);
  transaction.commit();
  return success();
}

std::vector<WebUser> list_web_users(Database& database, std::size_t limit) {
  std::vector<WebUser> users;
  if (!authorize(database.principal(), Action::administer)) return users;
  std::string user_name, principal_text, database_role;
  soci::indicator role_indicator = soci::i_null;
  int failed_sign_ins = 0;
  long long locked_until_unix = 0;
  soci::statement statement =
      (database.session().prepare << "SELECT user_name, principal, database_role, failed_sign_ins, locked_until_unix "
                                     "FROM web_users ORDER BY user_name",
       soci::into(user_name), soci::into(principal_text), soci::into(database_role, role_indicator),
       soci::into(failed_sign_ins), soci::into(locked_until_unix));
  statement.execute();
  while (users.size() < limit && statement.fetch()) {
    auto principal = parse_principal(principal_text);
    users.push_back({user_name, principal ? principal.value() : Principal{},
                     role_indicator == soci::i_ok ? database_role : std::string(), failed_sign_ins,
                     locked_until_unix});
  }
  return users;
}

Result<WebUser> sign_in(Database& database, const std::string& user_name, const std::string& password,
                        std::int64_t now_unix, const SignInPolicy& policy, bool* account_exists) {
  const Error wrong = make_error(ReasonCode::sign_in_failed, "用户名或密码错误 (wrong user name or password)", "user");
  std::string password_hash;
  auto user = find_web_user(database, user_name, password_hash);
  if (account_exists != nullptr) *account_exists = user.has_value();
  if (!user) {
    (void)password_matches(decoy_password_hash(), password);
    return wrong;
  }
  if (user->principal.kind == PrincipalKind::administrator) {
    // The schema's CHECK keeps such rows out; one edited in is refused, not obeyed.
    return make_error(ReasonCode::bad_principal, "web account " + user_name + " names no usable principal", "user");
  }
  if (user->locked_until_unix > now_unix) {
    return make_error(ReasonCode::account_locked,
                      "账户已锁定 (locked for " + std::to_string(user->locked_until_unix - now_unix) +
                          " more seconds after repeated wrong passwords)",
                      "user");
  }
  if (!password_matches(password_hash, password)) {
    note_failure(database, user->user_name, now_unix, policy);
    return wrong;
  }
  if (user->failed_sign_ins > 0) {
    database.session() << "UPDATE web_users SET failed_sign_ins = 0 WHERE user_name = :user_name",
        soci::use(user->user_name);
  }
  return *user;
}

}  // namespace jiangbu

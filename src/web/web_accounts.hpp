#pragma once
// Web accounts (sql/*/0010_web_accounts.sql): a user name, an argon2id hash
// of the password, and the principal the person acts as once signed in. The
// permission table is the CLI's; an account only chooses the principal.
//
// Lock-out: after sign_in_failures_max wrong passwords in a row the account
// refuses every sign-in, right or wrong, for lock_seconds; the counter starts
// again after a success or when the lock-out ends.
#include <cstdint>
#include <string>
#include <vector>

#include "access/principal.hpp"
#include "core/result.hpp"
#include "store/database.hpp"

namespace jiangbu {

struct SignInPolicy {
  int failures_max = 5;
  std::int64_t lock_seconds = 15 * 60;
};

struct WebUser {
  std::string user_name;
  Principal principal;
  std::string database_role;  // PostgreSQL login role the requests run as; empty: none
  int failed_sign_ins = 0;
  std::int64_t locked_until_unix = 0;
};

struct NewWebUser {
  std::string user_name;  // 1..64 bytes of text, no spaces or control characters
  std::string password;
  std::string principal;  // bureau, auditor or unit:<USCC> (as --as takes it)
  std::string database_role;  // optional, PostgreSQL only: a login role bound to that same principal
};

// The database owner only (Action::administer); refuses an unknown unit.
Status add_web_user(Database& database, const NewWebUser& user);
// Sets a new password and lifts any lock-out (administrator only).
Status reset_web_password(Database& database, const std::string& user_name, const std::string& password);
std::vector<WebUser> list_web_users(Database& database, std::size_t limit);

// "sign-in-failed" for an unknown name or a wrong password alike (and just
// as slow), "account-locked" while locked out.
// account_exists, when given, says whether the name has an account (the
// caller's throttle for unknown names; never shown to the person).
Result<WebUser> sign_in(Database& database, const std::string& user_name, const std::string& password,
                        std::int64_t now_unix, const SignInPolicy& policy, bool* account_exists = nullptr);

}  // namespace jiangbu

#pragma once
// Signed-in browser sessions, in the server's memory. (The sign-in form
// itself needs no session: its anti-forgery token is stateless, see
// login_token.hpp.)
// The browser holds a random 256-bit token in an HttpOnly, SameSite=Strict
// cookie; the store keeps only the token's SHA-256, so a memory dump does not
// hand out live sessions. Each session has its own anti-forgery (CSRF) token
// that every form and every changing API call must echo.
//
// A restart signs everyone out: sessions are deliberately not persisted.
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "access/principal.hpp"

namespace jiangbu {

struct WebSession {
  std::string user_name;  // empty: a visitor who has not signed in yet
  Principal principal;
  std::string database_role;  // PostgreSQL role the account's requests run as (web_connection.hpp)
  std::string csrf_token;
  std::int64_t expires_unix = 0;   // idle expiry, pushed back by each use
  std::int64_t created_unix = 0;   // a session ends a fixed time after sign-in however busy
  [[nodiscard]] bool signed_in() const { return !user_name.empty(); }
};

// 64 lowercase hex digits of libsodium's randombytes.
std::string random_token();
// Constant-time equality, for tokens.
bool tokens_equal(std::string_view left, std::string_view right);

class SessionStore {
 public:
  struct Limits {
    std::size_t sessions_max = 10'000;
    std::size_t sessions_per_user_max = 20;  // one account cannot crowd everyone else out
    std::int64_t idle_seconds = 30 * 60;
    std::int64_t lifetime_seconds = 12 * 60 * 60;
  };
  explicit SessionStore(Limits limits);

  // The new session and its token. When the user already has
  // sessions_per_user_max, their oldest goes; when the store is full,
  // expired sessions go, then visitors before signed-in users, closest to
  // expiry first: memory stays bounded whatever arrives.
  std::pair<std::string, WebSession> create(const std::string& user_name, const Principal& principal,
                                            std::int64_t now_unix, const std::string& database_role = {});
  // The session, its idle timer restarted; nothing when unknown or expired.
  std::optional<WebSession> find(std::string_view token, std::int64_t now_unix);
  void remove(std::string_view token);
  [[nodiscard]] std::size_t size() const;

 private:
  void make_room(const std::string& user_name, std::int64_t now_unix);

  mutable std::mutex mutex_;
  std::map<std::string, WebSession> sessions_;  // by SHA-256 of the token
  Limits limits_;
};

}  // namespace jiangbu

#pragma once
// Signed-in (and not yet signed-in) browser sessions, in the server's memory.
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
  std::string csrf_token;
  std::int64_t expires_unix = 0;
  [[nodiscard]] bool signed_in() const { return !user_name.empty(); }
};

// 64 lowercase hex digits of libsodium's randombytes.
std::string random_token();
// Constant-time equality, for tokens.
bool tokens_equal(std::string_view left, std::string_view right);

class SessionStore {
 public:
  SessionStore(std::size_t sessions_max, std::int64_t idle_seconds);

  // Returns the new session's token. When full, drops expired sessions, then
  // visitors before signed-in users, closest to expiry first: a flood of
  // visitors cannot grow memory.
  std::string create(const std::string& user_name, const Principal& principal, std::int64_t now_unix);
  // The session, its idle timer restarted; nothing when unknown or expired.
  std::optional<WebSession> find(std::string_view token, std::int64_t now_unix);
  void remove(std::string_view token);
  [[nodiscard]] std::size_t size() const;

 private:
  void make_room(std::int64_t now_unix);

  mutable std::mutex mutex_;
  std::map<std::string, WebSession> sessions_;  // by SHA-256 of the token
  std::size_t sessions_max_;
  std::int64_t idle_seconds_;
};

}  // namespace jiangbu

#include "web/session_store.hpp"

#include <sodium.h>

#include <algorithm>
#include <utility>

#include "core/assert.hpp"
#include "core/sha256.hpp"

namespace jiangbu {

std::string random_token() {
  JIANGBU_ASSERT(sodium_init() >= 0);
  unsigned char bytes[32];
  randombytes_buf(bytes, sizeof bytes);
  char hex[sizeof bytes * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, bytes, sizeof bytes);
  return std::string(hex);
}

bool tokens_equal(std::string_view left, std::string_view right) {
  if (left.size() != right.size() || left.empty()) return false;
  return sodium_memcmp(left.data(), right.data(), left.size()) == 0;
}

SessionStore::SessionStore(Limits limits) : limits_(limits) {
  JIANGBU_ASSERT(limits.sessions_max > 0 && limits.sessions_per_user_max > 0 && limits.idle_seconds > 0 &&
                 limits.lifetime_seconds > 0);
}

std::pair<std::string, WebSession> SessionStore::create(const std::string& user_name, const Principal& principal,
                                                        std::int64_t now_unix, const std::string& database_role) {
  std::string token = random_token();
  WebSession session{user_name, principal, database_role, random_token(), now_unix + limits_.idle_seconds, now_unix};
  const std::lock_guard lock(mutex_);
  make_room(user_name, now_unix);
  sessions_.emplace(sha256_hex(token), session);
  return {std::move(token), std::move(session)};
}

std::optional<WebSession> SessionStore::find(std::string_view token, std::int64_t now_unix) {
  if (token.empty()) return std::nullopt;
  const std::string key = sha256_hex(token);
  const std::lock_guard lock(mutex_);
  auto found = sessions_.find(key);
  if (found == sessions_.end()) return std::nullopt;
  if (found->second.expires_unix <= now_unix || now_unix - found->second.created_unix >= limits_.lifetime_seconds) {
    sessions_.erase(found);
    return std::nullopt;
  }
  found->second.expires_unix = now_unix + limits_.idle_seconds;
  return found->second;
}

void SessionStore::remove(std::string_view token) {
  const std::string key = sha256_hex(token);
  const std::lock_guard lock(mutex_);
  sessions_.erase(key);
}

std::size_t SessionStore::size() const {
  const std::lock_guard lock(mutex_);
  return sessions_.size();
}

void SessionStore::make_room(const std::string& user_name, std::int64_t now_unix) {
  // Called with the mutex held. Each pass of either loop erases one session.
  std::size_t of_user = 0;
  for (const auto& entry : sessions_) of_user += entry.second.user_name == user_name ? 1 : 0;
  while (of_user >= limits_.sessions_per_user_max) {
    auto oldest = sessions_.end();
    for (auto entry = sessions_.begin(); entry != sessions_.end(); ++entry) {
      if (entry->second.user_name != user_name) continue;
      if (oldest == sessions_.end() || entry->second.created_unix < oldest->second.created_unix) oldest = entry;
    }
    sessions_.erase(oldest);
    --of_user;
  }
  if (sessions_.size() < limits_.sessions_max) return;
  std::erase_if(sessions_, [now_unix](const auto& entry) { return entry.second.expires_unix <= now_unix; });
  while (sessions_.size() >= limits_.sessions_max) {
    auto oldest = std::min_element(sessions_.begin(), sessions_.end(), [](const auto& left, const auto& right) {
      // Visitors who never signed in go first, so a flood of them cannot
      // sign anyone out.
      return std::pair(left.second.signed_in(), left.second.expires_unix) <
             std::pair(right.second.signed_in(), right.second.expires_unix);
    });
    sessions_.erase(oldest);
  }
}

}  // namespace jiangbu

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

SessionStore::SessionStore(std::size_t sessions_max, std::int64_t idle_seconds)
    : sessions_max_(sessions_max), idle_seconds_(idle_seconds) {
  JIANGBU_ASSERT(sessions_max > 0 && idle_seconds > 0);
}

std::string SessionStore::create(const std::string& user_name, const Principal& principal, std::int64_t now_unix) {
  const std::string token = random_token();
  WebSession session{user_name, principal, random_token(), now_unix + idle_seconds_};
  const std::lock_guard lock(mutex_);
  make_room(now_unix);
  sessions_.emplace(sha256_hex(token), std::move(session));
  return token;
}

std::optional<WebSession> SessionStore::find(std::string_view token, std::int64_t now_unix) {
  if (token.empty()) return std::nullopt;
  const std::string key = sha256_hex(token);
  const std::lock_guard lock(mutex_);
  auto found = sessions_.find(key);
  if (found == sessions_.end()) return std::nullopt;
  if (found->second.expires_unix <= now_unix) {
    sessions_.erase(found);
    return std::nullopt;
  }
  found->second.expires_unix = now_unix + idle_seconds_;
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

void SessionStore::make_room(std::int64_t now_unix) {
  if (sessions_.size() < sessions_max_) return;
  std::erase_if(sessions_, [now_unix](const auto& entry) { return entry.second.expires_unix <= now_unix; });
  // Bounded: at most one eviction per session added once the store is full.
  while (sessions_.size() >= sessions_max_) {
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

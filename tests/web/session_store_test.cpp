// Browser sessions: random tokens kept only as hashes, idle expiry, one
// anti-forgery token per session, and a bound that a flood of visitors
// cannot use to sign anyone out.
#include <gtest/gtest.h>

#include <vector>

#include "core/sha256.hpp"
#include "web/session_store.hpp"

namespace jiangbu {
namespace {

const Principal auditor{PrincipalKind::auditor, ""};

SessionStore::Limits limits(std::size_t sessions_max, std::int64_t idle_seconds) {
  SessionStore::Limits limits;
  limits.sessions_max = sessions_max;
  limits.idle_seconds = idle_seconds;
  limits.lifetime_seconds = 1'000'000'000;
  return limits;
}

TEST(SessionStoreTest, ATokenFindsItsSessionAndNothingElseDoes) {
  SessionStore store(limits(100, 1800));
  const std::string token = store.create("shenji", auditor, 1000).first;
  EXPECT_TRUE(is_sha256_hex(token));  // 64 lowercase hex digits of randomness
  const auto found = store.find(token, 1001);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->user_name, "shenji");
  EXPECT_TRUE(found->signed_in());
  EXPECT_FALSE(store.find(sha256_hex(token), 1001).has_value()) << "the stored key is not a token";
  EXPECT_FALSE(store.find("", 1001).has_value());
  store.remove(token);
  EXPECT_FALSE(store.find(token, 1002).has_value());
}

TEST(SessionStoreTest, AnIdleSessionExpiresAndUseKeepsItAlive) {
  SessionStore store(limits(100, 1800));
  const std::string token = store.create("shenji", auditor, 1000).first;
  EXPECT_TRUE(store.find(token, 2700).has_value());  // used: idle timer restarts at 2700
  EXPECT_TRUE(store.find(token, 4499).has_value());
  EXPECT_FALSE(store.find(token, 4499 + 1800).has_value());
}

TEST(SessionStoreTest, EachSessionHasItsOwnAntiForgeryToken) {
  SessionStore store(limits(100, 1800));
  const auto first = store.find(store.create("a", auditor, 1000).first, 1000);
  const auto second = store.find(store.create("b", auditor, 1000).first, 1000);
  EXPECT_NE(first->csrf_token, second->csrf_token);
  EXPECT_TRUE(tokens_equal(first->csrf_token, first->csrf_token));
  EXPECT_FALSE(tokens_equal(first->csrf_token, second->csrf_token));
  EXPECT_FALSE(tokens_equal("", ""));
}

TEST(SessionStoreTest, AFloodOfVisitorsStaysBoundedAndSignsNoOneOut) {
  SessionStore store(limits(8, 1'000'000));  // nobody idles out during the flood
  const std::string signed_in = store.create("shenji", auditor, 1000).first;
  for (int visitor = 0; visitor < 10'000; ++visitor) (void)store.create("", Principal{}, 1000 + visitor);
  EXPECT_EQ(store.size(), 8u);
  EXPECT_TRUE(store.find(signed_in, 1000 + 10'000).has_value());
}

TEST(SessionStoreTest, ASessionEndsAtItsLifetimeHoweverBusy) {
  SessionStore::Limits busy = limits(100, 1800);
  busy.lifetime_seconds = 12 * 3600;
  SessionStore store(busy);
  const std::string token = store.create("shenji", auditor, 0).first;
  for (std::int64_t now = 600; now < 12 * 3600; now += 600) ASSERT_TRUE(store.find(token, now).has_value()) << now;
  EXPECT_FALSE(store.find(token, 12 * 3600).has_value());
}

TEST(SessionStoreTest, OneAccountSigningInAgainAndAgainCrowdsOutOnlyItself) {
  SessionStore::Limits small = limits(30, 1800);
  small.sessions_per_user_max = 5;
  SessionStore store(small);
  const std::string other = store.create("caizheng", auditor, 1000).first;
  std::vector<std::string> tokens;
  for (int signing_in = 0; signing_in < 1000; ++signing_in) tokens.push_back(store.create("shenji", auditor, 1000 + signing_in).first);
  EXPECT_EQ(store.size(), 6u);
  EXPECT_TRUE(store.find(other, 2000).has_value());
  EXPECT_TRUE(store.find(tokens.back(), 2000).has_value());
  EXPECT_FALSE(store.find(tokens.front(), 2000).has_value());
}

}  // namespace
}  // namespace jiangbu

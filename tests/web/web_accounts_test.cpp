// Web accounts on both backends: argon2id hashes only, one refusal for a
// wrong name and a wrong password, the lock-out and its end, and who may
// add accounts.
#include <gtest/gtest.h>

#include "support/test_database.hpp"
#include "web/password_hash.hpp"
#include "web/web_accounts.hpp"

namespace jiangbu {
namespace {

class WebAccountsTest : public testing::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    ASSERT_TRUE(add_web_user(database(), {"shenji", password, "auditor", ""}).ok());
  }
  Result<WebUser> attempt(const std::string& typed, std::int64_t now_unix) {
    return sign_in(database(), "shenji", typed, now_unix, policy);
  }
  const std::string password = "a-long-enough-password";
  const SignInPolicy policy{5, 900};
  static constexpr std::int64_t noon_unix = 1'767'000'000;
};

TEST_F(WebAccountsTest, OnlyAnArgon2idHashIsStoredAndTheRightPasswordSignsIn) {
  std::string stored;
  database().session() << "SELECT password_hash FROM web_users WHERE user_name = 'shenji'", soci::into(stored);
  EXPECT_TRUE(stored.starts_with("$argon2id$")) << stored;
  EXPECT_EQ(stored.find(password), std::string::npos);
  auto user = attempt(password, noon_unix);
  ASSERT_TRUE(user.ok()) << user.error().describe();
  EXPECT_EQ(user.value().principal.kind, PrincipalKind::auditor);
}

TEST_F(WebAccountsTest, AnUnknownNameAndAWrongPasswordAreRefusedAlike) {
  auto wrong_password = attempt("not-the-password", noon_unix);
  auto unknown_name = sign_in(database(), "nobody", password, noon_unix, policy);
  ASSERT_FALSE(wrong_password.ok());
  ASSERT_FALSE(unknown_name.ok());
  EXPECT_EQ(wrong_password.error().code, "sign-in-failed");
  EXPECT_EQ(unknown_name.error().code, wrong_password.error().code);
  EXPECT_EQ(unknown_name.error().message, wrong_password.error().message);
}

TEST_F(WebAccountsTest, FiveWrongPasswordsLockEvenTheRightOneUntilTheLockEnds) {
  for (int wrong = 0; wrong < 5; ++wrong) EXPECT_EQ(attempt("wrong", noon_unix).error().code, "sign-in-failed");
  auto locked = attempt(password, noon_unix + 1);
  ASSERT_FALSE(locked.ok());
  EXPECT_EQ(locked.error().code, "account-locked");
  EXPECT_EQ(attempt(password, noon_unix + 899).error().code, "account-locked");
  EXPECT_TRUE(attempt(password, noon_unix + 900).ok());
}

TEST_F(WebAccountsTest, ASuccessStartsTheCountAgain) {
  for (int wrong = 0; wrong < 4; ++wrong) ASSERT_FALSE(attempt("wrong", noon_unix).ok());
  ASSERT_TRUE(attempt(password, noon_unix).ok());
  for (int wrong = 0; wrong < 4; ++wrong) ASSERT_FALSE(attempt("wrong", noon_unix).ok());
  EXPECT_TRUE(attempt(password, noon_unix).ok());
}

TEST_F(WebAccountsTest, AResetLiftsTheLockOut) {
  for (int wrong = 0; wrong < 5; ++wrong) ASSERT_FALSE(attempt("wrong", noon_unix).ok());
  ASSERT_TRUE(reset_web_password(database(), "shenji", "another-long-password").ok());
  EXPECT_TRUE(attempt("another-long-password", noon_unix + 1).ok());
  EXPECT_FALSE(attempt(password, noon_unix + 1).ok());
}

TEST_F(WebAccountsTest, AccountsAreCheckedWhenAdded) {
  EXPECT_EQ(add_web_user(database(), {"shenji", password, "auditor", ""}).error().code, "duplicate-user");
  EXPECT_EQ(add_web_user(database(), {"short", "eleven-char", "auditor", ""}).error().code, "bad-password");
  EXPECT_EQ(add_web_user(database(), {"root", password, "administrator", ""}).error().code, "bad-principal");
  EXPECT_EQ(add_web_user(database(), {"ghost", password, "unit:91610000MA6TG12349", ""}).error().code, "bad-principal");
  EXPECT_EQ(add_web_user(database(), {"two words", password, "bureau", ""}).error().code, "bad-text");
  database().set_principal(Principal{PrincipalKind::bureau, ""});
  EXPECT_EQ(add_web_user(database(), {"clerk", password, "bureau", ""}).error().code, "permission-denied");
  EXPECT_EQ(reset_web_password(database(), "shenji", "yet-another-password").error().code, "permission-denied");
  EXPECT_TRUE(list_web_users(database(), 10).empty());
}

TEST(PasswordHashTest, AHashVerifiesOnlyItsOwnPasswordAndEveryHashIsSalted) {
  const std::string first = hash_password("correct horse battery");
  const std::string second = hash_password("correct horse battery");
  EXPECT_NE(first, second);
  EXPECT_TRUE(password_matches(first, "correct horse battery"));
  EXPECT_TRUE(password_matches(second, "correct horse battery"));
  EXPECT_FALSE(password_matches(first, "correct horse batterY"));
  EXPECT_FALSE(password_matches("$argon2i$v=19$m=4096,t=3,p=1$c2FsdA$aGFzaA", "x"));
  EXPECT_FALSE(password_matches("", ""));
  EXPECT_FALSE(check_new_password("with\ncontrol-char").ok());
  EXPECT_FALSE(check_new_password(std::string(129, 'x')).ok());
  EXPECT_TRUE(check_new_password("十二个字的中文密码也可以").ok());
}

}  // namespace
}  // namespace jiangbu

// Units, brands, recognitions, awards and payments on both backends: the
// refusals each policy implies, exact co-lead splits, and books that agree.
#include <thread>

#include <gtest/gtest.h>

#include "award/award.hpp"
#include "award/award_accounts.hpp"
#include "ledger/balances.hpp"
#include "ledger/books.hpp"
#include "policy/policy_store.hpp"
#include "registry/brands.hpp"
#include "registry/units.hpp"
#include "support/test_database.hpp"

namespace jiangbu {
namespace {

using testing::StoreTest;

Date day(const char* text) { return Date::parse(text).value(); }
Money yuan(std::int64_t amount) { return Money::from_yuan(amount); }

// Valid 统一社会信用代码 (check characters computed per GB 32100-2015).
const std::string unit_a = "91500222MA5U7A0B23";
const std::string unit_b = "52500222MJP5X1234X";
const std::string unit_c = "91610000MA6TG12349";
const std::string unit_d = "91650100MA77ABC12E";

class AwardTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    ASSERT_TRUE(add_unit(database(), {unit_a, "重庆綦江劳务开发有限公司", "enterprise", "gross", ""}).ok());
    ASSERT_TRUE(add_unit(database(), {unit_b, "綦江区家政服务行业协会", "non-profit", "", ""}).ok());
    ASSERT_TRUE(add_unit(database(), {unit_c, "陕西某家政服务有限公司", "enterprise", "net", ""}).ok());
    ASSERT_TRUE(add_unit(database(), {unit_d, "乌鲁木齐某职业培训学校", "enterprise", "gross", ""}).ok());
    for (const auto& [id, name] : {std::pair{"b1", "品牌一"}, {"b2", "品牌二"}, {"b3", "品牌三"}, {"b4", "品牌四"}}) {
      ASSERT_TRUE(add_brand(database(), Brand{id, name, BrandCategory::livelihood, false}).ok());
    }
  }

  void recognise(const std::string& id, const std::string& brand, Tier tier, const std::string& policy,
                 std::vector<std::string> units, const char* date = "2024-05-10") {
    auto added = add_recognition(database(), Recognition{id, brand, tier, policy, day(date), "文号-" + id, std::move(units)});
    ASSERT_TRUE(added.ok()) << added.error().describe();
  }

  Result<Award> grant(const std::string& id, const std::string& recognition, std::vector<std::string> weights = {},
                      const char* date = "2024-05-20") {
    return grant_award(database(), GrantInput{id, recognition, day(date), "奖补文号-" + id, std::move(weights), {}});
  }

  Money balance(const std::string& book, const std::string& code) {
    return account_balance(database(), book, code, std::nullopt, true).value().balance();
  }
};

TEST_F(AwardTest, ThreeCoLeadsSplitTwoHundredThousandFiveThreeTwo) {
  recognise("r1", "b1", Tier::municipal, "xixian-2024", {unit_a, unit_b, unit_c});
  auto award = grant("XX2024-001", "r1", {"5", "3", "2"});
  ASSERT_TRUE(award.ok()) << award.error().describe();
  EXPECT_EQ(award.value().amount, yuan(200'000));  // one unit's standard, however many leads
  ASSERT_EQ(award.value().shares.size(), 3u);
  EXPECT_EQ(award.value().shares[0].share, yuan(100'000));
  EXPECT_EQ(award.value().shares[1].share, yuan(60'000));
  EXPECT_EQ(award.value().shares[2].share, yuan(40'000));
  EXPECT_EQ(balance("bureau", bureau_payable_account("XX2024-001", unit_b)), yuan(60'000));
  EXPECT_EQ(balance("bureau", "5001"), yuan(200'000));
}

TEST_F(AwardTest, OneOneOneOfOneHundredThousandAddsUpToTheFen) {
  recognise("r1", "b1", Tier::district, "xixian-2024", {unit_a, unit_b, unit_c});
  auto award = grant("XX2024-002", "r1", {"1", "1", "1"});
  ASSERT_TRUE(award.ok()) << award.error().describe();
  EXPECT_EQ(award.value().amount, yuan(100'000));
  EXPECT_EQ(award.value().shares[0].share, Money::from_fen(3'333'334));
  EXPECT_EQ(award.value().shares[1].share, Money::from_fen(3'333'333));
  EXPECT_EQ(award.value().shares[2].share, Money::from_fen(3'333'333));
  Money total;
  for (const auto& share : award.value().shares) total += share.share;
  EXPECT_EQ(total, yuan(100'000));
  EXPECT_EQ(balance("bureau", "2303"), yuan(100'000));
}

TEST_F(AwardTest, AFourthLeadIsRefusedUnderXixian) {
  const auto refused = add_recognition(database(), Recognition{"r4", "b1", Tier::municipal, "xixian-2024",
                                                               day("2024-05-10"), "文号", {unit_a, unit_b, unit_c, unit_d}});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, "too-many-leads");
  EXPECT_NE(refused.error().message.find("002_318121ba9f7bd672.txt"), std::string::npos) << refused.error().message;
  EXPECT_FALSE(find_recognition(database(), "r4").has_value());
}

TEST_F(AwardTest, SeveralLeadsNeedWeightsOrShares) {
  recognise("r1", "b1", Tier::municipal, "xixian-2024", {unit_a, unit_b});
  EXPECT_EQ(grant("A1", "r1").error().code, "bad-split");
  EXPECT_EQ(grant("A1", "r1", {"1"}).error().code, "bad-split");
  EXPECT_EQ(grant("A1", "r1", {"1", "0"}).error().code, "bad-split");
  EXPECT_EQ(grant("A1", "r1", {"1", "-1"}).error().code, "bad-weight");
  auto fixed = grant_award(database(), GrantInput{"A1", "r1", day("2024-05-20"), "文号", {}, {"150000", "50000.01"}});
  ASSERT_FALSE(fixed.ok());
  EXPECT_EQ(fixed.error().code, "split-mismatch");
  auto exact = grant_award(database(), GrantInput{"A1", "r1", day("2024-05-20"), "文号", {}, {"15万", "5万"}});
  ASSERT_TRUE(exact.ok()) << exact.error().describe();
  EXPECT_EQ(exact.value().shares[1].share, yuan(50'000));
}

TEST_F(AwardTest, EachPolicyPaysOnlyItsTiers) {
  recognise("q1", "b1", Tier::municipal, "qijiang-2023", {unit_a});
  recognise("q2", "b2", Tier::district, "qijiang-2023", {unit_a});
  recognise("u1", "b3", Tier::district, "urumqi-2024", {unit_d});
  recognise("y1", "b4", Tier::municipal, "yingkou-2023", {unit_d});
  EXPECT_EQ(grant("QJ-1", "q1").value().amount, yuan(200'000));
  EXPECT_EQ(grant("QJ-2", "q2").error().code, "tier-not-paid");  // 000 第七条: only 市级 is paid
  EXPECT_EQ(grant("WL-1", "u1").value().amount, yuan(100'000));  // 003 区(县)级 10万
  EXPECT_EQ(grant("YK-1", "y1").error().code, "tier-not-paid");  // 004 pays nothing
}

TEST_F(AwardTest, ASecondAwardForTheSameBrandAndTierIsRefused) {
  recognise("r1", "b1", Tier::municipal, "qijiang-2023", {unit_a});
  recognise("r2", "b1", Tier::municipal, "qijiang-2023", {unit_a}, "2024-06-01");
  ASSERT_TRUE(grant("A1", "r1").ok());
  EXPECT_EQ(grant("A1", "r2").error().code, "duplicate-award");
  EXPECT_EQ(grant("A2", "r2", {}, "2024-06-05").error().code, "duplicate-award");
}

TEST_F(AwardTest, MovingUpATierUnderXixianPaysTheDifferenceWithinTheCap) {
  recognise("r1", "b1", Tier::district, "xixian-2024", {unit_c});
  recognise("r2", "b1", Tier::municipal, "xixian-2024", {unit_c}, "2025-01-10");
  recognise("r3", "b1", Tier::district, "xixian-2024", {unit_c}, "2025-02-10");
  ASSERT_TRUE(grant("A1", "r1").ok());
  auto upgrade = grant("A2", "r2", {}, "2025-01-20");
  ASSERT_TRUE(upgrade.ok()) << upgrade.error().describe();
  EXPECT_EQ(upgrade.value().amount, yuan(100'000));  // 20万 − 10万 already received
  EXPECT_EQ(grant("A3", "r3", {}, "2025-02-20").error().code, "duplicate-award");
}

TEST_F(AwardTest, TierUpgradeRuleFullAndForbiddenComeFromThePolicy) {
  // The same document with the other two settings, stored under new ids.
  std::string content;
  database().session() << "SELECT content FROM policies WHERE policy_id = 'xixian-2024'", soci::into(content);
  for (const std::string mode : {"full", "forbidden"}) {
    std::string changed = content;
    for (std::size_t at = changed.find("xixian-2024"); at != std::string::npos; at = changed.find("xixian-2024", at + 1)) {
      changed.replace(at, 11, "xixian-" + mode);
    }
    const auto value = changed.find("value = \"difference\"");
    ASSERT_NE(value, std::string::npos);
    changed.replace(value, 20, "value = \"" + mode + "\"");
    const std::string id = "xixian-" + mode;
    database().session() << "INSERT INTO policies (policy_id, checksum, content, loaded_at) VALUES (:id, 'test', :content, 'now')",
        soci::use(id), soci::use(changed);
    ASSERT_TRUE(stored_policy(database(), id).ok()) << stored_policy(database(), id).error().describe();
  }
  recognise("f1", "b1", Tier::district, "xixian-full", {unit_a});
  recognise("f2", "b1", Tier::municipal, "xixian-full", {unit_a}, "2025-01-10");
  recognise("f3", "b1", Tier::provincial, "xixian-full", {unit_a}, "2025-03-10");
  ASSERT_TRUE(grant("F1", "f1").ok());
  const auto full = grant("F2", "f2", {}, "2025-01-20");
  ASSERT_TRUE(full.ok()) << full.error().describe();
  EXPECT_EQ(full.value().amount, yuan(200'000));  // full standard again: 10万 + 20万 = the 30万 cap
  EXPECT_EQ(grant("F3", "f3", {}, "2025-03-20").error().code, "award-over-cap");  // 10万 + 20万 + 25万 > 30万
  recognise("x1", "b2", Tier::district, "xixian-forbidden", {unit_b});
  recognise("x2", "b2", Tier::municipal, "xixian-forbidden", {unit_b}, "2025-01-10");
  ASSERT_TRUE(grant("X1", "x1").ok());
  EXPECT_EQ(grant("X2", "x2", {}, "2025-01-20").error().code, "tier-upgrade-forbidden");
}

TEST_F(AwardTest, PaymentsInInstalmentsNeverExceedTheShare) {
  recognise("r1", "b1", Tier::municipal, "xixian-2024", {unit_a, unit_b});
  ASSERT_TRUE(grant("A1", "r1", {"3", "1"}).ok());
  auto first = pay_award(database(), {"A1", unit_a, yuan(100'000), day("2024-05-25"), "1011", "PAY-1"});
  ASSERT_TRUE(first.ok()) << first.error().describe();
  auto too_much = pay_award(database(), {"A1", unit_a, Money::from_fen(5'000'001), day("2024-05-26"), "1011", ""});
  ASSERT_FALSE(too_much.ok());
  EXPECT_EQ(too_much.error().code, "overpaid");
  auto rest = pay_award(database(), {"A1", unit_a, std::nullopt, day("2024-05-26"), "1002", "PAY-2"});
  ASSERT_TRUE(rest.ok()) << rest.error().describe();
  EXPECT_EQ(rest.value().amount, yuan(50'000));
  EXPECT_EQ(pay_award(database(), {"A1", unit_a, std::nullopt, day("2024-05-27"), "1011", ""}).error().code, "overpaid");
  EXPECT_EQ(pay_award(database(), {"A1", unit_c, yuan(1), day("2024-05-27"), "1011", ""}).error().code, "unit-not-on-award");
  EXPECT_EQ(pay_award(database(), {"A1", unit_b, yuan(1), day("2024-05-19"), "1011", ""}).error().code, "payment-before-award");
  EXPECT_EQ(pay_award(database(), {"NOPE", unit_b, yuan(1), day("2024-05-27"), "1011", ""}).error().code, "unknown-award");
  EXPECT_EQ(pay_award(database(), {"A1", unit_b, yuan(1), day("2024-05-27"), "2303", ""}).error().code, "bad-account-code");
  EXPECT_EQ(balance(unit_a, std::string(dedicated_bank_account)), yuan(150'000));
  EXPECT_EQ(balance(unit_a, unit_receipt_account(UnitType::enterprise, "A1")), yuan(150'000));
  EXPECT_EQ(balance("bureau", bureau_payable_account("A1", unit_a)), Money());
  EXPECT_EQ(balance("bureau", "1011"), yuan(-100'000));
  EXPECT_EQ(balance("bureau", "1002"), yuan(-50'000));
}

TEST_F(AwardTest, SuspensionStopsPaymentsAndRevocationBansTheUnits) {
  recognise("r1", "b1", Tier::municipal, "xixian-2024", {unit_c});
  ASSERT_TRUE(grant("A1", "r1").ok());
  ASSERT_TRUE(change_award_status(database(), {"A1", AwardEventKind::suspend, day("2024-06-01"), "停发文号", "整改"}).ok());
  EXPECT_EQ(pay_award(database(), {"A1", unit_c, yuan(1), day("2024-06-02"), "1011", ""}).error().code, "grant-suspended");
  EXPECT_TRUE(pay_award(database(), {"A1", unit_c, yuan(1), day("2024-05-30"), "1011", ""}).ok());  // before it
  EXPECT_EQ(change_award_status(database(), {"A1", AwardEventKind::suspend, day("2024-06-03"), "x", "y"}).error().code,
            "bad-status-change");
  ASSERT_TRUE(change_award_status(database(), {"A1", AwardEventKind::reinstate, day("2024-07-01"), "恢复文号", "整改完成"}).ok());
  EXPECT_TRUE(pay_award(database(), {"A1", unit_c, yuan(1), day("2024-07-02"), "1011", ""}).ok());
  ASSERT_TRUE(change_award_status(database(), {"A1", AwardEventKind::revoke, day("2024-08-01"), "撤销文号", "虚假申报"}).ok());
  EXPECT_EQ(pay_award(database(), {"A1", unit_c, yuan(1), day("2024-08-02"), "1011", ""}).error().code, "grant-revoked");
  EXPECT_EQ(change_award_status(database(), {"A1", AwardEventKind::reinstate, day("2024-09-01"), "x", "y"}).error().code,
            "bad-status-change");
  EXPECT_EQ(change_award_status(database(), {"A1", AwardEventKind::suspend, day("2024-07-15"), "x", "y"}).error().code,
            "bad-status-change");  // dated before an event already recorded
  EXPECT_EQ(award_status_on(database(), "A1", day("2024-06-15")), AwardStatus::suspended);
  EXPECT_EQ(award_status_on(database(), "A1", day("2024-07-15")), AwardStatus::active);
  EXPECT_EQ(award_status_on(database(), "A1", day("2024-08-01")), AwardStatus::revoked);
  // 002 二(六): five years before the unit may be awarded again.
  recognise("r2", "b2", Tier::municipal, "xixian-2024", {unit_c}, "2025-01-10");
  const auto banned = grant("A2", "r2", {}, "2025-01-20");
  ASSERT_FALSE(banned.ok());
  EXPECT_EQ(banned.error().code, "reapplication-banned");
  EXPECT_NE(banned.error().message.find("2029-08-01"), std::string::npos) << banned.error().message;
  recognise("r3", "b3", Tier::municipal, "xixian-2024", {unit_c}, "2029-08-01");
  EXPECT_TRUE(grant("A3", "r3", {}, "2029-08-01").ok());
}

TEST_F(AwardTest, UnitsAreValidatedAndTheirMethodIsFixed) {
  EXPECT_EQ(add_unit(database(), {"91500222MA5U7A0B24", "坏", "enterprise", "gross", ""}).error().code, "bad-uscc");
  EXPECT_EQ(add_unit(database(), {"91500222MA5O7A0B23", "坏", "enterprise", "gross", "有理由"}).error().code, "bad-uscc");
  auto accepted = add_unit(database(), {"91500222MA5U7A0B24", "历史代码单位", "enterprise", "gross", "2016年发证代码校验位有误"});
  ASSERT_TRUE(accepted.ok()) << accepted.error().describe();
  EXPECT_EQ(find_unit(database(), "91500222MA5U7A0B24")->uscc_override, "2016年发证代码校验位有误");
  EXPECT_EQ(add_unit(database(), {unit_a, "again", "enterprise", "gross", ""}).error().code, "duplicate-unit");
  EXPECT_EQ(add_unit(database(), {"91650102MA78QRS12G", "x", "charity", "gross", ""}).error().code, "bad-uscc");
  EXPECT_EQ(find_unit(database(), unit_c)->method, GrantMethod::net);
  EXPECT_EQ(find_unit(database(), unit_b)->type, UnitType::non_profit);
  // Neither the method nor anything else of a unit changes after registration.
  auto other = test_database().connect();
  EXPECT_THROW(other->execute_script("UPDATE units SET grant_method = 'gross'"), soci::soci_error);
  EXPECT_EQ(find_unit(database(), unit_c)->method, GrantMethod::net);
}

TEST_F(AwardTest, AfterGrantingAndPayingTheTwoBooksAgree) {
  recognise("x", "b1", Tier::provincial, "xixian-2024", {unit_a, unit_b, unit_c});
  recognise("q", "b2", Tier::municipal, "qijiang-2023", {unit_a});
  recognise("u", "b3", Tier::municipal, "urumqi-2024", {unit_d});
  ASSERT_TRUE(grant("XX", "x", {"5", "3", "2"}).ok());
  ASSERT_TRUE(grant("QJ", "q").ok());
  ASSERT_TRUE(grant("WL", "u").ok());
  for (const auto& award : list_awards(database())) {
    for (const auto& share : award.shares) {
      // Two instalments: a round part first, the rest a week later.
      ASSERT_TRUE(pay_award(database(), {award.award_id, share.unit_id, Money::from_fen(share.share.fen_int64() / 3),
                                         day("2024-06-01"), "1011", ""}).ok());
      ASSERT_TRUE(pay_award(database(), {award.award_id, share.unit_id, std::nullopt, day("2024-06-08"), "1011", ""}).ok());
    }
  }
  Money bureau_paid;
  for (const auto& award : list_awards(database())) {
    for (const auto& share : award.shares) {
      const auto unit = find_unit(database(), share.unit_id).value();
      EXPECT_EQ(balance("bureau", bureau_payable_account(award.award_id, share.unit_id)), Money());
      const Money received = balance(unit.book_id, unit_receipt_account(unit.type, award.award_id));
      EXPECT_EQ(received, share.share) << award.award_id << " " << share.unit_id;
      bureau_paid += share.share;
    }
  }
  EXPECT_EQ(bureau_paid, yuan(250'000 + 200'000 + 200'000));
  EXPECT_EQ(-balance("bureau", "1011"), bureau_paid);
  EXPECT_EQ(balance("bureau", "7101"), bureau_paid);
  Money units_received;
  for (const auto& unit : list_units(database())) units_received += balance(unit.book_id, std::string(dedicated_bank_account));
  EXPECT_EQ(units_received, bureau_paid);
  for (const auto& book : list_books(database())) {
    const auto report = trial_balance(database(), book.book_id, std::nullopt, day("2030-12-31")).value();
    EXPECT_TRUE(report.financial.balanced()) << book.book_id;
    EXPECT_TRUE(report.budget.balanced()) << book.book_id;
  }
}

}  // namespace
}  // namespace jiangbu

namespace jiangbu {
namespace {

TEST_F(AwardTest, ConcurrentPaymentsOfOneShareNeverOverpay) {
  recognise("r1", "b1", Tier::municipal, "qijiang-2023", {unit_a});
  ASSERT_TRUE(grant("A1", "r1").ok());
  constexpr int writers = 8;
  constexpr int attempts_per_writer = 5;
  std::vector<std::thread> threads;
  std::vector<int> accepted(writers, 0);
  std::vector<int> refused(writers, 0);
  for (int writer = 0; writer < writers; ++writer) {
    threads.emplace_back([&, writer] {
      auto connection = test_database().connect();
      for (int attempt = 0; attempt < attempts_per_writer; ++attempt) {
        // 8 × 5 × 10,000 = 400,000 offered against a 200,000 share.
        auto paid = pay_award(*connection, {"A1", unit_a, yuan(10'000), day("2024-06-01"), "1011", ""});
        if (paid) {
          ++accepted[static_cast<std::size_t>(writer)];
        } else {
          EXPECT_EQ(paid.error().code, "overpaid");
          ++refused[static_cast<std::size_t>(writer)];
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  int total_accepted = 0;
  int total_refused = 0;
  for (int writer = 0; writer < writers; ++writer) {
    total_accepted += accepted[static_cast<std::size_t>(writer)];
    total_refused += refused[static_cast<std::size_t>(writer)];
  }
  EXPECT_EQ(total_accepted, 20);  // exactly the share, not a fen more
  EXPECT_EQ(total_accepted + total_refused, writers * attempts_per_writer);
  EXPECT_EQ(share_balances(database(), "A1")[0].paid, yuan(200'000));
  EXPECT_EQ(balance(unit_a, std::string(dedicated_bank_account)), yuan(200'000));
}

}  // namespace
}  // namespace jiangbu

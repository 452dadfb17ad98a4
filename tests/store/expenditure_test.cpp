// Expenditures on both backends: each rule alone, several at once, replay,
// correction, and the unit's books staying whole.
#include <thread>

#include <gtest/gtest.h>

#include "award/award.hpp"
#include "award/award_accounts.hpp"
#include "expenditure/expenditure.hpp"
#include "expenditure/fund_use_plan.hpp"
#include "ledger/balances.hpp"
#include "registry/brands.hpp"
#include "registry/units.hpp"
#include "support/test_database.hpp"

namespace jiangbu {
namespace {

using testing::StoreTest;

Date day(const char* text) { return Date::parse(text).value(); }
Money yuan(std::int64_t amount) { return Money::from_yuan(amount); }

const std::string gross_unit = "91610000MA6TG12349";  // 西咸, 总额法
const std::string net_unit = "91611100MA6TX0B25D";    // 西咸, 净额法
const std::string urumqi_unit = "91650100MA77ABC12E";
const std::string payee = "91650102MA78QR012B";

class ExpenditureTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    ASSERT_TRUE(add_unit(database(), {gross_unit, "陕西秦嫂家政服务有限公司", "enterprise", "gross", ""}).ok());
    ASSERT_TRUE(add_unit(database(), {net_unit, "沣西职业技能培训学校", "enterprise", "net", ""}).ok());
    ASSERT_TRUE(add_unit(database(), {urumqi_unit, "天山建工劳务有限公司", "enterprise", "gross", ""}).ok());
    ASSERT_TRUE(add_brand(database(), {"xx", "西咸秦嫂", BrandCategory::livelihood, false}).ok());
    ASSERT_TRUE(add_brand(database(), {"wl", "天山建工", BrandCategory::mid_high_skill, false}).ok());
    ASSERT_TRUE(add_recognition(database(), {"rx", "xx", Tier::municipal, "xixian-2024", day("2024-06-18"), "文号",
                                             {gross_unit, net_unit}}).ok());
    ASSERT_TRUE(add_recognition(database(), {"rw", "wl", Tier::municipal, "urumqi-2024", day("2024-08-12"), "文号",
                                             {urumqi_unit}}).ok());
    ASSERT_TRUE(grant_award(database(), {"XX", "rx", day("2024-07-01"), "西咸社发", {"1", "1"}, {}}).ok());
    ASSERT_TRUE(grant_award(database(), {"WL", "rw", day("2024-08-26"), "乌人社发", {}, {}}).ok());
    for (const auto& [award, unit] : {std::pair{"XX", gross_unit}, {"XX", net_unit}, {"WL", urumqi_unit}}) {
      ASSERT_TRUE(pay_award(database(), {award, unit, std::nullopt, day("2024-09-10"), "1011", ""}).ok());
    }
  }

  // A submission that passes every rule under 西咸; tests change one field.
  ExpenditureInput valid(const std::string& external_id) {
    ++invoice_serial_;
    return {external_id, "XX", gross_unit, "2024-10-08", "1000.00", "宣传推介", "银行转账", "西安某广告有限公司",
            payee, "", "246120000000" + std::to_string(10'000'000 + invoice_serial_), "宣传品制作"};
  }

  Verdict record(const ExpenditureInput& input) {
    RecordOptions options;
    options.today = day("2024-12-31");
    options.source = "test";
    return record_expenditure(database(), input, options);
  }

  // Records the submission and returns its reason codes ("" when accepted).
  std::string codes(const ExpenditureInput& input) { return record(input).reason_codes(); }

  Money balance(const std::string& book, const std::string& code) {
    return account_balance(database(), book, code, std::nullopt, true).value().balance();
  }

  int invoice_serial_ = 0;
};

TEST_F(ExpenditureTest, AValidExpenditureIsBookedWithItsMatchedIncome) {
  const Verdict verdict = record(valid("E1"));
  ASSERT_EQ(verdict.status, VerdictStatus::accepted) << verdict.reason_codes();
  EXPECT_EQ(balance(gross_unit, "6601/XX/promotion"), yuan(1'000));
  EXPECT_EQ(balance(gross_unit, std::string(dedicated_bank_account)), yuan(99'000));
  EXPECT_EQ(balance(gross_unit, "2401/XX"), yuan(99'000));   // 递延收益 released …
  EXPECT_EQ(balance(gross_unit, "6117/XX"), yuan(1'000));    // … into 其他收益 (总额法)
  ExpenditureInput net = valid("N1");
  net.unit_uscc = net_unit;
  ASSERT_EQ(record(net).status, VerdictStatus::accepted);
  EXPECT_EQ(balance(net_unit, "6601/XX/promotion"), Money());  // 净额法: the grant offsets the expense
  EXPECT_EQ(balance(net_unit, "2401/XX"), yuan(99'000));
}

TEST_F(ExpenditureTest, EachRuleAloneRejectsWithOnlyItsReason) {
  struct Case {
    std::string expected;
    std::function<void(ExpenditureInput&)> change;
  };
  const std::vector<Case> cases = {
      {"category-not-allowed", [](ExpenditureInput& input) { input.category = "课程开发"; }},  // 綦江's, not 西咸's
      {"category-banned", [](ExpenditureInput& input) {
         input.award_id = "WL", input.unit_uscc = urumqi_unit, input.category = "公务接待费";
       }},
      {"cash-payment", [](ExpenditureInput& input) { input.payment_method = "现金"; }},
      {"retroactive", [](ExpenditureInput& input) { input.date = "2024-06-30"; }},
      {"overdrawn", [](ExpenditureInput& input) { input.amount = "100000.01"; }},
      {"no-plan-filed", [](ExpenditureInput& input) {
         input.award_id = "WL", input.unit_uscc = urumqi_unit, input.category = "劳务品牌建设管理和宣传推广";
       }},
      {"future-dated", [](ExpenditureInput& input) { input.date = "2025-01-01"; }},
      {"bad-invoice-number", [](ExpenditureInput& input) { input.invoice_number = "12345"; }},
      {"bad-payee-id", [](ExpenditureInput& input) { input.payee_uscc = "91650102MA78QR012C"; }},
      {"bad-amount", [](ExpenditureInput& input) { input.amount = "1.001"; }},
      {"bad-amount", [](ExpenditureInput& input) { input.amount = "0"; }},
      {"bad-amount", [](ExpenditureInput& input) { input.amount = "-5"; }},
      {"bad-date", [](ExpenditureInput& input) { input.date = "2024-02-30"; }},
      {"missing-field", [](ExpenditureInput& input) { input.payee_name = ""; }},
      {"unknown-award", [](ExpenditureInput& input) { input.award_id = "NOPE"; }},
      {"unit-not-on-award", [](ExpenditureInput& input) { input.unit_uscc = urumqi_unit; }},
      {"unknown-category", [](ExpenditureInput& input) { input.category = "买彩票"; }},
      {"unknown-payment-method", [](ExpenditureInput& input) { input.payment_method = "比特币"; }},
  };
  int index = 0;
  for (const auto& test_case : cases) {
    ExpenditureInput input = valid("R" + std::to_string(++index));
    test_case.change(input);
    EXPECT_EQ(codes(input), test_case.expected) << "case " << index;
  }
}

TEST_F(ExpenditureTest, PlansSuspensionRevocationAndDuplicatesRejectByRule) {
  ExpenditureInput planned = valid("P1");
  planned.award_id = "WL", planned.unit_uscc = urumqi_unit, planned.category = "brand-management-promotion";
  ASSERT_TRUE(file_plan(database(), {"WL", urumqi_unit, day("2024-09-01"), "备案1", {{"brand-management-promotion", "3000"}}}).ok());
  planned.amount = "3000.01";
  EXPECT_EQ(codes(planned), "over-plan");
  planned.external_id = "P2", planned.amount = "3000";
  EXPECT_EQ(codes(planned), "");
  // A revision raises the plan; the old one stays on record.
  ASSERT_TRUE(file_plan(database(), {"WL", urumqi_unit, day("2024-11-01"), "备案2", {{"brand-management-promotion", "5000"}}}).ok());
  planned.external_id = "P3", planned.amount = "2000", planned.date = "2024-11-02", planned.invoice_number = "24612000000099999999";
  EXPECT_EQ(codes(planned), "");
  EXPECT_EQ(plan_revisions(database(), "WL", urumqi_unit).size(), 2u);

  ExpenditureInput duplicate = valid("D1");
  ASSERT_EQ(codes(duplicate), "");
  duplicate.external_id = "D2";
  duplicate.unit_uscc = net_unit;  // another unit, the same invoice of the same seller
  EXPECT_EQ(codes(duplicate), "duplicate-invoice");

  ASSERT_TRUE(change_award_status(database(), {"XX", AwardEventKind::suspend, day("2024-11-01"), "停", "整改"}).ok());
  ExpenditureInput suspended = valid("S1");
  suspended.date = "2024-11-05";
  EXPECT_EQ(codes(suspended), "grant-suspended");
  ASSERT_TRUE(change_award_status(database(), {"XX", AwardEventKind::revoke, day("2024-11-10"), "撤", "撤销"}).ok());
  ExpenditureInput revoked = valid("V1");
  revoked.date = "2024-11-11";
  EXPECT_EQ(codes(revoked), "grant-revoked");
}

TEST_F(ExpenditureTest, FiveBrokenRulesAreAllReported) {
  ExpenditureInput input = valid("F1");
  input.payment_method = "cash";            // cash-payment
  input.date = "2024-06-01";                // retroactive
  input.category = "一般性支出";            // not an allowed use under 西咸
  input.payee_uscc = "91650102MA78QR012C";  // bad-payee-id
  input.invoice_number = "123";             // bad-invoice-number
  const Verdict verdict = record(input);
  EXPECT_EQ(verdict.status, VerdictStatus::rejected);
  EXPECT_EQ(verdict.reason_codes(), "category-not-allowed;cash-payment;retroactive;bad-invoice-number;bad-payee-id");
  const auto stored = list_exceptions(database(), gross_unit, 10);
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_EQ(stored[0].reasons, verdict.reason_codes());
  EXPECT_NE(stored[0].input_json.find("\"payment_method\":\"cash\""), std::string::npos) << stored[0].input_json;
}

TEST_F(ExpenditureTest, ReplayingASubmissionReturnsItsOriginalVerdict) {
  const Verdict first = record(valid("E1"));
  ASSERT_EQ(first.status, VerdictStatus::accepted);
  invoice_serial_ = 0;  // the very same submission again
  const Verdict again = record(valid("E1"));
  EXPECT_EQ(again.status, VerdictStatus::accepted);
  EXPECT_TRUE(again.replayed);
  EXPECT_EQ(again.record_id, first.record_id);
  EXPECT_EQ(list_expenditures(database(), "XX", gross_unit, 10).size(), 1u);
  EXPECT_EQ(balance(gross_unit, "6601/XX/promotion"), yuan(1'000));

  ExpenditureInput bad = valid("B1");
  bad.payment_method = "现金";
  const Verdict rejected = record(bad);
  const Verdict replayed = record(bad);
  EXPECT_TRUE(replayed.replayed);
  EXPECT_EQ(replayed.reason_codes(), "cash-payment");
  EXPECT_EQ(replayed.record_id, rejected.record_id);
  // Corrected and resubmitted: accepted, and linked to the rejection.
  bad.payment_method = "公务卡";
  const Verdict corrected = record(bad);
  ASSERT_EQ(corrected.status, VerdictStatus::accepted);
  EXPECT_EQ(find_expenditure(database(), corrected.record_id)->resubmits_exception_id, rejected.record_id);
  EXPECT_EQ(list_exceptions(database(), gross_unit, 10).size(), 1u);
}

TEST_F(ExpenditureTest, AReversalFreesTheInvoiceAndRestoresTheBalance) {
  const Verdict verdict = record(valid("E1"));
  ASSERT_EQ(verdict.status, VerdictStatus::accepted);
  ASSERT_TRUE(reverse_expenditure(database(), verdict.record_id, day("2024-10-09"), "金额有误").ok());
  EXPECT_EQ(reverse_expenditure(database(), verdict.record_id, day("2024-10-09"), "再冲").error().code, "already-reversed");
  EXPECT_EQ(balance(gross_unit, std::string(dedicated_bank_account)), yuan(100'000));
  EXPECT_EQ(balance(gross_unit, "6117/XX"), Money());
  invoice_serial_ = 0;
  ExpenditureInput corrected = valid("E1-corrected");
  corrected.amount = "900";
  EXPECT_EQ(codes(corrected), "");  // the same invoice, free again
  EXPECT_TRUE(find_expenditure(database(), verdict.record_id)->reversed);
}

TEST_F(ExpenditureTest, EightWritersSpendingTheLastYuanCannotOverdraw) {
  ExpenditureInput most = valid("M1");
  most.amount = "99999";
  ASSERT_EQ(codes(most), "");  // one yuan of the 100,000 share is left
  constexpr int writers = 8;
  std::vector<Verdict> verdicts(writers);
  std::vector<std::thread> threads;
  for (int writer = 0; writer < writers; ++writer) {
    ExpenditureInput last = valid("L" + std::to_string(writer));
    last.amount = "1";
    threads.emplace_back([&, writer, last] {
      auto connection = test_database().connect();
      RecordOptions options;
      options.today = day("2024-12-31");
      verdicts[static_cast<std::size_t>(writer)] = record_expenditure(*connection, last, options);
    });
  }
  for (auto& thread : threads) thread.join();
  int accepted = 0;
  for (const auto& verdict : verdicts) {
    if (verdict.status == VerdictStatus::accepted) {
      ++accepted;
    } else {
      EXPECT_EQ(verdict.reason_codes(), "overdrawn");
    }
  }
  EXPECT_EQ(accepted, 1);
  EXPECT_EQ(balance(gross_unit, std::string(dedicated_bank_account)), Money());
  EXPECT_EQ(list_exceptions(database(), gross_unit, 100).size(), static_cast<std::size_t>(writers - 1));
}

TEST_F(ExpenditureTest, DeferredIncomePlusRecognisedIncomeEqualsWhatWasReceived) {
  for (int index = 0; index < 20; ++index) {
    ExpenditureInput input = valid("I" + std::to_string(index));
    input.amount = std::to_string(100 + index * 37) + ".45";
    input.unit_uscc = index % 2 == 0 ? gross_unit : net_unit;
    input.category = index % 3 == 0 ? "交流展示" : "培育发展";
    ASSERT_EQ(codes(input), "") << index;
  }
  for (const auto& unit : {gross_unit, net_unit}) {
    const Money received = account_balance(database(), unit, "2401/XX", std::nullopt, true).value().credit_total;
    const Money deferred = balance(unit, "2401/XX");
    const Money spent = balance(unit, "6602") + balance(unit, "6601");
    const Money recognised = unit == gross_unit ? balance(unit, "6117/XX") : received - deferred;
    EXPECT_EQ(deferred + recognised, received) << unit;
    EXPECT_EQ(balance(unit, std::string(dedicated_bank_account)), deferred) << unit;
    if (unit == gross_unit) {
      EXPECT_EQ(recognised, spent);
    }
  }
}

}  // namespace
}  // namespace jiangbu

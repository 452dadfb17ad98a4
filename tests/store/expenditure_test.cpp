// Expenditures on both backends: each rule alone, several at once, replay,
// correction, and the unit's books staying whole.
#include <unistd.h>

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

#include <iconv.h>

#include <filesystem>
#include <fstream>

#include "expenditure/expenditure_import.hpp"

namespace jiangbu {
namespace {

std::string to_gb18030(const std::string& utf8) {
  iconv_t converter = iconv_open("GB18030", "UTF-8");
  std::string output(utf8.size() * 2 + 16, '\0');
  char* in = const_cast<char*>(utf8.data());
  std::size_t in_left = utf8.size();
  char* out = output.data();
  std::size_t out_left = output.size();
  const std::size_t converted = iconv(converter, &in, &in_left, &out, &out_left);
  iconv_close(converter);
  EXPECT_NE(converted, static_cast<std::size_t>(-1));
  output.resize(output.size() - out_left);
  return output;
}

long long count_rows(Database& database, const std::string& table) {
  long long count = 0;
  database.session() << "SELECT count(*) FROM " + table, soci::into(count);
  return count;
}

// Valid rows, every kind of violation a single row can show, and malformed
// rows, 10,000 in all.
TEST_F(ExpenditureTest, TenThousandRowImportMatchesExpectationsRowByRowAndReplaysAsANoOp) {
  constexpr int rows = 10'000;
  const char* categories[] = {"宣传推介", "promotion", "培育发展", "exchange-exhibition"};
  const char* methods[] = {"银行转账", "公务卡", "online", "bank-transfer"};
  std::string csv = "外部编号,奖补编号,单位统一社会信用代码,日期,金额,用途类别,支付方式,收款方,收款方统一社会信用代码,发票代码,发票号码,摘要\n";
  std::vector<std::string> expected;
  for (int index = 0; index < rows; ++index) {
    const int kind = index % 20;
    std::string date = "2024-10-" + std::string(index % 20 < 9 ? "0" : "") + std::to_string(index % 20 + 1);
    std::string amount = std::to_string(1 + index % 9) + "." + std::to_string(10 + index % 89);
    std::string category = categories[index % 4];
    std::string method = methods[index % 4];
    std::string payee_name = "西安第" + std::to_string(index % 37) + "广告有限公司";
    std::string invoice = "2461200000" + std::to_string(1000000000 + index);
    std::string code;
    std::string award = "XX";
    std::string unit = gross_unit;
    std::string payee_uscc = payee;
    switch (kind) {
      case 3: amount = "150000", code = "overdrawn"; break;
      case 4: method = "现金", code = "cash-payment"; break;
      case 5: date = "2024-06-30", code = "retroactive"; break;
      case 6: date = "2025-01-02", code = "future-dated"; break;
      case 7: amount = "1.234", code = "bad-amount"; break;
      case 8: date = "2024-13-01", code = "bad-date"; break;
      case 9: payee_name = "", code = "missing-field"; break;
      case 10: category = "买彩票", code = "unknown-category"; break;
      case 11:  // the invoice of the valid row 11 rows earlier
        invoice = "2461200000" + std::to_string(1000000000 + index - 11);
        code = index >= 11 ? "duplicate-invoice" : "";
        break;
      case 12: category = "课程开发", code = "category-not-allowed"; break;  // 綦江's use, not 西咸's
      case 13: method = "比特币", code = "unknown-payment-method"; break;
      case 14: payee_uscc = "91650102MA78QR012C", code = "bad-payee-id"; break;
      case 15: invoice = "123", code = "bad-invoice-number"; break;
      case 16: award = "NOPE", code = "unknown-award"; break;
      case 17: unit = urumqi_unit, code = "unit-not-on-award"; break;
      case 18: award = "WL", unit = urumqi_unit, category = "公务接待费", code = "category-banned"; break;
      case 19: award = "WL", unit = urumqi_unit, category = "劳务品牌建设管理和宣传推广", code = "no-plan-filed"; break;
      default: break;
    }
    expected.push_back(code);
    csv += "X" + std::to_string(index) + "," + award + "," + unit + "," + date + "," + amount + "," + category + "," +
           method + "," + payee_name + "," + payee_uscc + ",," + invoice + ",\"摘要, 含逗号 " + std::to_string(index) + "\"\n";
  }
  const auto folder = std::filesystem::temp_directory_path() / ("jiangbu-import-" + std::to_string(getpid()));
  std::filesystem::create_directories(folder);
  const std::string utf8_path = (folder / "spending.csv").string();
  const std::string gbk_path = (folder / "spending-gbk.csv").string();
  std::ofstream(utf8_path, std::ios::binary) << "\xEF\xBB\xBF" << csv;
  std::ofstream(gbk_path, std::ios::binary) << to_gb18030(csv);

  ImportOptions options;
  options.record.today = day("2024-12-31");
  const auto first = import_expenditures(database(), utf8_path, options);
  ASSERT_TRUE(first.ok()) << first.error().describe();
  ASSERT_EQ(first.value().rows.size(), static_cast<std::size_t>(rows));
  EXPECT_EQ(first.value().encoding, "utf-8-bom");
  for (int index = 0; index < rows; ++index) {
    const auto& row = first.value().rows[static_cast<std::size_t>(index)];
    ASSERT_EQ(row.verdict.reason_codes(), expected[static_cast<std::size_t>(index)]) << "row " << row.row_number;
    EXPECT_EQ(row.row_number, static_cast<std::size_t>(index + 2));
  }
  const long long expenditures = count_rows(database(), "expenditures");
  const long long exceptions = count_rows(database(), "expenditure_exceptions");
  const long long entries = count_rows(database(), "journal_entries");
  EXPECT_EQ(expenditures + exceptions, rows);
  const Money bank = balance(gross_unit, std::string(dedicated_bank_account));

  for (const auto& path : {utf8_path, gbk_path}) {
    const auto again = import_expenditures(database(), path, options);
    ASSERT_TRUE(again.ok()) << again.error().describe();
    EXPECT_EQ(again.value().replayed, static_cast<std::size_t>(rows)) << path;
    for (int index = 0; index < rows; ++index) {
      ASSERT_EQ(again.value().rows[static_cast<std::size_t>(index)].verdict.reason_codes(),
                expected[static_cast<std::size_t>(index)]) << path << " row " << index + 2;
    }
  }
  EXPECT_EQ(count_rows(database(), "expenditures"), expenditures);
  EXPECT_EQ(count_rows(database(), "expenditure_exceptions"), exceptions);
  EXPECT_EQ(count_rows(database(), "journal_entries"), entries);
  EXPECT_EQ(balance(gross_unit, std::string(dedicated_bank_account)), bank);
  const auto csv_results = import_results_csv(first.value());
  EXPECT_NE(csv_results.find("X4,rejected,cash-payment\r\n"), std::string::npos);
  EXPECT_NE(csv_results.find("X0,accepted,\r\n"), std::string::npos);
  std::filesystem::remove_all(folder);
}

}  // namespace
}  // namespace jiangbu

#include "award/clawback.hpp"

namespace jiangbu {
namespace {

TEST_F(ExpenditureTest, ClawbackAfterRevocationBooksBothSidesAndStopsSpending) {
  ExpenditureInput spent = valid("C1");
  spent.amount = "30000";
  ASSERT_EQ(codes(spent), "");
  ASSERT_TRUE(change_award_status(database(), {"XX", AwardEventKind::revoke, day("2024-11-01"), "撤销文号", "绩效评估不合格"}).ok());
  // The unit holds 70,000 of deferred income; 80,000 comes back, so 10,000
  // is taken from income already recognised (CAS 16 第十三条).
  auto clawback = claw_back(database(), {"XX", gross_unit, yuan(80'000), day("2024-11-20"), "追缴文号", "撤销后收回", "审计员甲"});
  ASSERT_TRUE(clawback.ok()) << clawback.error().describe();
  EXPECT_EQ(clawback.value().from_deferred_income, yuan(70'000));
  EXPECT_EQ(clawback.value().from_income, yuan(10'000));
  EXPECT_EQ(balance(gross_unit, "2401/XX"), Money());
  EXPECT_EQ(balance(gross_unit, "6117/XX"), yuan(20'000));
  EXPECT_EQ(balance(gross_unit, std::string(dedicated_bank_account)), Money());
  EXPECT_EQ(balance(gross_unit, "1002"), yuan(-10'000));  // the rest came from the unit's own account
  // The bureau books a refund that reduces the expenditure, not new income.
  EXPECT_EQ(balance("bureau", "5001/XX"), yuan(120'000));
  EXPECT_EQ(balance("bureau", "7101/XX"), yuan(120'000));
  EXPECT_EQ(balance("bureau", "4001"), Money());
  EXPECT_EQ(claw_back(database(), {"XX", gross_unit, yuan(20'001), day("2024-11-21"), "再追", "多追", "甲"}).error().code,
            "overpaid");
  EXPECT_EQ(claw_back(database(), {"XX", urumqi_unit, yuan(1), day("2024-11-21"), "x", "y", "甲"}).error().code,
            "unit-not-on-award");
  ExpenditureInput after = valid("C2");
  after.date = "2024-11-25";
  EXPECT_EQ(codes(after), "overdrawn;grant-revoked");  // registry order
  std::string by;
  database().session() << "SELECT recorded_by FROM clawbacks", soci::into(by);
  EXPECT_EQ(by, "审计员甲");
}

}  // namespace
}  // namespace jiangbu

#include "support/report_scenario.hpp"

#include <gtest/gtest.h>

#include "award/award.hpp"
#include "award/clawback.hpp"
#include "expenditure/expenditure.hpp"
#include "registry/brands.hpp"
#include "registry/units.hpp"

namespace jiangbu::testing {

namespace {

int invoice_serial = 0;

ExpenditureInput spending(const std::string& external_id, const std::string& unit, const char* date,
                          const char* amount, const char* category, const char* method) {
  ++invoice_serial;
  return {external_id, "XX", unit, date, amount, category, method, "西安某广告有限公司", "91650102MA78QR012B", "",
          "246120000000" + std::to_string(20'000'000 + invoice_serial), "测试支出"};
}

void record(Database& database, const ExpenditureInput& input, VerdictStatus expected) {
  RecordOptions options;
  options.today = report_day("2024-12-31");
  options.source = "test";
  const Verdict verdict = record_expenditure(database, input, options);
  ASSERT_EQ(verdict.status, expected) << input.external_id << ": " << verdict.reason_codes();
}

}  // namespace

Date report_day(const char* text) { return Date::parse(text).value(); }

void build_report_scenario(Database& database) {
  ASSERT_TRUE(add_unit(database, {report_unit_a, "陕西秦嫂家政服务有限公司", "enterprise", "gross", ""}).ok());
  ASSERT_TRUE(add_unit(database, {report_unit_b, "沣西职业技能培训学校", "enterprise", "net", ""}).ok());
  ASSERT_TRUE(add_brand(database, {"xx", "西咸秦嫂", BrandCategory::livelihood, false}).ok());
  ASSERT_TRUE(add_recognition(database, {"rx", "xx", Tier::municipal, "xixian-2024", report_day("2024-06-18"), "文号",
                                         {report_unit_a, report_unit_b}}).ok());
  ASSERT_TRUE(grant_award(database, {"XX", "rx", report_day("2024-07-01"), "西咸社发", {}, {"100000", "100000"}}).ok());
  ASSERT_TRUE(pay_award(database, {"XX", report_unit_a, std::nullopt, report_day("2024-07-10"), "1011", "PAY-A"}).ok());
  ASSERT_TRUE(pay_award(database, {"XX", report_unit_b, Money::from_yuan(60'000), report_day("2024-07-10"), "1011",
                                   "PAY-B"}).ok());
  const auto accepted = VerdictStatus::accepted;
  const auto rejected = VerdictStatus::rejected;
  record(database, spending("A-1", report_unit_a, "2024-09-05", "12000", "培育发展", "银行转账"), accepted);
  record(database, spending("A-2", report_unit_a, "2024-10-08", "3000", "交流展示", "银行转账"), accepted);
  record(database, spending("A-3", report_unit_a, "2024-10-09", "5000", "宣传推介", "公务卡"), accepted);
  record(database, spending("A-4", report_unit_a, "2024-10-10", "2000", "培育发展", "银行转账"), accepted);
  record(database, spending("A-CASH", report_unit_a, "2024-10-12", "800", "宣传推介", "现金"), rejected);
  record(database, spending("A-CASH", report_unit_a, "2024-10-12", "800", "宣传推介", "银行转账"), accepted);
  record(database, spending("A-RETRO", report_unit_a, "2024-06-20", "4000", "培育发展", "银行转账"), rejected);
  record(database, spending("A-BIG", report_unit_a, "2024-10-20", "9999999", "培育发展", "银行转账"), rejected);
  record(database, spending("B-1", report_unit_b, "2024-09-20", "6000", "交流展示", "银行转账"), accepted);
  const auto reversal_of = [&](const std::string& external_id) {
    for (const auto& expenditure : list_expenditures(database, "XX", report_unit_a, 100)) {
      if (expenditure.external_id == external_id) return expenditure.expenditure_id;
    }
    return std::int64_t{0};
  };
  ASSERT_TRUE(reverse_expenditure(database, reversal_of("A-4"), report_day("2024-11-05"), "重复报销").ok());
  ASSERT_TRUE(claw_back(database, {"XX", report_unit_a, Money::from_yuan(10'000), report_day("2024-11-20"),
                                   "西咸社发〔2024〕70号", "宣传费超标准", "财政局王会计"}).ok());
}

}  // namespace jiangbu::testing

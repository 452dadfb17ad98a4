#include "demo/award_scenario.hpp"

#include <cstdio>

#include "analytics/holiday_calendar.hpp"
#include "award/award.hpp"
#include "award/award_accounts.hpp"
#include "award/clawback.hpp"
#include "expenditure/expenditure.hpp"
#include "expenditure/fund_use_plan.hpp"
#include "core/reason_code.hpp"
#include "ledger/accounts.hpp"
#include "ledger/books.hpp"
#include "ledger/journal.hpp"
#include "registry/brands.hpp"
#include "registry/related_parties.hpp"
#include "registry/units.hpp"
#include "store/transaction.hpp"

namespace jiangbu {

namespace {

Date day(const char* text) { return Date::parse(text).value(); }

// Real-looking units; every code passes the GB 32100-2015 check.
const std::vector<UnitInput>& scenario_units() {
  static const std::vector<UnitInput> units = {
      {"91500222MA5U7A0B23", "重庆綦江劳务开发有限公司", "enterprise", "gross", ""},
      {"52500222MJP5X1234X", "綦江区家政服务行业协会", "non-profit", "gross", ""},
      {"91610000MA6TG12349", "陕西秦嫂家政服务有限公司", "enterprise", "gross", ""},
      {"91611100MA6TX0B25D", "西咸新区沣西职业技能培训学校", "enterprise", "net", ""},
      {"52611100MJU300021A", "西咸新区家庭服务业协会", "non-profit", "gross", ""},
      {"91650100MA77ABC12E", "乌鲁木齐天山建工劳务有限公司", "enterprise", "gross", ""},
      {"91650102MA78QR012B", "乌鲁木齐市新疆手抓饭餐饮技能培训中心", "enterprise", "net", ""},
  };
  return units;
}

struct ScenarioBrand {
  Brand brand;
  Recognition recognition;
  GrantInput grant;
};

std::vector<ScenarioBrand> scenario_brands() {
  const auto& units = scenario_units();
  return {
      {{"qijiang-laowu", "綦江农民版画工匠", BrandCategory::culture_tourism, true},
       {"QJR-2024-01", "qijiang-laowu", Tier::municipal, "qijiang-2023", day("2024-03-05"), "渝人社〔2024〕31号",
        {units[0].uscc}},
       {"QJ2024-001", "QJR-2024-01", day("2024-03-20"), "綦人社发〔2024〕12号", {}, {}}},
      {{"qijiang-jiazheng", "綦江贴心家政嫂", BrandCategory::livelihood, false},
       {"QJR-2024-02", "qijiang-jiazheng", Tier::municipal, "qijiang-2023", day("2024-03-05"), "渝人社〔2024〕31号",
        {units[1].uscc}},
       {"QJ2024-002", "QJR-2024-02", day("2024-03-20"), "綦人社发〔2024〕12号", {}, {}}},
      {{"xixian-qinsao", "西咸秦嫂", BrandCategory::high_quality_service, false},
       {"XXR-2024-01", "xixian-qinsao", Tier::provincial, "xixian-2024", day("2024-06-18"), "陕人社函〔2024〕210号",
        {units[2].uscc, units[3].uscc, units[4].uscc}},
       {"XX2024-001", "XXR-2024-01", day("2024-07-01"), "西咸社发〔2024〕27号", {"5", "3", "2"}, {}}},
      {{"xixian-fengxi", "沣西电子装配工", BrandCategory::mid_high_skill, false},
       {"XXR-2024-02", "xixian-fengxi", Tier::district, "xixian-2024", day("2024-06-18"), "西咸社发〔2024〕25号",
        {units[3].uscc}},
       {"XX2024-002", "XXR-2024-02", day("2024-07-01"), "西咸社发〔2024〕27号", {}, {}}},
      {{"urumqi-jiangong", "天山建工", BrandCategory::mid_high_skill, false},
       {"WLR-2024-01", "urumqi-jiangong", Tier::municipal, "urumqi-2024", day("2024-08-12"), "乌人社发〔2024〕66号",
        {units[5].uscc}},
       {"WL2024-001", "WLR-2024-01", day("2024-08-26"), "乌人社发〔2024〕70号", {}, {}}},
      {{"urumqi-zhuafan", "新疆手抓饭师傅", BrandCategory::culture_tourism, true},
       {"WLR-2024-02", "urumqi-zhuafan", Tier::district, "urumqi-2024", day("2024-08-12"), "天人社发〔2024〕9号",
        {units[6].uscc}},
       {"WL2024-002", "WLR-2024-02", day("2024-08-26"), "乌人社发〔2024〕70号", {}, {}}},
  };
}

class Scenario {
 public:
  explicit Scenario(Database& database) : database_(database), journal_(database) {}

  // Runs a step that the rules should accept; a refusal is a scenario bug.
  template <typename T>
  Status expect(const std::string& attempt, Result<T> result) {
    if (result) return success();
    return Error(result.error().code, attempt + ": " + result.error().message, result.error().field);
  }

  // Runs a step that the rules should refuse, and keeps the refusal.
  template <typename T>
  Status expect_refusal(const std::string& attempt, Result<T> result) {
    if (result) return make_error(ReasonCode::bad_text, attempt + " was accepted but should be refused");
    result_.refusals.push_back({attempt, result.error()});
    return success();
  }

  Status post(EntryInput entry) {
    auto posted = journal_.post(entry);
    if (!posted) return posted.error();
    return success();
  }

  Status run();
  Status year_of_spending();
  Status planted_patterns();
  Status idle_award();
  ScenarioResult result() const { return result_; }

 private:
  Status register_everything();
  Status grant_and_pay();
  Status unit_spending();

  Database& database_;
  Journal journal_;
  ScenarioResult result_;
};

Status Scenario::register_everything() {
  result_.book_ids.push_back(std::string(bureau_book_id));
  const Money quota = Money::from_yuan(1'500'000);
  if (auto posted = post({std::string(bureau_book_id), day("2024-01-08"), "收到就业补助资金用款额度",
                          "quota:2024-01", {{"1011", Side::debit, quota}, {"4001", Side::credit, quota},
                                            {"8001", Side::debit, quota}, {"6001", Side::credit, quota}}});
      !posted) {
    return posted;
  }
  for (const auto& unit : scenario_units()) {
    if (auto added = expect("register " + unit.name, add_unit(database_, unit)); !added) return added;
    result_.book_ids.push_back(unit.uscc);
  }
  for (const auto& entry : scenario_brands()) {
    if (auto added = expect("brand " + entry.brand.name, add_brand(database_, entry.brand)); !added) return added;
    if (auto added = expect("recognise " + entry.brand.name, add_recognition(database_, entry.recognition)); !added) {
      return added;
    }
  }
  // 000 綦江 第七条 pays only 市级: a district-level recognition earns nothing.
  if (auto added = expect("brand 綦江石工", add_brand(database_, {"qijiang-shigong", "綦江石工", BrandCategory::mid_high_skill, false}));
      !added) {
    return added;
  }
  if (auto added = expect("recognise 綦江石工", add_recognition(database_, {"QJR-2024-03", "qijiang-shigong", Tier::district,
                                                                     "qijiang-2023", day("2024-03-05"), "綦人社发〔2024〕8号",
                                                                     {scenario_units()[0].uscc}}));
      !added) {
    return added;
  }
  return expect_refusal("grant QJ2024-003 (区级 under 綦江)",
                        grant_award(database_, {"QJ2024-003", "QJR-2024-03", day("2024-03-20"), "x", {}, {}}));
}

Status Scenario::grant_and_pay() {
  for (const auto& entry : scenario_brands()) {
    if (auto granted = expect("grant " + entry.grant.award_id, grant_award(database_, entry.grant)); !granted) {
      return granted;
    }
  }
  const auto& units = scenario_units();
  struct Payment {
    const char* award;
    std::size_t unit;
    std::optional<Money> amount;
    const char* date;
  };
  const Payment payments[] = {
      {"QJ2024-001", 0, std::nullopt, "2024-04-02"},
      {"QJ2024-002", 1, Money::from_yuan(100'000), "2024-04-02"},  // first instalment
      {"QJ2024-002", 1, std::nullopt, "2024-09-10"},               // the rest after mid-year review
      {"XX2024-001", 2, std::nullopt, "2024-07-15"},
      {"XX2024-001", 3, std::nullopt, "2024-07-15"},
      {"XX2024-001", 4, std::nullopt, "2024-07-15"},
      {"XX2024-002", 3, std::nullopt, "2024-07-15"},
      {"WL2024-001", 5, Money::from_yuan(120'000), "2024-09-05"},
      {"WL2024-002", 6, std::nullopt, "2024-09-05"},
  };
  for (const auto& payment : payments) {
    if (auto paid = expect(std::string("pay ") + payment.award,
                           pay_award(database_, {payment.award, units[payment.unit].uscc, payment.amount,
                                                 day(payment.date), "1011", ""}));
        !paid) {
      return paid;
    }
  }
  if (auto refused = expect_refusal("pay XX2024-002 a second time",
                                    pay_award(database_, {"XX2024-002", units[3].uscc, Money::from_yuan(1),
                                                          day("2024-07-20"), "1011", ""}));
      !refused) {
    return refused;
  }
  // 乌鲁木齐 suspends the construction brand pending rectification, then lifts it.
  if (auto changed = expect("suspend WL2024-001", Result<Done>(change_award_status(
                                database_, {"WL2024-001", AwardEventKind::suspend, day("2024-10-08"),
                                            "乌人社函〔2024〕101号", "年度报告逾期未报"})));
      !changed) {
    return changed;
  }
  if (auto refused = expect_refusal("pay WL2024-001 while suspended",
                                    pay_award(database_, {"WL2024-001", units[5].uscc, std::nullopt,
                                                          day("2024-10-20"), "1011", ""}));
      !refused) {
    return refused;
  }
  if (auto changed = expect("reinstate WL2024-001", Result<Done>(change_award_status(
                                database_, {"WL2024-001", AwardEventKind::reinstate, day("2024-11-04"),
                                            "乌人社函〔2024〕118号", "已补报年度报告"})));
      !changed) {
    return changed;
  }
  if (auto paid = expect("pay the rest of WL2024-001", pay_award(database_, {"WL2024-001", units[5].uscc, std::nullopt,
                                                                            day("2024-11-12"), "1011", ""}));
      !paid) {
    return paid;
  }
  // 西咸 revokes the district brand after a failed review; nothing more may be paid.
  if (auto changed = expect("revoke XX2024-002", Result<Done>(change_award_status(
                                database_, {"XX2024-002", AwardEventKind::revoke, day("2024-12-16"),
                                            "西咸社发〔2024〕61号", "绩效评估不合格"})));
      !changed) {
    return changed;
  }
  return success();
}

// A clerk records a training invoice under the wrong category, reverses it,
// and records it again correctly: the invoice is free again after the reversal.
Status Scenario::unit_spending() {
  const std::string unit = scenario_units()[0].uscc;
  RecordOptions options;
  options.today = day("2024-12-31");
  options.source = "demo";
  ExpenditureInput mistaken{"QJ-0506-1", "QJ2024-001", unit, "2024-05-06", "5000.00", "宣传推广", "银行转账",
                            "綦江区职业技能培训中心", "52500222MJP5X1234X", "", "24500000001234567890", "培训费（误记为宣传推广）"};
  const Verdict first = record_expenditure(database_, mistaken, options);
  if (first.status != VerdictStatus::accepted) return make_error(ReasonCode::bad_text, "demo expenditure refused: " + first.reason_codes());
  if (auto reversed = reverse_expenditure(database_, first.record_id, day("2024-05-07"), "用途类别错误"); !reversed) return reversed;
  ExpenditureInput corrected = mistaken;
  corrected.external_id = "QJ-0506-1R";
  corrected.category = "培训组织";
  corrected.description = "培训费（更正）";
  const Verdict second = record_expenditure(database_, corrected, options);
  if (second.status != VerdictStatus::accepted) return make_error(ReasonCode::bad_text, "demo expenditure refused: " + second.reason_codes());
  return success();
}

// A year of spending by every unit, as their clerks would key it in: mostly
// proper, with the violations auditors meet in practice mixed in. Every
// submission gets a verdict; the rejected ones land in the exception register.
Status Scenario::year_of_spending() {
  const auto& units = scenario_units();
  // 003 乌鲁木齐 四 requires a filed plan before any spending.
  if (auto filed = expect("plan WL2024-001", file_plan(database_, {"WL2024-001", units[5].uscc, day("2024-09-01"), "乌人社备〔2024〕3号",
                                                                  {{"trainer-hiring", "80000"}, {"training-equipment-materials", "60000"},
                                                                   {"brand-management-promotion", "40000"}}}));
      !filed) {
    return filed;
  }
  struct Share {
    const char* award;
    std::size_t unit;
    std::vector<const char*> categories;
    const char* first_month;
  };
  const std::vector<Share> shares = {
      {"QJ2024-001", 0, {"宣传推广", "培训组织", "标准制定"}, "2024-05"},
      {"QJ2024-002", 1, {"培训组织", "输出人员后续服务", "课程开发"}, "2024-05"},
      {"XX2024-001", 2, {"宣传推介", "培育发展", "交流展示"}, "2024-08"},
      {"XX2024-001", 3, {"壮大提升", "培育发展"}, "2024-08"},
      {"XX2024-001", 4, {"交流展示", "宣传推介"}, "2024-08"},
      {"WL2024-001", 5, {"聘用劳务品牌培训教师的开支", "劳务品牌建设管理和宣传推广"}, "2024-09"},
  };
  // Suppliers with codes of their own; a clerk's spending spreads over them.
  const char* payees[][2] = {{"重庆渝南广告传媒有限公司", "91500222MA60ABCD15"},
                             {"西安曲江会展服务有限公司", "91610131MA6W8K2P36"},
                             {"新疆天山职业培训学校", "91650102MA79XYH015"},
                             {"重庆巴南印务有限公司", "91500110MA61QQ7R2K"},
                             {"陕西长安教育咨询有限公司", "91610113MA6UJ8PD4F"},
                             {"乌鲁木齐博雅文化传播有限公司", "91650104MA7AB1234Y"},
                             {"重庆綦江会务服务有限公司", "91500222MA61LL9X52"},
                             {"西安雁塔数码科技有限公司", "91610104MA6TT5R56D"}};
  constexpr std::size_t payee_count = 8;
  RecordOptions options;
  options.today = day("2024-12-31");
  options.source = "demo";
  int serial = 0;
  for (const auto& share : shares) {
    const int first = std::stoi(std::string(share.first_month).substr(5));
    for (int month = first; month <= 12; ++month) {
      ++serial;
      const auto& payee = payees[static_cast<std::size_t>(serial) % payee_count];
      // Finance offices pay on working days: a date falling on a rest day moves to the next working day.
      Date date = Date::from_parts(2024, static_cast<unsigned>(month), static_cast<unsigned>(5 + serial % 20));
      for (int shift = 0; shift < 10 && HolidayCalendar::embedded().is_rest_day(date); ++shift) date = date.plus_days(1);
      ExpenditureInput input{std::string(share.award) + "-" + std::to_string(serial), share.award, units[share.unit].uscc,
                             date.to_string(), std::to_string(2'000 + (serial * 731) % 9'000) + "." + std::to_string(10 + serial % 90),
                             share.categories[static_cast<std::size_t>(serial) % share.categories.size()], "银行转账",
                             payee[0], payee[1], "", "2450000000" + std::to_string(1'000'000'000 + serial), "支出"};
      if (serial % 6 == 0) input.payment_method = "公务卡";
      (void)record_expenditure(database_, input, options);
    }
  }
  // What the auditors will find in the exception register.
  const std::vector<ExpenditureInput> violations = {
      {"XX-CASH-1", "XX2024-001", units[2].uscc, "2024-09-18", "3800.00", "宣传推介", "现金", "西安某印刷店", "", "", "24500000009000000001", "宣传册印刷（现金）"},
      {"XX-EARLY-1", "XX2024-001", units[3].uscc, "2024-06-20", "12000.00", "培育发展", "银行转账", "沣西某咨询公司", "", "", "24500000009000000002", "认定前的咨询费"},
      {"WL-BANQUET-1", "WL2024-001", units[5].uscc, "2024-10-10", "6800.00", "公务接待费", "公务卡", "乌鲁木齐某酒店", "", "", "24500000009000000003", "接待考察组"},
      {"WL-ALLOWANCE-1", "WL2024-001", units[5].uscc, "2024-11-30", "15000.00", "人员津补贴", "银行转账", "本单位职工", "", "", "24500000009000000004", "职工补贴"},
      {"WL-OVERPLAN-1", "WL2024-001", units[5].uscc, "2024-12-02", "45000.00", "brand-management-promotion", "银行转账", "乌鲁木齐某广告公司", "", "", "24500000009000000005", "超计划宣传"},
      {"WL2-NOPLAN-1", "WL2024-002", units[6].uscc, "2024-10-15", "9000.00", "聘用劳务品牌培训教师的开支", "银行转账", "新疆某培训中心", "", "", "24500000009000000006", "未备案计划"},
      {"QJ-DUP-1", "QJ2024-002", units[1].uscc, "2024-10-21", "2010.41", "培训组织", "银行转账", payees[1][0], payees[1][1], "", "2450000000" + std::to_string(1'000'000'001), "重复报销"},
      {"QJ-BIG-1", "QJ2024-001", units[0].uscc, "2024-12-20", "190000.00", "宣传推广", "银行转账", "重庆某传媒", "", "", "24500000009000000007", "超出余额"},
      {"XX-BADROW-1", "XX2024-001", units[4].uscc, "2024-13-01", "1,2345.00", "交流展示", "支付宝", "", "", "", "123", "格式错误的一行"},
  };
  for (const auto& input : violations) (void)record_expenditure(database_, input, options);
  // 西咸 revoked XX2024-002 (二(六)); the unit returns what it still holds.
  return expect("claw back XX2024-002", claw_back(database_, {"XX2024-002", units[3].uscc, Money::from_yuan(100'000),
                                                              day("2024-12-27"), "西咸社发〔2024〕63号",
                                                              "品牌撤销，收回奖补资金", "财政局 王会计"}));
}

// A 2023 award to 綦江 that its unit has hardly touched a year later (资金闲置).
Status Scenario::idle_award() {
  const Money quota = Money::from_yuan(200'000);
  if (auto posted = post({std::string(bureau_book_id), day("2023-12-01"), "收到就业补助资金用款额度", "quota:2023-12",
                          {{"1011", Side::debit, quota}, {"4001", Side::credit, quota},
                           {"8001", Side::debit, quota}, {"6001", Side::credit, quota}}});
      !posted) {
    return posted;
  }
  const std::string unit = scenario_units()[0].uscc;
  if (auto added = expect("brand 綦江古剑山茶艺师", add_brand(database_, {"qijiang-chayi", "綦江古剑山茶艺师", BrandCategory::culture_tourism, false}));
      !added) {
    return added;
  }
  if (auto added = expect("recognise 綦江古剑山茶艺师", add_recognition(database_, {"QJR-2023-01", "qijiang-chayi", Tier::municipal,
                                                                          "qijiang-2023", day("2023-11-20"), "渝人社〔2023〕188号", {unit}}));
      !added) {
    return added;
  }
  if (auto granted = expect("grant QJ2023-001", grant_award(database_, {"QJ2023-001", "QJR-2023-01", day("2023-12-01"), "綦人社发〔2023〕40号", {}, {}}));
      !granted) {
    return granted;
  }
  return expect("pay QJ2023-001", pay_award(database_, {"QJ2023-001", unit, std::nullopt, day("2023-12-15"), "1011", ""}));
}

// Spending the rules accept but an auditor should look at: the patterns the
// analytics must rank near the top of the audit report (issue 6).
Status Scenario::planted_patterns() {
  const auto& units = scenario_units();
  RecordOptions options;
  options.today = day("2024-12-31");
  options.source = "demo:planted";
  const auto record = [&](ExpenditureInput input) -> Status {
    const Verdict verdict = record_expenditure(database_, input, options);
    if (verdict.status == VerdictStatus::accepted) return success();
    return make_error(ReasonCode::bad_text, "planted " + input.external_id + " refused: " + verdict.reason_codes());
  };
  const std::vector<ExpenditureInput> planted = {
      // 拆分支付: three payments to one printer in five days, each under 50,000, together over it.
      {"QJ-SPLIT-1", "QJ2024-001", units[0].uscc, "2024-11-04", "18600.00", "宣传推广", "银行转账", "重庆巴渝文化传播有限公司", "91500222MA60ABCE16", "", "24500000008000000001", "宣传画册（一）"},
      {"QJ-SPLIT-2", "QJ2024-001", units[0].uscc, "2024-11-06", "19200.00", "宣传推广", "银行转账", "重庆巴渝文化传播有限公司", "91500222MA60ABCE16", "", "24500000008000000002", "宣传画册（二）"},
      {"QJ-SPLIT-3", "QJ2024-001", units[0].uscc, "2024-11-08", "17900.00", "宣传推广", "银行转账", "重庆巴渝文化传播有限公司", "91500222MA60ABCE16", "", "24500000008000000003", "宣传画册（三）"},
      // 重复发票: the invoice of XX2024-001-23 (沣西's) claimed again by 家庭服务业协会 under another seller's code.
      {"XX-DUPINV-1", "XX2024-001", units[4].uscc, "2024-11-19", "4100.00", "交流展示", "银行转账", "西安曲江会展服务有限责任公司", "91610113MA6UJ8PE4G", "", "24500000001000000023", "展位费"},
      // 整数金额 and 收款方集中度: 綦江家政协会 pays round sums to one training centre.
      {"QJ2-ROUND-1", "QJ2024-002", units[1].uscc, "2024-10-09", "20000.00", "培训组织", "银行转账", "綦江区巾帼家政培训中心", "52500222MJP6A1235G", "", "24500000008000000011", "培训费"},
      {"QJ2-ROUND-2", "QJ2024-002", units[1].uscc, "2024-10-23", "15000.00", "培训组织", "银行转账", "綦江区巾帼家政培训中心", "52500222MJP6A1235G", "", "24500000008000000012", "培训费"},
      {"QJ2-ROUND-3", "QJ2024-002", units[1].uscc, "2024-11-06", "12000.00", "课程开发", "银行转账", "綦江区巾帼家政培训中心", "52500222MJP6A1235G", "", "24500000008000000013", "课程开发费"},
      {"QJ2-ROUND-4", "QJ2024-002", units[1].uscc, "2024-11-20", "10000.00", "培训组织", "银行转账", "綦江区巾帼家政培训中心", "52500222MJP6A1235G", "", "24500000008000000014", "培训费"},
      {"QJ2-ROUND-5", "QJ2024-002", units[1].uscc, "2024-12-04", "8000.00", "课程开发", "银行转账", "綦江区巾帼家政培训中心", "52500222MJP6A1235G", "", "24500000008000000015", "课程开发费"},
      // 节假日支出: 天山建工 pays during 国庆; 2024-09-29 is a make-up working Sunday and does not count.
      {"WL-HOLIDAY-1", "WL2024-001", units[5].uscc, "2024-10-01", "3600.00", "聘用劳务品牌培训教师的开支", "银行转账", "乌鲁木齐博雅文化传播有限公司", "91650104MA7AB1234Y", "", "24500000008000000021", "讲课费"},
      {"WL-HOLIDAY-2", "WL2024-001", units[5].uscc, "2024-10-03", "4200.00", "劳务品牌建设管理和宣传推广", "银行转账", "新疆天山职业培训学校", "91650102MA79XYH015", "", "24500000008000000022", "宣传费"},
      {"WL-HOLIDAY-3", "WL2024-001", units[5].uscc, "2024-10-05", "2900.00", "聘用劳务品牌培训教师的开支", "银行转账", "乌鲁木齐博雅文化传播有限公司", "91650104MA7AB1234Y", "", "24500000008000000023", "讲课费"},
      {"WL-MAKEUP-1", "WL2024-001", units[5].uscc, "2024-09-29", "3100.00", "聘用劳务品牌培训教师的开支", "银行转账", "乌鲁木齐博雅文化传播有限公司", "91650104MA7AB1234Y", "", "24500000008000000024", "讲课费（调休上班日）"},
      // 年底突击: 秦嫂 spends most of its share in December.
      {"XX-DEC-1", "XX2024-001", units[2].uscc, "2024-12-10", "23800.00", "宣传推介", "银行转账", "西安雁塔数码科技有限公司", "91610104MA6TT5R56D", "", "24500000008000000031", "宣传片制作"},
      {"XX-DEC-2", "XX2024-001", units[2].uscc, "2024-12-17", "21460.00", "培育发展", "银行转账", "陕西长安教育咨询有限公司", "91610113MA6UJ8PD4F", "", "24500000008000000032", "咨询服务"},
      {"XX-DEC-3", "XX2024-001", units[2].uscc, "2024-12-24", "17230.00", "交流展示", "银行转账", "西安曲江会展服务有限公司", "91610131MA6W8K2P36", "", "24500000008000000033", "年终展会"},
      // 关联方: 沣西培训学校 pays its own 法定代表人 as a lecturer.
      {"XX-RELATED-1", "XX2024-001", units[3].uscc, "2024-10-15", "8800.00", "培育发展", "银行转账", "李建国", "", "", "24500000008000000041", "讲课费"},
      // 资金闲置: the 2023 award's only spending in a year.
      {"QJ23-1", "QJ2023-001", units[0].uscc, "2024-03-12", "12000.00", "培训组织", "银行转账", "重庆綦江会务服务有限公司", "91500222MA61LL9X52", "", "24500000008000000051", "培训场地"},
  };
  if (auto added = expect("related party 李建国", add_related_party(database_, {units[3].uscc, "李建国", "legal-representative"}));
      !added) {
    return added;
  }
  for (const auto& input : planted) {
    if (auto recorded = record(input); !recorded) return recorded;
  }
  return success();
}

Status Scenario::run() {
  if (auto done = register_everything(); !done) return done;
  if (auto done = idle_award(); !done) return done;
  if (auto done = grant_and_pay(); !done) return done;
  if (auto done = unit_spending(); !done) return done;
  if (auto done = year_of_spending(); !done) return done;
  return planted_patterns();
}

}  // namespace

Result<ScenarioResult> run_award_scenario(Database& database) {
  Scenario scenario(database);
  if (auto done = scenario.run(); !done) return done.error();
  return scenario.result();
}

}  // namespace jiangbu

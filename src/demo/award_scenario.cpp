#include "demo/award_scenario.hpp"

#include "award/award.hpp"
#include "award/award_accounts.hpp"
#include "core/reason_code.hpp"
#include "ledger/accounts.hpp"
#include "ledger/books.hpp"
#include "ledger/journal.hpp"
#include "registry/brands.hpp"
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

Status Scenario::unit_spending() {
  const std::string unit = scenario_units()[0].uscc;
  Transaction transaction(database_);
  for (const auto& [code, name] : {std::pair{"6601/QJ2024-001/宣传推广", "宣传推广"}, {"6602/QJ2024-001/培训组织", "培训组织"}}) {
    if (auto opened = open_sub_account(database_, unit, code, name); !opened) return opened.error();
  }
  transaction.commit();
  const std::string source = "award:QJ2024-001";
  const Money promotion = Money::from_fen(3'650'000);
  if (auto posted = post({unit, day("2024-04-18"), "綦江农民版画宣传片制作", source,
                          {{"6601/QJ2024-001/宣传推广", Side::debit, promotion},
                           {std::string(dedicated_bank_account), Side::credit, promotion}}});
      !posted) {
    return posted;
  }
  if (auto posted = post({unit, day("2024-04-18"), "结转其他收益（总额法）", source,
                          {{unit_receipt_account(UnitType::enterprise, "QJ2024-001"), Side::debit, promotion},
                           {"6117", Side::credit, promotion}}});
      !posted) {
    return posted;
  }
  // A clerk books a training invoice to the wrong category, then reverses it.
  auto mistaken = journal_.post({unit, day("2024-05-06"), "培训费（误记科目）", source,
                                 {{"6601/QJ2024-001/宣传推广", Side::debit, Money::from_yuan(5'000)},
                                  {std::string(dedicated_bank_account), Side::credit, Money::from_yuan(5'000)}}});
  if (!mistaken) return mistaken.error();
  auto reversal = journal_.reverse(mistaken.value().entry_id, day("2024-05-07"), "科目错误");
  if (!reversal) return reversal.error();
  return success();
}

Status Scenario::run() {
  if (auto done = register_everything(); !done) return done;
  if (auto done = grant_and_pay(); !done) return done;
  return unit_spending();
}

}  // namespace

Result<ScenarioResult> run_award_scenario(Database& database) {
  Scenario scenario(database);
  if (auto done = scenario.run(); !done) return done.error();
  return scenario.result();
}

}  // namespace jiangbu

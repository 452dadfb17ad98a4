// The auditor analytics, each with a planted pattern it must find and a clean
// control it must leave alone. Rows are built in memory: the analyses never
// touch the database (the store tests run them through the audit report).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "analytics/analyses.hpp"
#include "analytics/analytics.hpp"
#include "analytics/analytics_config.hpp"
#include "analytics/holiday_calendar.hpp"
#include "analytics/payee_name.hpp"

namespace jiangbu {
namespace {

constexpr const char* unit_a = "91500222MA5U7A0B23";
constexpr const char* unit_b = "52500222MJP5X1234X";
constexpr const char* supplier_code = "91500222MA60ABCD15";
constexpr const char* other_code = "91610131MA6W8K2P36";

Date day(const char* text) { return Date::parse(text).value(); }

// Rows as a clerk would key them; every row is in the selection unless reversed.
class Rows {
 public:
  Rows() {
    input_.selection.from = day("2024-01-01");
    input_.selection.to = day("2024-12-31");
    input_.award_units["A1"] = {unit_a, unit_b};
    input_.units[unit_a].name = "重庆綦江劳务开发有限公司";
    input_.units[unit_b].name = "綦江区家政服务行业协会";
  }

  Rows& add(const char* unit, const char* date, std::int64_t amount_fen, const char* payee, const char* payee_code = supplier_code,
            std::string invoice = {}, bool reversed = false, const char* award = "A1") {
    SpendingRow row;
    row.expenditure_id = static_cast<std::int64_t>(input_.data.rows.size()) + 1;
    row.amount_fen = amount_fen;
    row.spent_on_day = day(date).days_since_epoch();
    row.award = input_.data.strings.intern(award);
    row.unit = input_.data.strings.intern(unit);
    row.category = input_.data.strings.intern("training");
    row.payee_name = input_.data.strings.intern(payee);
    row.payee_uscc = input_.data.strings.intern(payee_code);
    if (invoice.empty()) invoice = "E:2450000000" + std::to_string(1'000'000'000 + row.expenditure_id);
    row.invoice = input_.data.strings.intern(invoice);
    row.reversed = reversed;
    input_.data.rows.push_back(row);
    return *this;
  }

  AnalyticsInput& input() {
    input_.select_rows();
    return input_;
  }

 private:
  AnalyticsInput input_;
};

const AnalyticsConfig& config() { return AnalyticsConfig::defaults(); }

bool evidence_has(const AnalyticsFinding& finding, std::int64_t expenditure_id) {
  return std::any_of(finding.evidence.begin(), finding.evidence.end(),
                     [&](const Evidence& line) { return line.expenditure_id == expenditure_id; });
}

// ---- configuration and calendar -------------------------------------------

TEST(AnalyticsConfigTest, ShippedDefaultsAreReadFromTheTomlFile) {
  EXPECT_TRUE(config().split_payments.enabled);
  EXPECT_EQ(config().split_payments.threshold, Money::from_yuan(50'000));
  EXPECT_EQ(config().split_payments.window_days, 7);
  EXPECT_EQ(config().benford.mad_nonconformity_millionths, 15'000);
  EXPECT_EQ(config().benford.z_critical_hundredths, 196);
  EXPECT_EQ(config().payee_concentration.hhi_threshold, 3000);
  EXPECT_EQ(config().near_duplicate_payees.suffixes.front(), "股份有限公司");
}

TEST(AnalyticsConfigTest, AnOverlayChangesOnlyTheKeysItNames) {
  auto changed = AnalyticsConfig::overlay("[split_payments]\nthreshold = \"20000.00\"\n", "test.toml");
  ASSERT_TRUE(changed.ok()) << changed.error().message;
  EXPECT_EQ(changed.value().split_payments.threshold, Money::from_yuan(20'000));
  EXPECT_EQ(changed.value().split_payments.window_days, 7);
}

TEST(AnalyticsConfigTest, UnknownKeysWrongTypesAndFloatsAreRefusedByName) {
  const std::pair<const char*, const char*> cases[] = {
      {"[split_payments]\nthreshhold = \"1.00\"\n", "split_payments.threshhold"},
      {"[split_payments]\nthreshold = 50000.0\n", "split_payments.threshold"},
      {"[split_payments]\nthreshold = \"-5.00\"\n", "split_payments.threshold"},
      {"[benford]\nmad_nonconformity = \"0.0150001\"\n", "benford.mad_nonconformity"},
      {"[near_duplicate_payees]\nmax_edit_distance = 3\n", "near_duplicate_payees.max_edit_distance"},
      {"[no_such_analysis]\nenabled = true\n", "no_such_analysis"},
  };
  for (const auto& [text, key] : cases) {
    auto parsed = AnalyticsConfig::overlay(text, "test.toml");
    ASSERT_FALSE(parsed.ok()) << text;
    EXPECT_EQ(parsed.error().code, "bad-analytics-config");
    EXPECT_EQ(parsed.error().field, key) << parsed.error().message;
  }
}

TEST(HolidayCalendarTest, OfficialHolidaysAndMakeUpWorkingDaysFrom2023To2026) {
  const auto& calendar = HolidayCalendar::embedded();
  for (int year = 2023; year <= 2026; ++year) EXPECT_TRUE(calendar.covers(year)) << year;
  EXPECT_EQ(calendar.kind(day("2024-10-01")), DayKind::public_holiday);
  EXPECT_EQ(calendar.rest_day_name(day("2024-10-03")), "国庆节");
  EXPECT_EQ(calendar.kind(day("2024-09-29")), DayKind::makeup_working_day);  // a Sunday
  EXPECT_EQ(calendar.kind(day("2024-10-12")), DayKind::makeup_working_day);  // a Saturday
  EXPECT_EQ(calendar.kind(day("2024-10-13")), DayKind::weekend);
  EXPECT_EQ(calendar.kind(day("2024-10-14")), DayKind::working_day);
  EXPECT_EQ(calendar.kind(day("2023-01-02")), DayKind::public_holiday);  // 元旦 2023, a Monday
  EXPECT_EQ(calendar.kind(day("2024-02-09")), DayKind::working_day);     // 除夕 2024 was not a day off
  EXPECT_EQ(calendar.kind(day("2025-01-28")), DayKind::public_holiday);  // 除夕 2025 was
  EXPECT_EQ(calendar.kind(day("2026-02-23")), DayKind::public_holiday);  // the 9-day 春节 of 2026
  EXPECT_EQ(calendar.kind(day("2026-02-28")), DayKind::makeup_working_day);
  EXPECT_EQ(calendar.rest_day_name(day("2026-10-07")), "国庆节");
  EXPECT_FALSE(calendar.covers(2027));
  EXPECT_EQ(calendar.kind(day("2027-10-01")), DayKind::working_day);  // outside: weekdays only
}

TEST(HolidayCalendarTest, EveryYearNamesTheNoticeItComesFrom) {
  for (const auto& [year, source] : HolidayCalendar::embedded().years()) {
    EXPECT_NE(source.notice.find(std::to_string(year) + "年部分节假日安排"), std::string::npos) << year;
    EXPECT_NE(source.notice.find("国办发明电"), std::string::npos) << year;
    EXPECT_TRUE(source.url.find("gov.cn") != std::string::npos) << year;
  }
}

TEST(HolidayCalendarTest, AMakeUpDayOnAWeekdayOrADayListedTwiceIsRefused) {
  const auto weekday = HolidayCalendar::parse(
      "[[year]]\nyear = 2024\nnotice = \"x\"\nholidays = [{ name = \"国庆节\", off = [\"2024-10-01\", \"2024-10-07\"], "
      "work = [\"2024-10-08\"] }]\n",
      "test.toml");
  EXPECT_FALSE(weekday.ok());
  const auto twice = HolidayCalendar::parse(
      "[[year]]\nyear = 2024\nnotice = \"x\"\nholidays = [{ name = \"a\", off = [\"2024-10-01\", \"2024-10-02\"], work = [] },"
      " { name = \"b\", off = [\"2024-10-02\", \"2024-10-03\"], work = [] }]\n",
      "test.toml");
  EXPECT_FALSE(twice.ok());
  const auto bad_date = HolidayCalendar::parse(
      "[[year]]\nyear = 2024\nnotice = \"x\"\nholidays = [{ name = \"a\", off = [\"2024-02-30\", \"2024-03-01\"], work = [] }]\n",
      "test.toml");
  EXPECT_FALSE(bad_date.ok());
}

// ---- names -----------------------------------------------------------------

TEST(PayeeNameTest, PunctuationSpacesWidthAndCompanySuffixesDoNotMakeANewName) {
  const auto suffixes = to_code_point_suffixes(config().near_duplicate_payees.suffixes);
  const auto plain = normalise_payee_name("西安曲江会展服务有限公司", suffixes);
  EXPECT_EQ(normalise_payee_name("西安曲江会展服务有限责任公司", suffixes), plain);
  EXPECT_EQ(normalise_payee_name(" 西安曲江·会展服务（有限公司）", suffixes), plain);
  EXPECT_EQ(normalise_payee_name("ＡＢＣ科技有限公司", suffixes), normalise_payee_name("abc 科技公司", suffixes));
  EXPECT_NE(normalise_payee_name("西安曲江会展服务有限公司", suffixes), normalise_payee_name("西安曲江会务服务有限公司", suffixes));
  EXPECT_EQ(to_utf8(normalise_payee_name("张 三", suffixes)), "张三");
}

TEST(PayeeNameTest, EditDistanceCountsChineseCharactersAsOne) {
  const auto left = to_code_points("西安曲江会展服务");
  EXPECT_EQ(edit_distance_within(left, to_code_points("西安曲江会务服务"), 2), 1);
  EXPECT_EQ(edit_distance_within(left, to_code_points("西安曲江会展服"), 2), 1);
  EXPECT_EQ(edit_distance_within(left, to_code_points("西安曲江会展服务部"), 2), 1);
  EXPECT_EQ(edit_distance_within(left, left, 2), 0);
  EXPECT_EQ(edit_distance_within(left, to_code_points("重庆渝南广告传媒"), 2), 3);  // limit + 1
}

// ---- 1. duplicate invoices and near-duplicate payees -----------------------

TEST(DuplicateInvoicesTest, OneInvoiceUnderTwoSellersCodesIsFound) {
  Rows rows;
  rows.add(unit_a, "2024-05-06", 500'000, "西安曲江会展服务有限公司", supplier_code, "E:24500000000000000001")
      .add(unit_b, "2024-06-06", 410'000, "西安曲江会展服务有限责任公司", other_code, "E:24500000000000000001");
  const auto outcome = find_duplicate_invoices(rows.input());
  ASSERT_EQ(outcome.findings.size(), 1u);
  EXPECT_EQ(outcome.findings[0].score, 95);
  EXPECT_EQ(outcome.findings[0].amount, Money::from_fen(410'000));  // the second claim
  EXPECT_TRUE(evidence_has(outcome.findings[0], 1) && evidence_has(outcome.findings[0], 2));
}

TEST(DuplicateInvoicesTest, AnInvoiceMovedToAnotherUnitByAReversalIsFound) {
  Rows rows;
  rows.add(unit_a, "2024-05-06", 500'000, "某公司", supplier_code, "L:1234567890:00000001", true)
      .add(unit_b, "2024-06-06", 500'000, "某公司", supplier_code, "L:1234567890:00000001");
  const auto outcome = find_duplicate_invoices(rows.input());
  ASSERT_EQ(outcome.findings.size(), 1u);
  EXPECT_EQ(outcome.findings[0].score, 70);
}

TEST(DuplicateInvoicesTest, ControlACorrectionWithinOneUnitAndDistinctInvoicesAreClean) {
  Rows rows;
  rows.add(unit_a, "2024-05-06", 500'000, "某公司", supplier_code, "E:24500000000000000001", true)
      .add(unit_a, "2024-05-07", 500'000, "某公司", supplier_code, "E:24500000000000000001")
      .add(unit_b, "2024-05-07", 500'000, "某公司", supplier_code, "E:24500000000000000002");
  EXPECT_TRUE(find_duplicate_invoices(rows.input()).findings.empty());
}

TEST(NearDuplicatePayeesTest, OneNameUnderTwoCodesOneCodeUnderTwoNamesAndOneCharacterOff) {
  Rows rows;
  rows.add(unit_a, "2024-05-06", 100'000, "西安曲江会展服务有限公司", supplier_code)
      .add(unit_a, "2024-05-07", 100'000, "西安曲江会展服务有限责任公司", other_code)      // same name, other code
      .add(unit_a, "2024-05-08", 100'000, "重庆渝南广告传媒有限公司", "91500110MA61QQ7R2K")
      .add(unit_a, "2024-05-09", 100'000, "綦江木雕工艺品厂", "91500110MA61QQ7R2K")       // same code, other name
      .add(unit_b, "2024-05-10", 100'000, "陕西长安教育咨询有限公司", "91610113MA6UJ8PD4F")
      .add(unit_b, "2024-05-11", 100'000, "陕西长安教育咨讯有限公司", "91610104MA6TT5R56D");  // one character off
  const auto outcome = find_near_duplicate_payees(rows.input(), config().near_duplicate_payees);
  std::vector<int> scores;
  for (const auto& finding : outcome.findings) scores.push_back(finding.score);
  std::sort(scores.begin(), scores.end());
  EXPECT_EQ(scores, (std::vector<int>{55, 60, 75}));
}

TEST(NearDuplicatePayeesTest, AChainOfLookAlikeNamesIsOneFindingNotOnePerPair) {
  Rows rows;
  rows.add(unit_a, "2024-05-06", 100'000, "陕西长安教育咨询有限公司", "91610113MA6UJ8PD4F")
      .add(unit_a, "2024-05-07", 100'000, "陕西长安教育咨讯有限公司", "91610104MA6TT5R56D")
      .add(unit_a, "2024-05-08", 100'000, "陕西长安教育资讯有限公司", "91650104MA7AB1234Y");
  const auto outcome = find_near_duplicate_payees(rows.input(), config().near_duplicate_payees);
  ASSERT_EQ(outcome.findings.size(), 1u);
  EXPECT_EQ(outcome.findings[0].item_count, 3u);
  EXPECT_EQ(outcome.findings[0].amount, Money::from_fen(300'000));
}

TEST(NearDuplicatePayeesTest, ControlDistinctCompaniesAndShortPersonalNamesAreClean) {
  Rows rows;
  rows.add(unit_a, "2024-05-06", 100'000, "西安曲江会展服务有限公司", supplier_code)
      .add(unit_a, "2024-05-07", 100'000, "西安曲江会展服务有限公司", supplier_code)
      .add(unit_a, "2024-05-08", 100'000, "重庆渝南广告传媒有限公司", other_code)
      .add(unit_b, "2024-05-09", 100'000, "张三", "")
      .add(unit_b, "2024-05-10", 100'000, "张王", "");  // one character apart, but names of people are short
  EXPECT_TRUE(find_near_duplicate_payees(rows.input(), config().near_duplicate_payees).findings.empty());
}

// ---- 2. split payments -------------------------------------------------------

TEST(SplitPaymentsTest, ThreePaymentsUnderTheLimitWithinAWeekThatReachItAreFound) {
  Rows rows;
  rows.add(unit_a, "2024-11-04", 1'860'000, "重庆巴渝文化传播有限公司")
      .add(unit_a, "2024-11-06", 1'920'000, "重庆巴渝文化传播有限公司")
      .add(unit_a, "2024-11-08", 1'790'000, "重庆巴渝文化传播有限公司");
  const auto outcome = find_split_payments(rows.input(), config().split_payments);
  ASSERT_EQ(outcome.findings.size(), 1u);
  EXPECT_EQ(outcome.findings[0].item_count, 3u);
  EXPECT_EQ(outcome.findings[0].amount, Money::from_fen(5'570'000));
  EXPECT_EQ(outcome.findings[0].score, 75);
}

TEST(SplitPaymentsTest, TheWindowIsSevenCalendarDaysCountingTheFirst) {
  Rows inside;
  inside.add(unit_a, "2024-11-04", 2'600'000, "甲公司").add(unit_a, "2024-11-10", 2'600'000, "甲公司");  // day 1 and day 7
  EXPECT_EQ(find_split_payments(inside.input(), config().split_payments).findings.size(), 1u);
  Rows outside;
  outside.add(unit_a, "2024-11-04", 2'600'000, "甲公司").add(unit_a, "2024-11-11", 2'600'000, "甲公司");  // day 8
  EXPECT_TRUE(find_split_payments(outside.input(), config().split_payments).findings.empty());
}

TEST(SplitPaymentsTest, ControlPaymentsSpreadOutOrUnderTheLimitTogetherOrToDifferentPayeesAreClean) {
  Rows rows;
  rows.add(unit_a, "2024-03-04", 1'900'000, "重庆巴渝文化传播有限公司")
      .add(unit_a, "2024-04-06", 1'900'000, "重庆巴渝文化传播有限公司")
      .add(unit_a, "2024-05-08", 1'900'000, "重庆巴渝文化传播有限公司")  // a month apart each
      .add(unit_a, "2024-06-03", 2'000'000, "甲公司", "91500110MA61QQ7R2K")
      .add(unit_a, "2024-06-04", 2'000'000, "乙公司", "91610113MA6UJ8PD4F")  // two payees
      .add(unit_b, "2024-06-03", 1'000'000, "丙公司", other_code)
      .add(unit_b, "2024-06-04", 1'000'000, "丙公司", other_code)            // together under 50,000
      .add(unit_b, "2024-07-01", 6'000'000, "丁公司", "91650104MA7AB1234Y")
      .add(unit_b, "2024-07-02", 100'000, "丁公司", "91650104MA7AB1234Y");   // one payment over it
  EXPECT_TRUE(find_split_payments(rows.input(), config().split_payments).findings.empty());
}

// ---- 3. round amounts --------------------------------------------------------

TEST(RoundAmountsTest, AUnitPayingWholeThousandsFarAboveTheExpectedShareIsFound) {
  Rows rows;
  for (int index = 0; index < 8; ++index) rows.add(unit_a, "2024-05-06", 234'567 + index * 10'001, "甲公司");
  for (const std::int64_t yuan : {20'000, 15'000, 12'000, 10'000, 8'000}) rows.add(unit_a, "2024-06-06", yuan * 100, "乙公司", other_code);
  const auto outcome = find_round_amounts(rows.input(), config().round_amounts);
  ASSERT_EQ(outcome.findings.size(), 1u);
  EXPECT_EQ(outcome.findings[0].item_count, 5u);
  EXPECT_EQ(outcome.findings[0].score, 30 + 38 - 20);  // 5 of 13 = 38 %
  EXPECT_NE(outcome.findings[0].detail.find("整万 2 笔"), std::string::npos) << outcome.findings[0].detail;
}

TEST(RoundAmountsTest, ControlFewRoundAmountsOrTooFewRowsAreClean) {
  Rows rows;
  for (int index = 0; index < 12; ++index) rows.add(unit_a, "2024-05-06", 234'567 + index * 10'001, "甲公司");
  rows.add(unit_a, "2024-06-06", 1'000'000, "乙公司", other_code);  // 1 of 13
  for (int index = 0; index < 5; ++index) rows.add(unit_b, "2024-06-06", 500'000, "丙公司");  // all round, 5 rows
  EXPECT_TRUE(find_round_amounts(rows.input(), config().round_amounts).findings.empty());
}

// ---- 4. rest days ------------------------------------------------------------

TEST(RestDaysTest, PaymentsDuringNationalDayAreFoundWithTheHolidayNamed) {
  Rows rows;
  rows.add(unit_a, "2024-10-01", 360'000, "甲公司").add(unit_a, "2024-10-03", 420'000, "甲公司").add(unit_a, "2024-10-05", 290'000, "甲公司");
  const auto outcome = find_rest_day_spending(rows.input(), config().rest_days, HolidayCalendar::embedded());
  ASSERT_EQ(outcome.findings.size(), 1u);
  EXPECT_EQ(outcome.findings[0].item_count, 3u);
  EXPECT_EQ(outcome.findings[0].evidence[0].note.substr(0, 9), "国庆节");
  EXPECT_EQ(outcome.findings[0].score, 25 + 12 + 20);
}

TEST(RestDaysTest, ControlMakeUpWorkingWeekendsAndWeekdaysAreClean) {
  Rows rows;
  rows.add(unit_a, "2024-09-29", 360'000, "甲公司")   // Sunday, 调休上班
      .add(unit_a, "2024-10-12", 420'000, "甲公司")   // Saturday, 调休上班
      .add(unit_a, "2024-02-04", 290'000, "甲公司")   // Sunday, 调休上班
      .add(unit_a, "2024-10-08", 290'000, "甲公司");  // Tuesday after the holiday
  EXPECT_TRUE(find_rest_day_spending(rows.input(), config().rest_days, HolidayCalendar::embedded()).findings.empty());
}

// ---- 5. spikes ---------------------------------------------------------------

TEST(SpendingSpikesTest, MostOfAShareSpentInDecemberIsFound) {
  Rows rows;
  for (const char* date : {"2024-03-05", "2024-05-06", "2024-07-08"}) rows.add(unit_a, date, 500'000, "甲公司");
  for (const char* date : {"2024-12-10", "2024-12-20"}) rows.add(unit_a, date, 3'000'000, "乙公司", other_code);
  const auto outcome = find_spending_spikes(rows.input(), config().spending_spikes);
  ASSERT_EQ(outcome.findings.size(), 1u);
  EXPECT_EQ(outcome.findings[0].amount, Money::from_yuan(60'000));
  EXPECT_EQ(outcome.findings[0].score, 40 + 80 - 40);  // 80 % in December
}

TEST(SpendingSpikesTest, SpendingJustBeforeAReviewIsFound) {
  Rows rows;
  auto& input = rows.input();
  input.deadlines["A1"] = {{day("2024-09-30"), "绩效评估 2024-09-30"}};
  for (const char* date : {"2024-02-05", "2024-04-08"}) rows.add(unit_a, date, 500'000, "甲公司");
  rows.add(unit_a, "2024-09-20", 4'000'000, "乙公司", other_code);
  const auto outcome = find_spending_spikes(rows.input(), config().spending_spikes);
  ASSERT_EQ(outcome.findings.size(), 1u);
  EXPECT_EQ(outcome.findings[0].pattern, "评估或报告节点前突击支出");
}

TEST(SpendingSpikesTest, TheDeadlineWindowIsThirtyDaysEndingOnTheDeadline) {
  for (const auto& [date, found] : {std::pair{"2024-09-01", true}, std::pair{"2024-08-31", false}}) {
    Rows rows;
    auto& input = rows.input();
    input.deadlines["A1"] = {{day("2024-09-30"), "绩效评估 2024-09-30"}};
    rows.add(unit_a, "2024-02-05", 500'000, "甲公司").add(unit_a, date, 4'000'000, "乙公司", other_code);
    EXPECT_EQ(find_spending_spikes(rows.input(), config().spending_spikes).findings.size(), found ? 1u : 0u) << date;
  }
}

TEST(SpendingSpikesTest, TheShareIsOfTheYearNotOfHowWideThePeriodIsSelected) {
  Rows rows;
  for (const char* date : {"2024-03-05", "2024-05-06", "2024-07-08", "2024-09-09"}) rows.add(unit_a, date, 2'000'000, "甲公司");
  rows.add(unit_a, "2024-12-10", 1'000'000, "乙公司", other_code);  // 11 % of the year
  auto& input = rows.input();
  input.selection.from = day("2024-12-01");  // December alone: still 11 % of the year, not 100 %
  EXPECT_TRUE(find_spending_spikes(rows.input(), config().spending_spikes).findings.empty());
}

TEST(SpendingSpikesTest, ControlEvenSpendingAndAShareOnlyPaidInNovemberAreClean) {
  Rows rows;
  for (unsigned month = 1; month <= 12; ++month) {
    const std::string date = Date::from_parts(2024, month, 10).to_string();
    rows.add(unit_a, date.c_str(), 500'000, "甲公司");
  }
  rows.add(unit_b, "2024-12-10", 5'000'000, "乙公司", other_code);  // paid in November: nothing to hoard
  auto& input = rows.input();
  input.shares.push_back({"A1", unit_b, day("2024-11-20"), Money::from_yuan(100'000), Money::from_yuan(50'000), false});
  EXPECT_TRUE(find_spending_spikes(input, config().spending_spikes).findings.empty());
}

// ---- 6. concentration --------------------------------------------------------

TEST(PayeeConcentrationTest, AnAwardPaidMostlyToOnePayeeIsFoundWithItsIndex) {
  Rows rows;
  for (int index = 0; index < 9; ++index) rows.add(unit_a, "2024-05-06", 1'000'000, "甲公司");
  rows.add(unit_a, "2024-05-07", 1'000'000, "乙公司", other_code);
  const auto outcome = find_payee_concentration(rows.input(), config().payee_concentration);
  ASSERT_EQ(outcome.findings.size(), 1u);
  EXPECT_NE(outcome.findings[0].detail.find("HHI 8200"), std::string::npos) << outcome.findings[0].detail;  // 90² + 10²
  EXPECT_NE(outcome.findings[0].detail.find("占 90%"), std::string::npos);
}

TEST(PayeeConcentrationTest, ControlSpendingSpreadOverManyPayeesIsClean) {
  Rows rows;
  const char* codes[] = {"91500222MA60ABCD15", "91610131MA6W8K2P36", "91650102MA79XYH015", "91500110MA61QQ7R2K",
                         "91610113MA6UJ8PD4F", "91650104MA7AB1234Y", "91500222MA61LL9X52", "91610104MA6TT5R56D"};
  for (int index = 0; index < 16; ++index) rows.add(unit_a, "2024-05-06", 1'000'000, "某公司", codes[index % 8]);
  EXPECT_TRUE(find_payee_concentration(rows.input(), config().payee_concentration).findings.empty());
}

// ---- 7. Benford --------------------------------------------------------------

// Amounts spread evenly on a log scale follow Benford's law exactly in the
// limit; rounding to the fen keeps them close. Test data, not money.
std::int64_t log_uniform_fen(int index, int count) {
  return static_cast<std::int64_t>(std::llround(std::pow(10.0, 3.0 + 4.0 * (index + 0.5) / count)));
}

TEST(BenfordTest, InventedAmountsCrowdingOnHighDigitsAreFoundWithTheDigitsNamed) {
  Rows rows;
  for (int index = 0; index < 400; ++index) rows.add(unit_a, "2024-05-06", (5 + index % 5) * 100'000 + index * 7, "甲公司");
  const auto result = run_benford_test(rows.input(), config().benford);
  ASSERT_EQ(result.outcome.findings.size(), 1u);  // one unit: 全部 is the same rows, tabled but not reported twice
  ASSERT_EQ(result.scopes.size(), 2u);
  const auto& scope = result.scopes.front();
  EXPECT_TRUE(scope.tested);
  EXPECT_EQ(scope.conformity, "不符合");
  EXPECT_EQ(scope.digits_over, (std::vector<int>{5, 6, 7, 8, 9}));
  EXPECT_EQ(scope.digits_under.front(), 1);
}

TEST(BenfordTest, ControlAmountsThatFollowTheLawConformAndSmallSamplesAreNotTested) {
  Rows rows;
  for (int index = 0; index < 1000; ++index) rows.add(unit_a, "2024-05-06", log_uniform_fen(index, 1000), "甲公司");
  for (int index = 0; index < 50; ++index) rows.add(unit_b, "2024-05-06", 900'000 + index, "乙公司");
  const auto result = run_benford_test(rows.input(), config().benford);
  ASSERT_EQ(result.scopes.size(), 3u);
  EXPECT_EQ(result.scopes[0].scope, unit_b);  // units in id order: 5… before 9…
  EXPECT_FALSE(result.scopes[0].tested);       // 50 rows: says so instead of testing
  EXPECT_TRUE(result.scopes[1].tested);
  EXPECT_EQ(result.scopes[1].conformity, "高度符合");
  EXPECT_LE(result.scopes[1].mad_millionths, 6'000);
  for (const auto& finding : result.outcome.findings) EXPECT_NE(finding.units, std::vector<std::string>{unit_a});
  EXPECT_NE(result.outcome.note.find("不足 300 笔"), std::string::npos);
}

// ---- 8. related parties ------------------------------------------------------

TEST(RelatedPartiesTest, PaymentsToTheUnitItselfItsLegalRepresentativeAndACoLeadAreFound) {
  Rows rows;
  auto& input = rows.input();
  input.units[unit_a].people.push_back({unit_a, "李建国", Relation::legal_representative});
  rows.add(unit_a, "2024-05-06", 880'000, "李 建国", "")
      .add(unit_a, "2024-05-07", 100'000, "自己的账户", unit_a)
      .add(unit_a, "2024-05-08", 100'000, "重庆綦江劳务开发有限责任公司", "")
      .add(unit_a, "2024-05-09", 100'000, "綦江区家政服务行业协会", unit_b);
  const auto outcome = find_related_parties(rows.input(), config().near_duplicate_payees);
  std::vector<int> scores;
  for (const auto& finding : outcome.findings) scores.push_back(finding.score);
  std::sort(scores.begin(), scores.end());
  EXPECT_EQ(scores, (std::vector<int>{65, 85, 90, 90}));
}

TEST(RelatedPartiesTest, APersonRegisteredTwiceCountsUnderTheStrongerRelation) {
  Rows rows;
  auto& input = rows.input();
  input.units[unit_a].people.push_back({unit_a, "王芳", Relation::staff});
  input.units[unit_a].people.push_back({unit_a, "王芳", Relation::legal_representative});
  rows.add(unit_a, "2024-05-06", 880'000, "王芳", "");
  const auto outcome = find_related_parties(rows.input(), config().near_duplicate_payees);
  ASSERT_EQ(outcome.findings.size(), 1u);
  EXPECT_EQ(outcome.findings[0].score, 90);
}

TEST(RelatedPartiesTest, ControlUnrelatedSuppliersAndUnregisteredPeopleAreClean) {
  Rows rows;
  auto& input = rows.input();
  input.units[unit_a].people.push_back({unit_a, "李建国", Relation::legal_representative});
  rows.add(unit_a, "2024-05-06", 880'000, "李建军", "").add(unit_a, "2024-05-07", 100'000, "甲公司", supplier_code);
  EXPECT_TRUE(find_related_parties(rows.input(), config().near_duplicate_payees).findings.empty());
}

// ---- 9. idle funds -----------------------------------------------------------

TEST(IdleFundsTest, AShareBarelySpentAYearAfterPaymentIsFound) {
  Rows rows;
  auto& input = rows.input();
  input.shares.push_back({"A1", unit_a, day("2023-12-15"), Money::from_yuan(200'000), Money::from_yuan(12'000), false});
  const auto outcome = find_idle_funds(input, config().idle_funds);
  ASSERT_EQ(outcome.findings.size(), 1u);
  EXPECT_EQ(outcome.findings[0].amount, Money::from_yuan(188'000));
  EXPECT_EQ(outcome.findings[0].score, 40 + 0 + 12);
}

TEST(IdleFundsTest, ControlRecentPaymentsWellSpentSharesAndRevokedAwardsAreClean) {
  Rows rows;
  auto& input = rows.input();
  input.shares.push_back({"A1", unit_a, day("2024-03-01"), Money::from_yuan(200'000), Money(), false});   // 9 months
  input.shares.push_back({"A1", unit_b, day("2023-06-01"), Money::from_yuan(100'000), Money::from_yuan(30'000), false});  // exactly 30 %
  input.shares.push_back({"A2", unit_a, day("2023-01-01"), Money::from_yuan(100'000), Money(), true});   // revoked
  EXPECT_TRUE(find_idle_funds(input, config().idle_funds).findings.empty());
}

// ---- the run -----------------------------------------------------------------

TEST(AnalyticsRunTest, FindingsAreRankedByScoreThenAmountAndEveryAnalysisIsAccountedFor) {
  Rows rows;
  rows.add(unit_a, "2024-11-04", 1'860'000, "重庆巴渝文化传播有限公司")
      .add(unit_a, "2024-11-06", 1'920'000, "重庆巴渝文化传播有限公司")
      .add(unit_a, "2024-11-08", 1'790'000, "重庆巴渝文化传播有限公司")
      .add(unit_b, "2024-05-06", 500'000, "某公司", other_code, "E:24500000000000000001")
      .add(unit_a, "2024-06-06", 410'000, "某公司", supplier_code, "E:24500000000000000001");
  const auto result = run_analytics(rows.input(), config(), HolidayCalendar::embedded());
  ASSERT_EQ(result.runs.size(), analysis_count);
  ASSERT_GE(result.findings.size(), 2u);
  EXPECT_EQ(result.findings[0].analysis, Analysis::duplicate_invoices);
  EXPECT_EQ(result.findings[0].rank, 1u);
  for (std::size_t index = 1; index < result.findings.size(); ++index) {
    EXPECT_GE(result.findings[index - 1].score, result.findings[index].score);
    EXPECT_EQ(result.findings[index].rank, index + 1);
  }
  auto disabled = AnalyticsConfig::overlay("[duplicate_invoices]\nenabled = false\n", "test.toml");
  ASSERT_TRUE(disabled.ok());
  const auto without = run_analytics(rows.input(), disabled.value(), HolidayCalendar::embedded());
  EXPECT_FALSE(without.runs[0].enabled);
  EXPECT_TRUE(std::none_of(without.findings.begin(), without.findings.end(),
                           [](const AnalyticsFinding& finding) { return finding.analysis == Analysis::duplicate_invoices; }));
}

}  // namespace
}  // namespace jiangbu

// Bank statements and the 银行存款余额调节表 of a unit's dedicated account, on
// both backends: each unmatched item lands in its column, the balances are
// exact to the fen and agree once adjusted; statements are read whole or not
// at all, and importing one again (or its GBK copy) changes nothing.
#include <iconv.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <map>
#include <variant>

#include <gtest/gtest.h>

#include "award/award.hpp"
#include "bank/bank_reconciliation.hpp"
#include "bank/bank_reconciliation_document.hpp"
#include "bank/bank_statement.hpp"
#include "expenditure/expenditure.hpp"
#include "ledger/journal.hpp"
#include "money/money_parse.hpp"
#include "registry/brands.hpp"
#include "registry/units.hpp"
#include "support/test_database.hpp"
#include "support/scratch_directory.hpp"

namespace jiangbu {
namespace {

using testing::StoreTest;

Date day(const char* text) { return Date::parse(text).value(); }
Money amount(const char* text) { return parse_money(text, SignPolicy::allow_negative).value(); }

const std::string unit_id = "91610000MA6TG12349";
const std::string payee = "91650102MA78QR012B";

std::string write_file(const std::string& name, std::string_view bytes) {
  static const testing::ScratchDirectory directory("bank");
  static std::atomic<int> counter{0};
  const auto path = directory.path() / (std::to_string(counter++) + "-" + name);
  std::ofstream stream(path, std::ios::binary);
  stream.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  return path.string();
}

// UTF-8 -> GBK, as Excel on Chinese Windows saves "CSV (逗号分隔)".
std::string to_gbk(std::string_view utf8) {
  iconv_t descriptor = iconv_open("GBK", "UTF-8");
  EXPECT_NE(descriptor, reinterpret_cast<iconv_t>(static_cast<std::intptr_t>(-1)));
  std::string output(utf8.size() * 2 + 16, '\0');
  char* input = const_cast<char*>(utf8.data());
  std::size_t input_left = utf8.size();
  char* cursor = output.data();
  std::size_t output_left = output.size();
  EXPECT_NE(iconv(descriptor, &input, &input_left, &cursor, &output_left), static_cast<std::size_t>(-1));
  iconv_close(descriptor);
  output.resize(output.size() - output_left);
  return output;
}

// The bank's side of the scenario below: the award received (quoting the
// bureau's payment reference), E1 quoting its external id, E2 the same day,
// E3 two days later, a fee and interest the book has not recorded, E5/E6 of
// equal amounts on neighbouring days, and E4 cleared only after 2024-09-30.
// E4 itself is what the bank has not paid by then.
constexpr std::string_view statement_csv =
    "交易日期,交易金额,收支方向,对方户名,摘要,交易流水号,余额\n"
    "2024-07-15,200000.00,收,西咸新区人力资源和社会保障局,劳务品牌奖补,ZF-0001,200000.00\n"
    "2024-08-01,\"1,000.00\",支,西安某广告有限公司,宣传品,E1,199000.00\n"
    "2024-08-10,2500.00,支,西安某广告有限公司,展位费,,196500.00\n"
    "2024-08-22,3000.00,支,西安某广告有限公司,宣传片,,193500.00\n"
    "2024-08-31,15.00,支,,手续费,,193485.00\n"
    "2024/9/11,500.00,借,西安某广告有限公司,海报,,192985.00\n"
    "20240912,500.00,debit,西安某广告有限公司,海报,,192485.00\n"
    "2024-09-21,12.34,贷,,利息,,192497.34\n"
    "2024-10-02 10:22:33,4000.00,支,西安某广告有限公司,交流展示,,188497.34\n";

// The same transactions as 收入金额 / 支出金额, the other side blank or 0.00.
constexpr std::string_view two_column_csv =
    "日期,收入金额,支出金额,对方户名,摘要,流水号\n"
    "2024-07-15,200000.00,,西咸新区人力资源和社会保障局,劳务品牌奖补,ZF-0001\n"
    "2024-08-01,0.00,\"1,000.00\",西安某广告有限公司,宣传品,E1\n"
    "2024-08-10,,2500.00,西安某广告有限公司,展位费,\n"
    "2024-08-22,,3000.00,西安某广告有限公司,宣传片,\n"
    "2024-08-31,-,15.00,,手续费,\n"
    "2024-09-11,,500.00,西安某广告有限公司,海报,\n"
    "2024-09-12,,500.00,西安某广告有限公司,海报,\n"
    "2024-09-21,12.34,0,,利息,\n"
    "2024-10-02,,4000.00,西安某广告有限公司,交流展示,\n";

class BankReconciliationTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    ASSERT_TRUE(add_unit(database(), {unit_id, "陕西秦嫂家政服务有限公司", "enterprise", "gross", ""}).ok());
    ASSERT_TRUE(add_brand(database(), {"xx", "西咸秦嫂", BrandCategory::livelihood, false}).ok());
    ASSERT_TRUE(add_recognition(database(), {"rx", "xx", Tier::municipal, "xixian-2024", day("2024-06-18"), "文号",
                                             {unit_id}}).ok());
    ASSERT_TRUE(grant_award(database(), {"XX", "rx", day("2024-07-01"), "西咸社发", {}, {}}).ok());
    ASSERT_TRUE(pay_award(database(), {"XX", unit_id, std::nullopt, day("2024-07-15"), "1011", "ZF-0001"}).ok());
    spend("E1", "2024-08-01", "1000.00");
    spend("E2", "2024-08-10", "2500.00");
    spend("E3", "2024-08-20", "3000.00");
    spend("E4", "2024-09-28", "4000.00");
    spend("E5", "2024-09-10", "500.00");
    spend("E6", "2024-09-12", "500.00");
    // Recorded by mistake and reversed: the pair cancels and the bank never saw it.
    const std::int64_t mistaken = spend("E7", "2024-09-15", "700.00");
    ASSERT_TRUE(reverse_expenditure(database(), mistaken, day("2024-09-16"), "重复录入").ok());
  }

  std::int64_t spend(const std::string& external_id, const std::string& date, const std::string& text) {
    ++invoice_serial_;
    RecordOptions options;
    options.today = day("2024-12-31");
    options.source = "test";
    const Verdict verdict = record_expenditure(
        database(),
        {external_id, "XX", unit_id, date, text, "宣传推介", "银行转账", "西安某广告有限公司", payee, "",
         "246120000000" + std::to_string(10'000'000 + invoice_serial_), "宣传推介 " + external_id},
        options);
    EXPECT_EQ(verdict.status, VerdictStatus::accepted) << external_id << " " << verdict.reason_codes();
    return verdict.record_id;
  }

  std::string voucher_of(const std::string& external_id) {
    for (const auto& record : list_expenditures(database(), "XX", unit_id, 100)) {
      if (record.external_id == external_id) return Journal(database()).find(record.entry_id)->voucher_number;
    }
    ADD_FAILURE() << "no expenditure " << external_id;
    return {};
  }

  Result<BankStatement> import(std::string_view content, const Money& opening = Money()) {
    return import_bank_statement(database(), unit_id, std::string(dedicated_bank_account),
                                 write_file("statement.csv", content), opening);
  }

  BankReconciliation reconcile(const char* as_of) {
    auto report = reconcile_bank_account(database(), {unit_id, std::string(dedicated_bank_account), day(as_of), 5});
    EXPECT_TRUE(report.ok()) << report.error().describe();
    return report.value();
  }

  long long count_rows(const std::string& table) {
    long long count = 0;
    database().session() << "SELECT count(*) FROM " + table, soci::into(count);
    return count;
  }

  int invoice_serial_ = 0;
};

TEST_F(BankReconciliationTest, EachUnmatchedItemLandsInItsColumnAndTheAdjustedBalancesAgree) {
  ASSERT_TRUE(import(statement_csv).ok());
  const BankReconciliation report = reconcile("2024-09-30");

  // Book: 200,000 received, 11,500 spent (E7 and its reversal cancel).
  EXPECT_EQ(report.book_balance, amount("188500.00"));
  // Bank: 200,000 + 12.34 interest − 7,515 paid; the 4,000 of 2024-10-02 is later.
  EXPECT_EQ(report.bank_in_total, amount("200012.34"));
  EXPECT_EQ(report.bank_out_total, amount("7515.00"));
  EXPECT_EQ(report.bank_balance(), amount("192497.34"));
  EXPECT_EQ(report.reversed_postings_left_out, 2u);

  ASSERT_EQ(report.bank_in_not_in_book.size(), 1u);  // 银行已收企业未收: the interest
  EXPECT_EQ(report.bank_in_not_in_book[0].amount, amount("12.34"));
  EXPECT_EQ(report.bank_in_not_in_book[0].date, day("2024-09-21"));
  EXPECT_EQ(report.bank_in_not_in_book[0].reference, "利息");
  ASSERT_EQ(report.bank_out_not_in_book.size(), 1u);  // 银行已付企业未付: the fee
  EXPECT_EQ(report.bank_out_not_in_book[0].amount, amount("15.00"));
  EXPECT_EQ(report.bank_out_not_in_book[0].date, day("2024-08-31"));
  EXPECT_TRUE(report.book_in_not_in_bank.empty());  // 企业已收银行未收
  ASSERT_EQ(report.book_out_not_in_bank.size(), 1u);  // 企业已付银行未付: E4
  EXPECT_EQ(report.book_out_not_in_bank[0].amount, amount("4000.00"));
  EXPECT_EQ(report.book_out_not_in_bank[0].date, day("2024-09-28"));
  EXPECT_EQ(report.book_out_not_in_bank[0].reference, voucher_of("E4"));

  EXPECT_EQ(report.adjusted_book_balance(), amount("188497.34"));
  EXPECT_EQ(report.adjusted_bank_balance(), amount("188497.34"));
  EXPECT_TRUE(report.agrees());
  EXPECT_EQ(report.gap(), Money());

  // Receipt and E1 by reference, E2 and E6 the same day, E3 and E5 by the nearest date.
  ASSERT_EQ(report.matches.size(), 6u);
  std::map<std::string, std::pair<MatchRule, int>> by_voucher;
  for (const auto& match : report.matches) by_voucher[match.voucher_number] = {match.rule, match.days_apart};
  EXPECT_EQ(by_voucher.at(voucher_of("E1")), std::pair(MatchRule::reference, 0));
  EXPECT_EQ(by_voucher.at(voucher_of("E2")), std::pair(MatchRule::same_date, 0));
  EXPECT_EQ(by_voucher.at(voucher_of("E3")), std::pair(MatchRule::nearest_date, 2));
  EXPECT_EQ(by_voucher.at(voucher_of("E5")), std::pair(MatchRule::nearest_date, 1));
  EXPECT_EQ(by_voucher.at(voucher_of("E6")), std::pair(MatchRule::same_date, 0));
  EXPECT_EQ(by_voucher.count(voucher_of("E4")), 0u);
  const auto shifted = report.date_shifted_matches();
  ASSERT_EQ(shifted.size(), 2u);
  EXPECT_EQ(shifted[0].voucher_number, voucher_of("E3"));
  EXPECT_EQ(shifted[0].days_apart, 2);
  EXPECT_EQ(shifted[0].bank_date, day("2024-08-22"));
}

TEST_F(BankReconciliationTest, TheDocumentLaysOutBothSidesAndTheUnmatchedItems) {
  ASSERT_TRUE(import(statement_csv).ok());
  const ReportDocument document = bank_reconciliation_document(reconcile("2024-09-30"));
  EXPECT_EQ(document.title, "银行存款余额调节表");
  const ReportTable* summary = document.find_table("summary");
  ASSERT_NE(summary, nullptr);
  ASSERT_EQ(summary->rows.size(), 3u);
  EXPECT_EQ(summary->rows[0], (std::vector<std::string>{"企业银行存款日记账余额", "188500.00", "银行对账单余额", "192497.34"}));
  EXPECT_EQ(summary->rows[1][1], "12.34");
  EXPECT_EQ(summary->rows[1][3], "0.00");
  EXPECT_EQ(summary->rows[2][1], "15.00");
  EXPECT_EQ(summary->rows[2][3], "4000.00");
  EXPECT_EQ(summary->total_row, (std::vector<std::string>{"调节后余额", "188497.34", "调节后余额", "188497.34"}));
  EXPECT_EQ(document.find_table("bank_in_not_in_book")->rows.size(), 1u);
  EXPECT_EQ(document.find_table("bank_out_not_in_book")->rows.size(), 1u);
  EXPECT_TRUE(document.find_table("book_in_not_in_bank")->rows.empty());
  const ReportTable* unpaid = document.find_table("book_out_not_in_bank");
  ASSERT_EQ(unpaid->rows.size(), 1u);
  EXPECT_EQ(unpaid->rows[0][0], "2024-09-28");
  EXPECT_EQ(unpaid->rows[0][3], "4000.00");
  const ReportTable* shifted = document.find_table("date_shifted_matches");
  ASSERT_EQ(shifted->rows.size(), 2u);
  EXPECT_EQ(shifted->rows[0][3], "2");
  bool says_agree = false;
  for (const auto& block : document.sections[0].blocks) {
    if (const auto* paragraph = std::get_if<Paragraph>(&block)) {
      says_agree = says_agree || paragraph->text.find("调节后余额相符") != std::string::npos;
    }
  }
  EXPECT_TRUE(says_agree);
}

TEST_F(BankReconciliationTest, ALineAfterTheDateIsNotCountedUntilTheDateMovesPastIt) {
  ASSERT_TRUE(import(statement_csv).ok());
  EXPECT_EQ(reconcile("2024-09-30").bank_out_total, amount("7515.00"));
  const BankReconciliation october = reconcile("2024-10-31");
  EXPECT_EQ(october.bank_out_total, amount("11515.00"));
  EXPECT_TRUE(october.book_out_not_in_bank.empty());  // E4 has cleared, 4 days after the book
  EXPECT_EQ(october.bank_balance(), amount("188497.34"));
  EXPECT_TRUE(october.agrees());
  ASSERT_EQ(october.date_shifted_matches().size(), 3u);
  EXPECT_EQ(october.date_shifted_matches()[2].days_apart, 4);
  // Before the award arrived nothing is outstanding at all.
  const BankReconciliation july = reconcile("2024-07-14");
  EXPECT_EQ(july.book_balance, Money());
  EXPECT_EQ(july.bank_balance(), Money());
  EXPECT_TRUE(july.matches.empty());
}

TEST_F(BankReconciliationTest, AGapIsReportedWhenTheBankDisagrees) {
  // An opening balance the book never had: 100.00 that nothing explains.
  ASSERT_TRUE(import(statement_csv, amount("100.00")).ok());
  const BankReconciliation report = reconcile("2024-09-30");
  EXPECT_FALSE(report.agrees());
  EXPECT_EQ(report.gap(), -amount("100.00"));
  const ReportDocument document = bank_reconciliation_document(report);
  const auto& blocks = document.sections[0].blocks;
  const auto* paragraph = std::get_if<Paragraph>(&blocks[1]);
  ASSERT_NE(paragraph, nullptr);
  EXPECT_NE(paragraph->text.find("差额 -100.00"), std::string::npos) << paragraph->text;
}

TEST_F(BankReconciliationTest, ImportingTheSameStatementAgainIsAReplay) {
  const auto first = import(statement_csv);
  ASSERT_TRUE(first.ok()) << first.error().describe();
  EXPECT_FALSE(first.value().replayed);
  EXPECT_EQ(first.value().row_count, 9u);
  EXPECT_EQ(first.value().new_line_count, 9u);
  EXPECT_EQ(first.value().first_date, day("2024-07-15"));
  EXPECT_EQ(first.value().last_date, day("2024-10-02"));
  const auto again = import(statement_csv);
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again.value().replayed);
  EXPECT_EQ(again.value().statement_id, first.value().statement_id);
  EXPECT_EQ(count_rows("bank_statements"), 1);
  EXPECT_EQ(count_rows("bank_statement_lines"), 9);
  // The same statement with another opening balance is a contradiction, not a replay.
  const auto contradicting = import(statement_csv, amount("1.00"));
  ASSERT_FALSE(contradicting.ok());
  EXPECT_EQ(contradicting.error().field, "opening-balance");
  EXPECT_EQ(count_rows("bank_statements"), 1);
}

TEST_F(BankReconciliationTest, AnOverlappingStatementAddsOnlyTheLinesNotSeenYet) {
  ASSERT_TRUE(import(statement_csv).ok());
  // September to October again, plus a second 15.00 fee on 2024-08-31 that is
  // genuinely another transaction, and a new October line.
  const std::string overlapping =
      "交易日期,交易金额,收支方向,对方户名,摘要,交易流水号\n"
      "2024-08-31,15.00,支,,手续费,\n"
      "2024-08-31,15.00,支,,手续费,\n"
      "2024-09-11,500.00,支,西安某广告有限公司,海报,\n"
      "2024-09-12,500.00,支,西安某广告有限公司,海报,\n"
      "2024-09-21,12.34,收,,利息,\n"
      "2024-10-02,4000.00,支,西安某广告有限公司,交流展示,\n"
      "2024-10-08,20.00,支,,手续费,\n";
  const auto second = import(overlapping);
  ASSERT_TRUE(second.ok()) << second.error().describe();
  EXPECT_FALSE(second.value().replayed);
  EXPECT_EQ(second.value().row_count, 7u);
  EXPECT_EQ(second.value().new_line_count, 2u);  // the second fee of 08-31 and the fee of 10-08
  EXPECT_EQ(count_rows("bank_statement_lines"), 11);
  const BankReconciliation report = reconcile("2024-10-31");
  EXPECT_EQ(report.bank_out_total, amount("11550.00"));
  EXPECT_EQ(report.bank_out_not_in_book.size(), 3u);
  EXPECT_TRUE(report.agrees());
}

TEST_F(BankReconciliationTest, ABadRowRefusesTheWholeFileAndStoresNothing) {
  const std::string bad =
      "交易日期,交易金额,收支方向,对方户名,摘要\n"
      "2024-07-15,200000.00,收,西咸新区人社局,奖补\n"
      "2024-13-01,100.00,支,某公司,宣传\n"
      "2024-08-02,12.345,支,某公司,宣传\n"
      "2024-08-03,100.00,转,某公司,宣传\n"
      "2024-08-04,100.00,支,某公司,宣传\n";
  const auto refused = import(bad);
  ASSERT_FALSE(refused.ok());
  const Error& error = refused.error();
  EXPECT_EQ(error.code, "bad-statement-row");
  EXPECT_NE(error.message.find("3 bad rows, nothing imported"), std::string::npos) << error.message;
  EXPECT_NE(error.message.find("row 3: date (交易日期): '2024-13-01'"), std::string::npos) << error.message;
  EXPECT_NE(error.message.find("row 4: amount (交易金额): '12.345'"), std::string::npos) << error.message;
  EXPECT_NE(error.message.find("row 5: direction (收支方向): '转'"), std::string::npos) << error.message;
  EXPECT_EQ(error.message.find("row 2:"), std::string::npos) << error.message;
  EXPECT_EQ(error.message.find("row 6:"), std::string::npos) << error.message;
  EXPECT_EQ(count_rows("bank_statements"), 0);
  EXPECT_EQ(count_rows("bank_statement_lines"), 0);

  const auto both_sides = import("日期,收入金额,支出金额\n2024-07-15,1.00,2.00\n2024-07-16,,\n");
  ASSERT_FALSE(both_sides.ok());
  EXPECT_NE(both_sides.error().message.find("row 2: amount_out (支出金额): both"), std::string::npos)
      << both_sides.error().message;
  EXPECT_NE(both_sides.error().message.find("row 3: amount_in (收入金额): neither"), std::string::npos)
      << both_sides.error().message;
  const auto no_direction = import("交易日期,金额\n2024-07-15,1.00\n");
  ASSERT_FALSE(no_direction.ok());
  EXPECT_EQ(no_direction.error().code, "bad-header");
  const auto unknown_column = import("交易日期,金额,收支方向,对方户名称\n2024-07-15,1.00,收,某\n");
  ASSERT_FALSE(unknown_column.ok());
  EXPECT_EQ(unknown_column.error().code, "bad-header");
  EXPECT_EQ(count_rows("bank_statements"), 0);
}

TEST_F(BankReconciliationTest, AGbkStatementImportsAndItsUtf8CopyReplaysIt) {
  const auto gbk = import(to_gbk(statement_csv));
  ASSERT_TRUE(gbk.ok()) << gbk.error().describe();
  EXPECT_EQ(gbk.value().encoding, "gb18030");
  EXPECT_EQ(gbk.value().new_line_count, 9u);
  const BankReconciliation report = reconcile("2024-09-30");
  ASSERT_EQ(report.bank_out_not_in_book.size(), 1u);
  EXPECT_EQ(report.bank_out_not_in_book[0].reference, "手续费");
  EXPECT_EQ(report.bank_in_not_in_book[0].description, "");
  EXPECT_TRUE(report.agrees());
  const auto utf8 = import(statement_csv);
  ASSERT_TRUE(utf8.ok());
  EXPECT_TRUE(utf8.value().replayed);
  EXPECT_EQ(utf8.value().statement_id, gbk.value().statement_id);
}

TEST_F(BankReconciliationTest, TheTwoColumnFormReconcilesLikeTheDirectionColumn) {
  const auto imported = import(two_column_csv);
  ASSERT_TRUE(imported.ok()) << imported.error().describe();
  EXPECT_EQ(imported.value().row_count, 9u);
  const BankReconciliation report = reconcile("2024-09-30");
  EXPECT_EQ(report.bank_balance(), amount("192497.34"));
  EXPECT_EQ(report.bank_in_not_in_book.size(), 1u);
  EXPECT_EQ(report.bank_out_not_in_book.size(), 1u);
  EXPECT_EQ(report.book_out_not_in_bank.size(), 1u);
  EXPECT_EQ(report.matches.size(), 6u);
  EXPECT_TRUE(report.agrees());
}

TEST_F(BankReconciliationTest, StatementsAreAppendOnlyInTheDatabase) {
  ASSERT_TRUE(import(statement_csv).ok());
  auto connection = test_database().connect();
  const auto raw_sql_error = [&](const std::string& sql) {
    try {
      connection->execute_script(sql);
    } catch (const soci::soci_error& failure) {
      return std::string(failure.what());
    }
    return std::string();
  };
  std::vector<std::string> statements = {
      "UPDATE bank_statement_lines SET amount_fen = 1", "DELETE FROM bank_statement_lines",
      "UPDATE bank_statements SET opening_balance_fen = 1", "DELETE FROM bank_statements"};
  if (database().backend() == Backend::postgresql) statements.emplace_back("TRUNCATE bank_statement_lines, bank_statements");
  for (const auto& sql : statements) {
    const std::string error = raw_sql_error(sql);
    EXPECT_NE(error.find("append-only"), std::string::npos) << sql << ": " << error;
  }
  EXPECT_EQ(count_rows("bank_statement_lines"), 9);
  EXPECT_EQ(count_rows("bank_statements"), 1);
}

TEST_F(BankReconciliationTest, UnknownUnitsAndAccountsAreRefused) {
  EXPECT_EQ(import_bank_statement(database(), "91350100M000100Y43", "1002/奖补专户", write_file("x.csv", statement_csv),
                                  Money())
                .error()
                .code,
            "unknown-unit");
  EXPECT_EQ(import_bank_statement(database(), unit_id, "2401/XX", write_file("x.csv", statement_csv), Money())
                .error()
                .code,
            "bad-account-code");
  EXPECT_EQ(import_bank_statement(database(), unit_id, "1002/基本户", write_file("x.csv", statement_csv), Money())
                .error()
                .code,
            "unknown-account");
  EXPECT_EQ(reconcile_bank_account(database(), {unit_id, "1002/奖补专户", day("2024-09-30"), -1}).error().code,
            "bad-text");
}

}  // namespace
}  // namespace jiangbu

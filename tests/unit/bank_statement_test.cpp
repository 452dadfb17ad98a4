// Reading bank statement cells, and pairing postings with bank lines,
// without a database.
#include <gtest/gtest.h>

#include "bank/bank_matching.hpp"
#include "bank/bank_statement.hpp"

namespace jiangbu {
namespace {

Date day(const char* text) { return Date::parse(text).value(); }

TEST(BankStatementDateTest, BankExportFormatsReadAsTheSameDay) {
  for (const char* text : {"2024-03-01", "2024/3/1", "2024/03/01", "2024.03.01", "20240301", "2024年3月1日",
                           "2024-03-01 10:22:33", " 2024-03-01 ", "2024/3/1 9:05"}) {
    const auto date = parse_statement_date(text);
    ASSERT_TRUE(date.ok()) << text << ": " << date.error().message;
    EXPECT_EQ(date.value(), day("2024-03-01")) << text;
  }
}

TEST(BankStatementDateTest, MalformedAndImpossibleDatesAreRefused) {
  for (const char* text : {"2024-13-01", "2024-02-30", "24-03-01", "2024-03", "2024/03-01", "2024-003-01",
                           "1 March 2024", "2024-03-01 noon", "202403011"}) {
    const auto date = parse_statement_date(text);
    ASSERT_FALSE(date.ok()) << text;
    EXPECT_EQ(date.error().code, "bad-date") << text;
  }
  EXPECT_EQ(parse_statement_date("").error().code, "missing-field");
}

TEST(BankDirectionTest, ChineseAndEnglishWordsForInAndOut) {
  for (const char* text : {"收", "收入", "贷", "贷方", "credit", "CREDIT", "in", " In "}) {
    EXPECT_EQ(parse_bank_direction(text), BankDirection::in) << text;
  }
  for (const char* text : {"支", "支出", "借", "借方", "debit", "Out", "out"}) {
    EXPECT_EQ(parse_bank_direction(text), BankDirection::out) << text;
  }
  for (const char* text : {"", "转", "收支", "cr", "+"}) EXPECT_FALSE(parse_bank_direction(text).has_value()) << text;
}

BookItem posting(const char* date, Side side, std::int64_t yuan, std::vector<std::string> references = {}) {
  static std::int64_t entry_id = 0;
  BookItem item;
  item.entry_id = ++entry_id;
  item.line_number = 1;
  item.voucher_number = "记-2024-" + std::to_string(entry_id);
  item.entry_date = day(date);
  item.side = side;
  item.amount = Money::from_yuan(yuan);
  item.references = std::move(references);
  return item;
}

StoredBankLine line(const char* date, BankDirection direction, std::int64_t yuan, std::string reference = {}) {
  StoredBankLine stored;
  stored.line.transaction_date = day(date);
  stored.line.direction = direction;
  stored.line.amount = Money::from_yuan(yuan);
  stored.line.reference = std::move(reference);
  return stored;
}

TEST(BankMatchingTest, AmountAndDirectionMustAgree) {
  const std::vector<BookItem> book = {posting("2024-05-01", Side::credit, 100)};
  const std::vector<StoredBankLine> bank = {line("2024-05-01", BankDirection::in, 100),
                                            line("2024-05-01", BankDirection::out, 101)};
  const MatchResult result = match_bank_lines(book, bank, 5);
  EXPECT_TRUE(result.matches.empty());
  EXPECT_EQ(result.unmatched_book, (std::vector<std::size_t>{0}));
  EXPECT_EQ(result.unmatched_bank, (std::vector<std::size_t>{0, 1}));
}

TEST(BankMatchingTest, AReferenceWinsOverACloserDateAndTheWindowBindsEveryPass) {
  // Two payments of 500; the bank quotes the second's reference on the day
  // of the first. Without the reference, dates alone would pair them wrongly.
  const std::vector<BookItem> book = {posting("2024-05-01", Side::credit, 500, {"S-1"}),
                                      posting("2024-05-04", Side::credit, 500, {"S-2"}),
                                      posting("2024-05-01", Side::debit, 80, {"R-9"})};
  const std::vector<StoredBankLine> bank = {line("2024-05-01", BankDirection::out, 500, "S-2"),
                                            line("2024-05-02", BankDirection::out, 500),
                                            line("2024-05-20", BankDirection::in, 80, "R-9")};
  const MatchResult result = match_bank_lines(book, bank, 5);
  ASSERT_EQ(result.matches.size(), 2u);
  EXPECT_EQ(result.matches[0].bank_index, 0u);
  EXPECT_EQ(result.matches[0].book_index, 1u);
  EXPECT_EQ(result.matches[0].rule, MatchRule::reference);
  EXPECT_EQ(result.matches[0].days_apart, -3);
  EXPECT_EQ(result.matches[1].bank_index, 1u);
  EXPECT_EQ(result.matches[1].book_index, 0u);
  EXPECT_EQ(result.matches[1].rule, MatchRule::nearest_date);
  EXPECT_EQ(result.matches[1].days_apart, 1);
  // 19 days apart: outside the window even with the same reference.
  EXPECT_EQ(result.unmatched_book, (std::vector<std::size_t>{2}));
  EXPECT_EQ(result.unmatched_bank, (std::vector<std::size_t>{2}));
  EXPECT_EQ(match_bank_lines(book, bank, 19).matches.size(), 3u);
}

TEST(BankMatchingTest, EqualCandidatesPairInOrderSoTheResultIsDeterministic) {
  // Three equal payments the same day, two bank lines the next day.
  const std::vector<BookItem> book = {posting("2024-06-01", Side::credit, 5), posting("2024-06-01", Side::credit, 5),
                                      posting("2024-06-01", Side::credit, 5)};
  const std::vector<StoredBankLine> bank = {line("2024-06-02", BankDirection::out, 5),
                                            line("2024-06-02", BankDirection::out, 5)};
  const MatchResult result = match_bank_lines(book, bank, 0);
  EXPECT_TRUE(result.matches.empty());  // a window of 0 days admits the same day only
  const MatchResult windowed = match_bank_lines(book, bank, 1);
  ASSERT_EQ(windowed.matches.size(), 2u);
  EXPECT_EQ(windowed.matches[0].book_index, 0u);
  EXPECT_EQ(windowed.matches[1].book_index, 1u);
  EXPECT_EQ(windowed.unmatched_book, (std::vector<std::size_t>{2}));
}

}  // namespace
}  // namespace jiangbu

// The audit report written in every format carries the same figures: the
// summary amounts are read back from the JSON, the CSV, the XLSX (with the
// project's own reader: number cells, exact decimals) and the PDF's text
// (pdftotext), and must all equal what the report computed.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "core/csv_field.hpp"
#include "money/money_chinese.hpp"
#include "money/money_format.hpp"
#include "money/money_parse.hpp"
#include "report/audit_report.hpp"
#include "report/document_export.hpp"
#include "support/report_scenario.hpp"
#include "support/test_database.hpp"
#include "tabular/csv_reader.hpp"
#include "tabular/xlsx_reader.hpp"

namespace jiangbu {
namespace {

using testing::StoreTest;
using Amounts = std::map<std::string, Money>;  // summary item -> amount

std::string read_bytes(const std::filesystem::path& path) {
  std::ifstream file(path, std::ios::binary);
  std::ostringstream buffer;
  buffer << file.rdbuf();
  return buffer.str();
}

Money money(const std::string& text) {
  auto parsed = parse_money(text, SignPolicy::allow_negative);
  EXPECT_TRUE(parsed.ok()) << "'" << text << "'";
  return parsed.ok() ? parsed.value() : Money{};
}

Amounts from_json(const std::filesystem::path& path) {
  Amounts amounts;
  const auto json = nlohmann::json::parse(read_bytes(path));
  for (const auto& section : json["sections"]) {
    for (const auto& block : section["blocks"]) {
      if (block["type"] != "table" || block["key"] != "summary_amounts") continue;
      for (const auto& row : block["rows"]) amounts[row["item"].get<std::string>()] = money(row["amount"].get<std::string>());
    }
  }
  return amounts;
}

Amounts from_csv(const std::filesystem::path& path) {
  const auto file = parse_csv_bytes(read_bytes(path), "audit.csv").value();
  EXPECT_EQ(file.headers, (std::vector<std::string>{"table", "row", "column", "value"}));
  std::map<std::string, std::string> items;  // row number -> item
  std::map<std::string, Money> values;       // row number -> amount
  for (const auto& row : file.rows) {
    if (row.cells[0] != "summary_amounts") continue;
    if (row.cells[2] == "item") items[row.cells[1]] = row.cells[3];
    if (row.cells[2] == "amount") values[row.cells[1]] = money(row.cells[3]);
  }
  Amounts amounts;
  for (const auto& [row, item] : items) amounts[item] = values[row];
  return amounts;
}

Amounts from_xlsx(const std::filesystem::path& path, const std::vector<std::string>& items) {
  const std::string bytes = read_bytes(path);
  const auto sheets = list_xlsx_sheets(bytes, "audit.xlsx").value();
  Amounts amounts;
  for (std::size_t index = 0; index < sheets.size(); ++index) {
    const auto grid = parse_xlsx_sheet_grid(bytes, "audit.xlsx", index).value();
    for (const auto& row : grid.rows) {
      if (row.cells.size() < 2) continue;
      if (std::find(items.begin(), items.end(), row.cells[0]) == items.end()) continue;
      amounts[row.cells[0]] = money(row.cells[1]);
    }
  }
  return amounts;
}

std::string pdf_text(const std::filesystem::path& path) {
  const std::string command = "pdftotext -layout '" + path.string() + "' -";
  std::FILE* pipe = ::popen(command.c_str(), "r");
  EXPECT_NE(pipe, nullptr);
  if (!pipe) return "";
  std::string text;
  char buffer[4096];
  for (std::size_t reads = 0; reads < 100'000; ++reads) {
    const std::size_t count = std::fread(buffer, 1, sizeof buffer, pipe);
    if (count == 0) break;
    text.append(buffer, count);
  }
  EXPECT_EQ(::pclose(pipe), 0) << "pdftotext failed (poppler-utils installed?)";
  return text;
}

class ReportExportTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    testing::build_report_scenario(database());
    folder_ = std::filesystem::temp_directory_path() /
              ("jiangbu-export-" + std::to_string(::getpid()) + "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(folder_);
  }
  void TearDown() override {
    std::filesystem::remove_all(folder_);
    StoreTest::TearDown();
  }
  std::filesystem::path folder_;
};

TEST_F(ReportExportTest, EveryFormatCarriesTheSameSummaryAmounts) {
  ReportSelection selection;
  selection.policy_id = "xixian-2024";
  selection.from = testing::report_day("2024-01-01");
  selection.to = testing::report_day("2024-12-31");
  const auto report = audit_report(database(), selection).value();
  const auto document = audit_report_document(report);
  std::ostringstream ignored;
  const auto written = export_document(document, "all", folder_.string(), ignored);
  ASSERT_TRUE(written.ok()) << written.error().describe();
  EXPECT_EQ(written.value().size(), 6U);

  const auto* table = document.find_table("summary_amounts");
  ASSERT_NE(table, nullptr);
  Amounts expected;
  std::vector<std::string> items;
  for (const auto& row : table->rows) {
    expected[row[0]] = money(row[1]);
    items.push_back(row[0]);
  }
  ASSERT_EQ(expected.size(), 8U);
  EXPECT_EQ(expected["核定金额"], Money::from_yuan(200'000));
  EXPECT_EQ(expected["累计拨付"], Money::from_yuan(160'000));
  EXPECT_EQ(expected["累计支出"], Money::from_yuan(26'800));
  EXPECT_EQ(expected["拦截金额"], Money::from_yuan(800 + 4'000 + 9'999'999));

  EXPECT_EQ(from_json(folder_ / "audit.json"), expected);
  EXPECT_EQ(from_csv(folder_ / "audit.csv"), expected);
  EXPECT_EQ(from_xlsx(folder_ / "audit.xlsx", items), expected);
  const std::string text = pdf_text(folder_ / "audit.pdf");
  for (const auto& [item, amount] : expected) {
    EXPECT_NE(text.find(item), std::string::npos) << item;
    EXPECT_NE(text.find(format_yuan(amount)), std::string::npos) << item << " " << format_yuan(amount);
    EXPECT_NE(text.find(format_chinese_uppercase(amount)), std::string::npos) << format_chinese_uppercase(amount);
  }
}

}  // namespace
}  // namespace jiangbu

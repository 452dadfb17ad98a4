// The PDF export, read back with poppler's pdftotext, pdffonts and pdfinfo:
// the Chinese text is there as text (so it was set in a real font, embedded),
// tables repeat their header on every page they continue on, rows are never
// cut, money prints exactly, every page is numbered with the right total,
// and failures leave no file behind.
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "money/money.hpp"
#include "money/money_format.hpp"
#include "report/chart_scale.hpp"
#include "report/pdf_cell_text.hpp"
#include "report/pdf_chart.hpp"
#include "report/pdf_layout.hpp"
#include "report/pdf_table.hpp"
#include "report/pdf_writer.hpp"
#include "report/report_document.hpp"
#include "support/scratch_directory.hpp"

namespace jiangbu {
namespace {

// ---------------------------------------------------------------------------
// Helpers.

// A fresh empty directory per test, so "nothing else was written" can be
// checked by listing it.
std::filesystem::path fresh_directory(const std::string& name) {
  static const testing::ScratchDirectory scratch("pdf");
  const std::filesystem::path directory = scratch.path() / name;
  std::filesystem::remove_all(directory);
  std::filesystem::create_directories(directory);
  return directory;
}

std::vector<std::string> directory_entries(const std::filesystem::path& directory) {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(directory)) {
    names.push_back(entry.path().filename().string());
  }
  return names;
}

// Runs a shell command and returns what it printed; fails the test when it
// does not exit with 0.
std::string run(const std::string& command) {
  std::string output;
  std::FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) {
    ADD_FAILURE() << "cannot run " << command;
    return output;
  }
  std::array<char, 4096> buffer{};
  for (std::size_t chunk = 0; chunk < 100'000; ++chunk) {
    const std::size_t read = std::fread(buffer.data(), 1, buffer.size(), pipe);
    if (read == 0) break;
    output.append(buffer.data(), read);
  }
  const int status = ::pclose(pipe);
  EXPECT_EQ(status, 0) << command;
  return output;
}

std::string quoted(const std::filesystem::path& path) { return "'" + path.string() + "'"; }

// pdftotext ends every page with a form feed.
std::vector<std::string> pdf_pages_text(const std::filesystem::path& pdf) {
  const std::string text = run("pdftotext -layout -enc UTF-8 " + quoted(pdf) + " -");
  std::vector<std::string> pages;
  std::size_t start = 0;
  for (std::size_t page = 0; page < 10'000; ++page) {
    const std::size_t feed = text.find('\f', start);
    if (feed == std::string::npos) break;
    pages.push_back(text.substr(start, feed - start));
    start = feed + 1;
  }
  return pages;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::size_t occurrences(const std::string& text, const std::string& part) {
  std::size_t count = 0;
  for (std::size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + part.size())) ++count;
  return count;
}

std::string without_spaces(std::string text) {
  text.erase(std::remove(text.begin(), text.end(), ' '), text.end());
  return text;
}

// The value of one "Name:   value" line of pdfinfo.
std::string pdfinfo_field(const std::filesystem::path& pdf, const std::string& name) {
  const std::string info = "\n" + run("pdfinfo " + quoted(pdf));
  const std::size_t at = info.find("\n" + name + ":");
  if (at == std::string::npos) return "";
  const std::size_t end = info.find('\n', at + 1);
  std::string value = info.substr(at + name.size() + 2, end - at - name.size() - 2);
  value.erase(0, value.find_first_not_of(' '));
  return value;
}

std::string row_marker(int row) {
  std::string digits = std::to_string(row);
  digits.insert(0, 3 - digits.size(), '0');
  return "[R" + digits + "]";
}

constexpr int table_rows = 150;
const Money table_total = Money::from_fen(123'456'789);  // 1,234,567.89

// ¥1,234,567.89 over 150 rows, with a cell text long enough to wrap whose
// row marker ends up on the wrapped line.
ReportTable spending_table() {
  ReportTable table;
  table.key = "spending_detail";
  table.title = "支出明细表";
  table.columns = {{"number", "序号", CellKind::count},
                   {"item", "支出事项", CellKind::text},
                   {"category", "支出类别", CellKind::text},
                   {"amount", "金额(元)", CellKind::money},
                   {"rate", "执行率", CellKind::percent}};
  Money sum;
  for (int row = 1; row <= table_rows; ++row) {
    const Money amount =
        row < table_rows ? Money::from_fen(row * 10'001LL) : table_total - sum;
    sum += amount;
    table.add_row({std::to_string(row),
                   "劳务品牌技能培训教材采购、印刷、运输、仓储与分发服务费用（含第三方检测、专家评审与验收）" +
                       row_marker(row),
                   row % 2 == 0 ? "培训费" : "宣传推广费", amount.to_plain_string(),
                   row == 7 ? "87.50" : "100.00"});
  }
  table.set_total_row({"", "合计", "", sum.to_plain_string(), ""});
  return table;
}

BarChart spending_chart() {
  BarChart chart;
  chart.key = "spending_by_category";
  chart.title = "按类别支出金额";
  chart.value_kind = CellKind::money;
  chart.bars = {{"技能培训", "456789.00"}, {"宣传推广", "120000.50"}, {"品牌标准制定", "0.00"}};
  return chart;
}

BarChart rate_chart() {
  BarChart chart;
  chart.key = "execution_rate";
  chart.title = "各单位预算执行率";
  chart.value_kind = CellKind::percent;
  chart.bars = {{"綦江区就业服务中心", "87.50"}, {"西咸新区人力资源公司", "42.13"}};
  return chart;
}

ReportDocument sample_document() {
  ReportDocument document;
  document.key = "audit";
  document.title = "劳务品牌奖补资金专项审计报告";
  document.subtitle = "（测试用）";
  document.metadata = {{"报告期间", "2024-01-01 至 2024-12-31"}, {"编制单位", "区人力资源和社会保障局"}};
  ReportSection overview{"overview", "一、基本情况", {}};
  overview.blocks.emplace_back(Paragraph{
      "本报告依据《劳务品牌建设奖补资金管理办法》编制，覆盖奖补资金的拨付、专账核算与支出使用情况。"
      "所有金额以元为单位，精确到分。"});
  overview.blocks.emplace_back(Paragraph{"第二段：资金实行专账核算、专款专用。"});
  ReportSection detail{"detail", "二、支出明细", {}};
  detail.blocks.emplace_back(spending_table());
  ReportSection charts{"charts", "三、图表", {}};
  charts.blocks.emplace_back(spending_chart());
  charts.blocks.emplace_back(rate_chart());
  document.sections = {overview, detail, charts};
  return document;
}

// With JIANGBU_KEEP_PDF=DIR the PDFs written are also copied to DIR, to be
// looked at (scripts/render-pdf-png.sh) after the scratch folder is gone.
void keep_copy(const std::filesystem::path& pdf) {
  const char* keep = std::getenv("JIANGBU_KEEP_PDF");
  if (keep == nullptr || *keep == '\0' || !std::filesystem::exists(pdf)) return;
  std::filesystem::create_directories(keep);
  std::filesystem::copy_file(pdf, std::filesystem::path(keep) / pdf.filename(),
                             std::filesystem::copy_options::overwrite_existing);
}

// Written once for the tests that only read it.
const std::filesystem::path& sample_pdf() {
  static const std::filesystem::path path = [] {
    const std::filesystem::path written = fresh_directory("sample") / "audit.pdf";
    const Status status = write_document_pdf(sample_document(), written);
    EXPECT_TRUE(status.ok()) << (status.ok() ? "" : status.error().describe());
    keep_copy(written);
    return written;
  }();
  return path;
}

// ---------------------------------------------------------------------------
// The written document, read back.

TEST(PdfWriter, WritesOnlyTheRequestedFile) {
  const std::filesystem::path& pdf = sample_pdf();
  ASSERT_TRUE(std::filesystem::exists(pdf));
  EXPECT_EQ(directory_entries(pdf.parent_path()), std::vector<std::string>{"audit.pdf"});
  std::ifstream stream(pdf, std::ios::binary);
  std::string magic(5, '\0');
  stream.read(magic.data(), 5);
  EXPECT_EQ(magic, "%PDF-");
}

TEST(PdfWriter, SectionsAreBookmarked) {
  std::ifstream stream(sample_pdf(), std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(stream)), std::istreambuf_iterator<char>());
  EXPECT_TRUE(contains(bytes, "/Outlines"));
  EXPECT_EQ(occurrences(bytes, "/Dest ["), 3U);  // one per section
}

TEST(PdfWriter, TitleHeadingsAndMetadataAreText) {
  const auto pages = pdf_pages_text(sample_pdf());
  ASSERT_FALSE(pages.empty());
  EXPECT_TRUE(contains(pages[0], "劳务品牌奖补资金专项审计报告"));
  EXPECT_TRUE(contains(pages[0], "（测试用）"));
  EXPECT_TRUE(contains(pages[0], "报告期间：2024-01-01 至 2024-12-31"));
  EXPECT_TRUE(contains(pages[0], "一、基本情况"));
  EXPECT_TRUE(contains(pages[0], "专款专用"));
  std::string all;
  for (const auto& page : pages) all += page;
  EXPECT_TRUE(contains(all, "二、支出明细"));
  EXPECT_TRUE(contains(all, "三、图表"));
}

TEST(PdfWriter, EveryPageIsNumberedWithTheTotalAndCarriesTheTitle) {
  const auto pages = pdf_pages_text(sample_pdf());
  ASSERT_GE(pages.size(), 4U);  // 150 rows alone take at least three pages
  const std::string total = std::to_string(pages.size());
  for (std::size_t index = 0; index < pages.size(); ++index) {
    // The footer is "第 1 页 共 5 页"; pdftotext drops a space between CJK
    // characters, so both sides are compared without spaces.
    const std::string footer = "第" + std::to_string(index + 1) + "页共" + total + "页";
    EXPECT_EQ(occurrences(without_spaces(pages[index]), footer), 1U) << "page " << index + 1;
    EXPECT_TRUE(contains(pages[index], "劳务品牌奖补资金专项审计报告")) << "page " << index + 1;
  }
  EXPECT_EQ(pdfinfo_field(sample_pdf(), "Pages"), total);
}

TEST(PdfWriter, TableHeaderRepeatsOnEveryPageWithRows) {
  const auto pages = pdf_pages_text(sample_pdf());
  int pages_with_rows = 0;
  for (std::size_t index = 0; index < pages.size(); ++index) {
    if (!contains(pages[index], "[R")) continue;
    ++pages_with_rows;
    for (const char* header : {"序号", "支出事项", "支出类别", "金额(元)", "执行率"}) {
      EXPECT_TRUE(contains(pages[index], header)) << header << " on page " << index + 1;
    }
    EXPECT_EQ(occurrences(pages[index], "支出事项"), 1U) << "page " << index + 1;
  }
  EXPECT_GE(pages_with_rows, 3);
}

TEST(PdfWriter, RowsAreNeverSplitAcrossPages) {
  const auto pages = pdf_pages_text(sample_pdf());
  for (int row = 1; row <= table_rows; ++row) {
    // The marker is on the cell's wrapped second line; the amount on the first.
    const std::string marker = row_marker(row);
    const std::string amount = row < table_rows ? format_yuan(Money::from_fen(row * 10'001LL)) : "";
    int pages_with_marker = 0;
    for (const auto& page : pages) {
      if (!contains(page, marker)) continue;
      ++pages_with_marker;
      if (!amount.empty()) {
        EXPECT_TRUE(contains(page, amount)) << marker;
      }
    }
    EXPECT_EQ(pages_with_marker, 1) << marker;
  }
}

TEST(PdfWriter, MoneyAndPercentPrintExactly) {
  std::string all;
  for (const auto& page : pdf_pages_text(sample_pdf())) all += page;
  EXPECT_EQ(occurrences(all, "1,234,567.89"), 1U);
  EXPECT_FALSE(contains(all, "1234567.89"));
  EXPECT_TRUE(contains(all, "87.50%"));
  EXPECT_TRUE(contains(all, "100.00%"));
  EXPECT_TRUE(contains(all, "14,901.49"));  // row 149: 149 × 100.01
  EXPECT_TRUE(contains(all, "合计"));
}

TEST(PdfWriter, ChartsShowTitlesLabelsAndValues) {
  std::string all;
  for (const auto& page : pdf_pages_text(sample_pdf())) all += page;
  EXPECT_TRUE(contains(all, "按类别支出金额"));
  EXPECT_TRUE(contains(all, "各单位预算执行率"));
  EXPECT_TRUE(contains(all, "技能培训"));
  EXPECT_TRUE(contains(all, "品牌标准制定"));
  EXPECT_TRUE(contains(all, "456,789.00 元"));
  EXPECT_TRUE(contains(all, "120,000.50 元"));
  EXPECT_TRUE(contains(all, "綦江区就业服务中心"));
  EXPECT_TRUE(contains(all, "42.13%"));
}

TEST(PdfWriter, EmbedsNotoCjkFontsAndSetsTheTitle) {
  const std::string fonts = run("pdffonts " + quoted(sample_pdf()));
  bool sans_embedded = false;
  bool serif_embedded = false;
  std::size_t start = 0;
  for (std::size_t line = 0; line < 1000 && start < fonts.size(); ++line) {
    const std::size_t end = fonts.find('\n', start);
    const std::string text = fonts.substr(start, end - start);
    const bool embedded = contains(text, " yes ");
    if (embedded && contains(text, "NotoSansCJK")) sans_embedded = true;
    if (embedded && contains(text, "NotoSerifCJK")) serif_embedded = true;
    if (end == std::string::npos) break;
    start = end + 1;
  }
  EXPECT_TRUE(sans_embedded) << fonts;
  EXPECT_TRUE(serif_embedded) << fonts;
  EXPECT_FALSE(contains(fonts, "DejaVu")) << fonts;
  EXPECT_EQ(pdfinfo_field(sample_pdf(), "Title"), "劳务品牌奖补资金专项审计报告");
}

// ---------------------------------------------------------------------------
// Other shapes of documents.

TEST(PdfWriter, EmptyTableShowsItsEmptyText) {
  ReportDocument document;
  document.key = "empty";
  document.title = "空表测试";
  ReportTable table;
  table.key = "nothing";
  table.title = "本期无支出";
  table.columns = {{"item", "事项", CellKind::text}, {"amount", "金额(元)", CellKind::money}};
  table.empty_text = "本期没有任何支出记录";
  ReportSection section{"s", "一、支出", {}};
  section.blocks.emplace_back(table);
  section.blocks.emplace_back(BarChart{"none", "空图", CellKind::money, {}});
  document.sections = {section};
  const auto pdf = fresh_directory("empty") / "empty.pdf";
  const Status status = write_document_pdf(document, pdf);
  ASSERT_TRUE(status.ok()) << status.error().describe();
  keep_copy(pdf);
  const auto pages = pdf_pages_text(pdf);
  ASSERT_EQ(pages.size(), 1U);
  EXPECT_TRUE(contains(pages[0], "本期没有任何支出记录"));
  EXPECT_TRUE(contains(pages[0], "金额(元)"));
  EXPECT_TRUE(contains(pages[0], "空图"));
  EXPECT_TRUE(contains(without_spaces(pages[0]), "第1页共1页"));
}

TEST(PdfWriter, LongParagraphContinuesOnTheNextPageWithoutLosingLines) {
  ReportDocument document;
  document.key = "long";
  document.title = "长段落测试";
  std::string text;
  for (int sentence = 1; sentence <= 400; ++sentence) {
    text += "专项资金按规定用途使用，不得挪作他用 " + row_marker(sentence) + "。";
  }
  document.sections = {ReportSection{"s", "一、说明", {Paragraph{text}}}};
  const auto pdf = fresh_directory("long") / "long.pdf";
  const Status status = write_document_pdf(document, pdf);
  ASSERT_TRUE(status.ok()) << status.error().describe();
  keep_copy(pdf);
  const auto pages = pdf_pages_text(pdf);
  ASSERT_GE(pages.size(), 2U);
  std::string all;
  for (const auto& page : pages) all += page;
  for (int sentence = 1; sentence <= 400; ++sentence) {
    EXPECT_EQ(occurrences(all, row_marker(sentence)), 1U) << row_marker(sentence);
  }
  EXPECT_TRUE(contains(pages.front(), row_marker(1)));
  EXPECT_TRUE(contains(pages.back(), row_marker(400)));
}

// Nine money columns of 1,234,567.89 with a date and a rate: too wide for
// a portrait page even in the smallest type, unless the amounts wrap.
ReportTable wide_money_table(int rows) {
  ReportTable table;
  table.key = "funds_by_unit";
  table.title = "资金收支情况";
  table.columns = {{"unit", "单位", CellKind::text}, {"effective", "生效日", CellKind::date}};
  for (const char* header : {"核定金额", "期初结余", "本期拨付", "本期支出", "本期收回", "本期确认收入",
                             "期末结余", "累计拨付", "累计支出"}) {
    table.columns.push_back({header, std::string(header) + "(元)", CellKind::money});
  }
  table.columns.push_back({"rate", "执行率", CellKind::percent});
  for (int row = 1; row <= rows; ++row) {
    std::vector<std::string> cells = {"西咸新区沣西职业技能培训学校" + row_marker(row), "2024-07-01"};
    cells.insert(cells.end(), 9, "1234567.89");
    cells.push_back("38.07");
    table.add_row(std::move(cells));
  }
  std::vector<std::string> total = {"合计", ""};
  total.insert(total.end(), 9, Money::from_fen(123'456'789LL * rows).to_plain_string());
  total.push_back("38.07");
  table.set_total_row(std::move(total));
  return table;
}

// "595.276 x 841.89 pts (A4)" for each page, from pdfinfo's lines
// "Page    1 size:  595.276 x 841.89 pts (A4)" (among "Page    1 rot:  0").
std::vector<std::string> page_sizes(const std::filesystem::path& pdf) {
  const std::string info = "\n" + run("pdfinfo -f 1 -l 1000 " + quoted(pdf));
  std::vector<std::string> sizes;
  std::size_t at = 0;
  for (std::size_t page = 0; page < 1000; ++page) {
    at = info.find("\nPage ", at);
    if (at == std::string::npos) break;
    const std::size_t label_end = info.find(" size:", at);
    const std::size_t end = info.find('\n', at + 1);
    if (label_end != std::string::npos && label_end < end) {  // not "Page    1 rot:  0"
      sizes.push_back(info.substr(label_end + 6, end - label_end - 6));
    }
    at = end;
  }
  return sizes;
}

bool is_landscape(const std::string& size) {
  double width_points = 0;
  double height_points = 0;
  return std::sscanf(size.c_str(), " %lf x %lf", &width_points, &height_points) == 2 &&
         width_points > height_points;
}

TEST(PdfTable, WideTablesNeverWrapAnAmountRateOrDate) {
  constexpr int rows = 40;  // enough to continue on a second page
  ReportDocument document;
  document.key = "wide";
  document.title = "宽表测试";
  document.sections = {ReportSection{"intro", "一、说明", {Paragraph{"下表列示各单位资金收支情况。"}}},
                       ReportSection{"funds", "二、资金收支", {wide_money_table(rows)}},
                       ReportSection{"after", "三、结论", {Paragraph{"各单位账目清楚。"}}}};
  const auto pdf = fresh_directory("wide") / "wide.pdf";
  const Status status = write_document_pdf(document, pdf);
  ASSERT_TRUE(status.ok()) << status.error().describe();
  keep_copy(pdf);
  const auto pages = pdf_pages_text(pdf);
  std::string all;
  for (const auto& page : pages) all += page;
  // Each amount found whole is one that was printed on one line.
  EXPECT_EQ(occurrences(all, "1,234,567.89"), 9U * rows) << all;
  EXPECT_EQ(occurrences(all, format_yuan(Money::from_fen(123'456'789LL * rows))), 9U);
  EXPECT_EQ(occurrences(all, "38.07%"), rows + 1U);
  EXPECT_EQ(occurrences(all, "2024-07-01"), static_cast<std::size_t>(rows));
  for (int row = 1; row <= rows; ++row) EXPECT_EQ(occurrences(all, row_marker(row)), 1U) << row_marker(row);

  // The table's pages are turned to landscape, the pages before and after
  // it are not; the heading went with the table, the header repeated.
  const auto sizes = page_sizes(pdf);
  ASSERT_EQ(sizes.size(), pages.size());
  ASSERT_GE(pages.size(), 4U);
  EXPECT_FALSE(is_landscape(sizes.front())) << sizes.front();
  EXPECT_FALSE(is_landscape(sizes.back())) << sizes.back();
  for (std::size_t index = 0; index < pages.size(); ++index) {
    const bool has_rows = contains(pages[index], "[R");
    EXPECT_EQ(is_landscape(sizes[index]), has_rows) << "page " << index + 1 << ": " << sizes[index];
    if (has_rows) {
      EXPECT_TRUE(contains(pages[index], "生效日")) << "page " << index + 1;
    }
    const std::string footer = "第" + std::to_string(index + 1) + "页共" + std::to_string(pages.size()) + "页";
    EXPECT_TRUE(contains(without_spaces(pages[index]), footer)) << "page " << index + 1;
  }
  EXPECT_TRUE(contains(pages[1], "二、资金收支"));
  EXPECT_TRUE(contains(pages.back(), "三、结论"));
}

// Twelve columns whose amounts fit a portrait page once the type is a
// little smaller: the page stays portrait and still nothing wraps.
TEST(PdfTable, ModeratelyWideTablesStayPortrait) {
  ReportTable table = wide_money_table(3);
  for (auto& row : table.rows) std::fill(row.begin() + 2, row.end() - 1, "250000.00");
  std::fill(table.total_row.begin() + 2, table.total_row.end() - 1, "750000.00");
  ReportDocument document;
  document.key = "moderate";
  document.title = "宽表测试";
  document.sections = {ReportSection{"funds", "一、资金收支", {table}}};
  const auto pdf = fresh_directory("moderate") / "moderate.pdf";
  const Status status = write_document_pdf(document, pdf);
  ASSERT_TRUE(status.ok()) << status.error().describe();
  keep_copy(pdf);
  const auto pages = pdf_pages_text(pdf);
  ASSERT_EQ(pages.size(), 1U);
  EXPECT_EQ(occurrences(pages[0], "250,000.00"), 27U) << pages[0];
  EXPECT_EQ(occurrences(pages[0], "750,000.00"), 9U) << pages[0];
  EXPECT_EQ(occurrences(pages[0], "38.07%"), 4U) << pages[0];
  EXPECT_FALSE(is_landscape(page_sizes(pdf).front()));
}

// ---------------------------------------------------------------------------
// Refusals.

TEST(PdfWriter, TextNoFontCanDrawIsRefusedAndNothingIsWritten) {
  ReportDocument document = sample_document();
  // U+E000 is private use: no font on a Debian system with fonts-noto-cjk
  // has a glyph for it, so it would print as an empty box.
  document.sections[0].blocks.emplace_back(Paragraph{"私有区字符\xEE\x80\x80在此"});
  const auto directory = fresh_directory("tofu");
  const Status status = write_document_pdf(document, directory / "tofu.pdf");
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, "bad-text");
  EXPECT_TRUE(contains(status.error().message, "私有区字符")) << status.error().message;
  EXPECT_TRUE(directory_entries(directory).empty());
}

TEST(PdfWriter, UnwritablePathIsAnErrorAndCreatesNoFile) {
  const auto directory = fresh_directory("unwritable");
  const auto missing_parent = directory / "no-such-folder" / "report.pdf";
  const Status status = write_document_pdf(sample_document(), missing_parent);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, "cannot-write-output");
  EXPECT_TRUE(contains(status.error().message, "report.pdf")) << status.error().message;
  EXPECT_FALSE(std::filesystem::exists(missing_parent));
  EXPECT_TRUE(directory_entries(directory).empty());
}

TEST(PdfWriter, OutputOntoADirectoryFailsAndLeavesNoTemporaryFile) {
  const auto directory = fresh_directory("onto-directory");
  std::filesystem::create_directory(directory / "taken.pdf");
  const Status status = write_document_pdf(sample_document(), directory / "taken.pdf");
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, "cannot-write-output");
  EXPECT_EQ(directory_entries(directory), std::vector<std::string>{"taken.pdf"});
  EXPECT_TRUE(std::filesystem::is_directory(directory / "taken.pdf"));
}

TEST(PdfWriter, MalformedMoneyIsRefused) {
  ReportDocument document = sample_document();
  auto& table = std::get<ReportTable>(document.sections[1].blocks[0]);
  table.rows[3][3] = "12.345";
  const auto directory = fresh_directory("bad-money");
  const Status status = write_document_pdf(document, directory / "bad.pdf");
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, "bad-amount");
  EXPECT_TRUE(contains(status.error().message, "第 4 行")) << status.error().message;
  EXPECT_EQ(status.error().field, "spending_detail");
  EXPECT_TRUE(directory_entries(directory).empty());
}

// ---------------------------------------------------------------------------
// The pieces.

TEST(PdfCellText, PrintsEachKind) {
  EXPECT_EQ(printed_cell_text(CellKind::money, "-1234567.80").value(), "-1,234,567.80");
  EXPECT_EQ(printed_cell_text(CellKind::money, "0.00").value(), "0.00");
  EXPECT_EQ(printed_cell_text(CellKind::money, "").value(), "");
  EXPECT_EQ(printed_cell_text(CellKind::percent, "87.50").value(), "87.50%");
  EXPECT_EQ(printed_cell_text(CellKind::percent, "0.05").value(), "0.05%");
  EXPECT_EQ(printed_cell_text(CellKind::count, "1234").value(), "1234");
  EXPECT_EQ(printed_cell_text(CellKind::date, "2024-05-01").value(), "2024-05-01");
  EXPECT_EQ(printed_cell_text(CellKind::text, "培训费").value(), "培训费");
  EXPECT_FALSE(printed_cell_text(CellKind::money, "1.234").ok());
  EXPECT_FALSE(printed_cell_text(CellKind::money, "abc").ok());
  for (const char* bad : {"87.5", "87", ".50", "087.50", "-1.00", "8a.50", "87.500"}) {
    EXPECT_FALSE(printed_cell_text(CellKind::percent, bad).ok()) << bad;
  }
  EXPECT_EQ(read_percent_hundredths("123.45").value(), 12345);
}

BarChart money_chart(const std::vector<std::string>& values) {
  BarChart chart;
  chart.value_kind = CellKind::money;
  for (const std::string& value : values) chart.bars.push_back({"项", value});
  return chart;
}

// The PDF draws its bars with bar_lengths, the scale the other formats use.
TEST(PdfChart, BarLengthIsIntegerProportion) {
  EXPECT_EQ(bar_lengths(money_chart({"456789.00", "228394.50"}), 30'000),
            (std::vector<std::int64_t>{30'000, 15'000}));
  // Rounded down, never past the true length.
  EXPECT_EQ(bar_lengths(money_chart({"0.01", "0.02", "0.03"}), 100), (std::vector<std::int64_t>{33, 66, 100}));
  EXPECT_EQ(bar_lengths(money_chart({"0.00", "-0.05", "456789.00"}), 30'000),
            (std::vector<std::int64_t>{0, 0, 30'000}));
  EXPECT_EQ(bar_lengths(money_chart({"0.00", "-0.05"}), 30'000), (std::vector<std::int64_t>{0, 0}));
  // The largest amounts Money holds: the product needs 128 bits, and gets them.
  const Money huge = Money::from_fen(Money::max_fen);
  const Money almost = Money::from_fen(Money::max_fen - 1);
  EXPECT_EQ(bar_lengths(money_chart({almost.to_plain_string(), huge.to_plain_string()}), 1'000'000),
            (std::vector<std::int64_t>{999'999, 1'000'000}));
  BarChart rates = money_chart({"87.50", "42.13"});
  rates.value_kind = CellKind::percent;  // against 100 %, not the largest rate
  EXPECT_EQ(bar_lengths(rates, 10'000), (std::vector<std::int64_t>{8'750, 4'213}));
}

ColumnNeed text_column(double natural_points, double minimum_points) {
  return ColumnNeed{natural_points, minimum_points, false};
}
ColumnNeed numeric_column(double natural_points, double minimum_points) {
  return ColumnNeed{natural_points, minimum_points, true};
}

TEST(PdfTable, ColumnsFillTheWidthWhenTheyFit) {
  const auto widths =
      fit_column_widths({numeric_column(50, 50), text_column(100, 35), numeric_column(50, 40)}, 400);
  ASSERT_TRUE(widths);
  ASSERT_EQ(widths->size(), 3U);
  EXPECT_DOUBLE_EQ((*widths)[0], 100);
  EXPECT_DOUBLE_EQ((*widths)[1], 200);
  EXPECT_DOUBLE_EQ((*widths)[2], 100);
}

TEST(PdfTable, WideTextColumnsAreCappedAndNumbersKeepTheirWidth) {
  // 80 fixed; 320 left for text columns of 60, 300 and 500: 60 stays, the
  // other two share the remaining 260 at 130 each.
  const auto widths = fit_column_widths(
      {text_column(60, 35), text_column(300, 35), numeric_column(80, 70), text_column(500, 35)}, 400);
  ASSERT_TRUE(widths);
  ASSERT_EQ(widths->size(), 4U);
  EXPECT_DOUBLE_EQ((*widths)[0], 60);
  EXPECT_DOUBLE_EQ((*widths)[1], 130);
  EXPECT_DOUBLE_EQ((*widths)[2], 80);
  EXPECT_DOUBLE_EQ((*widths)[3], 130);
}

TEST(PdfTable, TextColumnsStopAtTheirMinimum) {
  // 200 of numbers leave 140: the 30 column keeps 30; the other two share
  // 110 under one cap, but the last may not go below 60, so the cap is 50.
  const auto widths = fit_column_widths(
      {text_column(30, 30), text_column(300, 40), numeric_column(200, 150), text_column(90, 60)}, 340);
  ASSERT_TRUE(widths);
  EXPECT_DOUBLE_EQ((*widths)[0], 30);
  EXPECT_DOUBLE_EQ((*widths)[1], 50);
  EXPECT_DOUBLE_EQ((*widths)[2], 200);
  EXPECT_DOUBLE_EQ((*widths)[3], 60);
}

TEST(PdfTable, NumbersGiveWayOnlyDownToTheirWidestValue) {
  // Text at its minimum of 40 leaves 180 for two numeric columns whose
  // headers are 100 wide and values 60 and 95: the headers wrap, the values
  // keep their width.
  const auto widths =
      fit_column_widths({text_column(300, 40), numeric_column(100, 60), numeric_column(100, 95)}, 220);
  ASSERT_TRUE(widths);
  EXPECT_DOUBLE_EQ((*widths)[0], 40);
  EXPECT_DOUBLE_EQ((*widths)[1], 85);
  EXPECT_DOUBLE_EQ((*widths)[2], 95);
}

TEST(PdfTable, NoWidthsWhenTheMinimumsDoNotFitAndTheSqueezeIsProportional) {
  const std::vector<ColumnNeed> columns = {numeric_column(300, 300), numeric_column(300, 60),
                                           text_column(200, 40)};
  EXPECT_FALSE(fit_column_widths(columns, 399));
  EXPECT_TRUE(fit_column_widths(columns, 400));
  const auto squeezed = squeezed_column_widths(columns, 200);
  EXPECT_DOUBLE_EQ(squeezed[0], 150);
  EXPECT_DOUBLE_EQ(squeezed[1], 30);
  EXPECT_DOUBLE_EQ(squeezed[2], 20);
}

TEST(PdfLayout, PageNumberText) { EXPECT_EQ(page_number_text(3, 12), "第 3 页 共 12 页"); }

}  // namespace
}  // namespace jiangbu

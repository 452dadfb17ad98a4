// The XLSX export of a report document: read back with the project's own
// reader (the values must come back exactly as the model has them), and
// opened as a ZIP to check that money is stored as numbers, not text, with
// the 元 number format.
#include <unistd.h>
#include <zip.h>

#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include <gtest/gtest.h>

#include "report/report_document.hpp"
#include "report/xlsx_writer.hpp"
#include "tabular/xlsx_reader.hpp"
#include "support/scratch_directory.hpp"

namespace jiangbu {
namespace {

using Rows = std::vector<std::vector<std::string>>;

const std::filesystem::path& scratch() {
  static const testing::ScratchDirectory directory("xlsx-writer");
  return directory.path();
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream stream(path, std::ios::binary);
  std::stringstream content;
  content << stream.rdbuf();
  return content.str();
}

ReportTable spending_table() {
  ReportTable table;
  table.key = "spending_by_category";
  table.title = "按类别支出";
  table.columns = {{"category", "类别", CellKind::text},
                   {"amount", "金额(元)", CellKind::money},
                   {"share", "占比", CellKind::percent},
                   {"count", "笔数", CellKind::count},
                   {"last_date", "最近日期", CellKind::date}};
  table.add_row({"宣传推介", "1234567.89", "87.50", "17", "2024-05-01"});
  table.add_row({"技能培训 <b>&\"x\"</b>", "-0.50", "12.50", "3", ""});
  table.add_row({"代码_x0041_", "0.00", "0.00", "0", "2024-12-31"});
  table.set_total_row({"合计", "1234567.39", "100.00", "20", ""});
  return table;
}

ReportDocument sample_document() {
  ReportDocument document;
  document.key = "audit";
  document.title = "专项资金审计报告";
  document.subtitle = "2024 年度";
  document.metadata = {{"报告期间", "2024-01-01 至 2024-12-31"}, {"编制单位", "财政局 & <审计组>"}};
  ReportSection overview{"overview", "一、基本情况", {}};
  overview.blocks.push_back(Paragraph{"资金到位 \"及时\" & <完整>\x07\x1B。"});
  overview.blocks.push_back(spending_table());
  overview.blocks.push_back(BarChart{"by_category", "支出构成", CellKind::money,
                                     {{"宣传推介", "1234567.89"}, {"技能培训", "0.50"}}});
  ReportSection findings{"findings", "二、发现的问题[详见]:附表/清单?*", {}};
  findings.blocks.push_back(Paragraph{"未发现问题。"});
  ReportTable empty;
  empty.key = "exceptions";
  empty.title = "异常清单";
  empty.columns = {{"reason", "原因", CellKind::text}, {"amount", "金额(元)", CellKind::money}};
  findings.blocks.push_back(empty);
  document.sections = {overview, findings};
  return document;
}

std::string render_ok(const ReportDocument& document) {
  auto bytes = render_document_xlsx(document);
  EXPECT_TRUE(bytes.ok()) << (bytes.ok() ? "" : bytes.error().message);
  return bytes.ok() ? std::move(bytes).value() : std::string();
}

TabularFile sheet_ok(const std::string& bytes, std::size_t index) {
  auto file = parse_xlsx_sheet_grid(bytes, "报告.xlsx", index);
  EXPECT_TRUE(file.ok()) << (file.ok() ? "" : file.error().message);
  return file.ok() ? std::move(file).value() : TabularFile{};
}

Rows rows_of(const TabularFile& file) {
  Rows rows;
  for (const auto& row : file.rows) rows.push_back(row.cells);
  return rows;
}

std::vector<std::size_t> row_numbers(const TabularFile& file) {
  std::vector<std::size_t> numbers;
  for (const auto& row : file.rows) numbers.push_back(row.row_number);
  return numbers;
}

// One part of the archive, unzipped with libzip.
std::string zip_part(const std::string& bytes, const std::string& name) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  zip_t* archive = source == nullptr ? nullptr : zip_open_from_source(source, ZIP_RDONLY, &error);
  zip_error_fini(&error);
  EXPECT_NE(archive, nullptr);
  if (archive == nullptr) return {};
  std::string content;
  zip_stat_t stat;
  zip_stat_init(&stat);
  if (zip_stat(archive, name.c_str(), 0, &stat) == 0) {
    zip_file_t* file = zip_fopen(archive, name.c_str(), 0);
    content.resize(static_cast<std::size_t>(stat.size));
    EXPECT_EQ(zip_fread(file, content.data(), content.size()), static_cast<zip_int64_t>(content.size()));
    zip_fclose(file);
  } else {
    ADD_FAILURE() << "no part " << name;
  }
  zip_discard(archive);
  return content;
}

bool contains(const std::string& text, std::string_view part) { return text.find(part) != std::string::npos; }

// The cellXfs entries of the styles part, each "<xf …>" in order.
std::vector<std::string> cell_formats(const std::string& styles) {
  const std::size_t start = styles.find("<cellXfs");
  const std::size_t end = styles.find("</cellXfs>");
  std::vector<std::string> formats;
  if (start == std::string::npos || end == std::string::npos) return formats;
  const std::string section = styles.substr(start, end - start);
  const std::regex xf("<xf [^>]*>");
  for (auto match = std::sregex_iterator(section.begin(), section.end(), xf); match != std::sregex_iterator(); ++match) {
    formats.push_back(match->str());
  }
  return formats;
}

std::string attribute_of(const std::string& element, const std::string& name) {
  std::smatch match;
  if (!std::regex_search(element, match, std::regex(" " + name + "=\"([^\"]*)\""))) return {};
  return match[1];
}

// ---------------------------------------------------------------------------

TEST(XlsxWriterTest, ValuesComeBackExactlyThroughTheProjectsReader) {
  const std::string bytes = render_ok(sample_document());
  const auto names = list_xlsx_sheets(bytes, "报告.xlsx");
  ASSERT_TRUE(names.ok()) << names.error().message;
  EXPECT_EQ(names.value(), (std::vector<std::string>{"封面", "一、基本情况", "二、发现的问题_详见__附表_清单__"}));

  const TabularFile cover = sheet_ok(bytes, 0);
  EXPECT_EQ(cover.sheet_name, "封面");
  EXPECT_EQ(rows_of(cover), (Rows{{"专项资金审计报告"},
                                  {"2024 年度"},
                                  {"报告期间", "2024-01-01 至 2024-12-31"},
                                  {"编制单位", "财政局 & <审计组>"}}));
  EXPECT_EQ(row_numbers(cover), (std::vector<std::size_t>{1, 2, 4, 5}));

  const TabularFile overview = sheet_ok(bytes, 1);
  EXPECT_EQ(rows_of(overview),
            (Rows{{"一、基本情况"},
                  {"资金到位 \"及时\" & <完整>。"},  // the BEL and ESC are gone
                  {"按类别支出"},
                  {"类别", "金额(元)", "占比", "笔数", "最近日期"},
                  {"宣传推介", "1234567.89", "0.8750", "17", "2024-05-01"},
                  {"技能培训 <b>&\"x\"</b>", "-0.50", "0.1250", "3"},  // an empty cell is no cell
                  {"代码_x0041_", "0.00", "0.0000", "0", "2024-12-31"},
                  {"合计", "1234567.39", "1.0000", "20"},
                  {"支出构成"},
                  {"项目", "金额(元)"},
                  {"宣传推介", "1234567.89"},
                  {"技能培训", "0.50"}}));
  // A blank row between the title and each block.
  EXPECT_EQ(row_numbers(overview), (std::vector<std::size_t>{1, 3, 5, 6, 7, 8, 9, 10, 12, 13, 14, 15}));

  const TabularFile findings = sheet_ok(bytes, 2);
  EXPECT_EQ(rows_of(findings), (Rows{{"二、发现的问题[详见]:附表/清单?*"},
                                     {"未发现问题。"},
                                     {"异常清单"},
                                     {"原因", "金额(元)"},
                                     {"无"}}));
}

TEST(XlsxWriterTest, MoneyIsANumberCellWithTheYuanFormatNeverText) {
  const std::string bytes = render_ok(sample_document());
  const std::string styles = zip_part(bytes, "xl/styles.xml");
  EXPECT_TRUE(contains(styles, R"(<numFmt numFmtId="164" formatCode="#,##0.00&quot;元&quot;"/>)")) << styles;
  const auto formats = cell_formats(styles);
  const std::string sheet = zip_part(bytes, "xl/worksheets/sheet2.xml");

  // Money in B7 (the first data row), B8, and the bold total in B10.
  for (const auto& [reference, value] : std::vector<std::pair<std::string, std::string>>{
           {"B7", "1234567.89"}, {"B8", "-0.50"}, {"B10", "1234567.39"}, {"B14", "1234567.89"}}) {
    std::smatch match;
    ASSERT_TRUE(std::regex_search(sheet, match, std::regex("<c r=\"" + reference + "\"([^>]*)><v>([^<]*)</v></c>")))
        << reference << " is not a number cell in " << sheet;
    EXPECT_EQ(match[2], value) << reference;
    const std::string attributes = match[1];
    EXPECT_FALSE(contains(attributes, " t=")) << reference << attributes;
    const std::string style = attribute_of(attributes, "s");
    ASSERT_FALSE(style.empty()) << reference;
    ASSERT_LT(std::stoul(style), formats.size());
    EXPECT_EQ(attribute_of(formats[std::stoul(style)], "numFmtId"), "164") << reference;
  }
  // Percent as a fraction in 0.00%, count as an integer, dates as text.
  std::smatch percent;
  ASSERT_TRUE(std::regex_search(sheet, percent, std::regex(R"re(<c r="C7" s="(\d+)"><v>0.8750</v></c>)re"))) << sheet;
  EXPECT_EQ(attribute_of(formats[std::stoul(percent[1])], "numFmtId"), "10");
  EXPECT_TRUE(std::regex_search(sheet, std::regex(R"re(<c r="D7" s="\d+"><v>17</v></c>)re"))) << sheet;
  EXPECT_TRUE(contains(sheet, R"(<c r="E7" t="inlineStr"><is><t>2024-05-01</t></is></c>)")) << sheet;
  // The empty date of row 8 is no cell at all; the escaped text is escaped once.
  EXPECT_FALSE(contains(sheet, "r=\"E8\""));
  EXPECT_TRUE(contains(sheet, "技能培训 &lt;b&gt;&amp;&quot;x&quot;&lt;/b&gt;")) << sheet;
  EXPECT_TRUE(contains(sheet, "代码_x005F_x0041_")) << sheet;
  // Titles and header rows are bold, the data rows are not.
  const std::regex bold_header(R"re(<c r="A6" s="(\d+)")re");
  std::smatch header;
  ASSERT_TRUE(std::regex_search(sheet, header, bold_header));
  EXPECT_NE(attribute_of(formats[std::stoul(header[1])], "fontId"), "0");
  EXPECT_TRUE(contains(sheet, R"(<c r="A7" t="inlineStr"><is><t>宣传推介</t></is></c>)"));
  // No floating-point noise anywhere in the sheet.
  EXPECT_FALSE(std::regex_search(sheet, std::regex(R"(\d\.\d{5,})"))) << sheet;
}

TEST(XlsxWriterTest, PackageHasEveryPartWithTheTitleAndColumnWidths) {
  const std::string bytes = render_ok(sample_document());
  const std::string types = zip_part(bytes, "[Content_Types].xml");
  for (const char* part : {"/xl/workbook.xml", "/xl/styles.xml", "/docProps/core.xml", "/xl/worksheets/sheet1.xml",
                           "/xl/worksheets/sheet2.xml", "/xl/worksheets/sheet3.xml"}) {
    EXPECT_TRUE(contains(types, std::string("PartName=\"") + part + "\"")) << part;
  }
  EXPECT_FALSE(contains(types, "sheet4.xml"));
  EXPECT_TRUE(contains(zip_part(bytes, "_rels/.rels"), "Target=\"xl/workbook.xml\""));
  EXPECT_TRUE(contains(zip_part(bytes, "docProps/core.xml"), "<dc:title>专项资金审计报告</dc:title>"));
  const std::string workbook = zip_part(bytes, "xl/workbook.xml");
  EXPECT_TRUE(contains(workbook, R"(<sheet name="封面" sheetId="1" r:id="rId1"/>)")) << workbook;

  // Column A's widest is "技能培训 <b>&"x"</b>" (8 + 12 = 20 cells; the
  // longer paragraph does not count), column B's "1,234,567.89元" (14
  // cells), wider than its header "金额(元)"; two cells of padding.
  const std::string sheet = zip_part(bytes, "xl/worksheets/sheet2.xml");
  EXPECT_TRUE(contains(sheet, R"(<col min="1" max="1" width="22" customWidth="1"/>)")) << sheet;
  EXPECT_TRUE(contains(sheet, R"(<col min="2" max="2" width="16" customWidth="1"/>)")) << sheet;
  EXPECT_LT(sheet.find("<cols>"), sheet.find("<sheetData>"));
}

TEST(XlsxWriterTest, SheetNamesAreSanitizedShortAndUnique) {
  ReportDocument document;
  document.title = "名称";
  const std::string long_title = "第三部分：各单位资金使用情况明细表（按月份、按类别、按支付方式分列）";
  for (const std::string title : {"二、资金[使用]:情况/明细?*\\", "封面", "Summary", "SUMMARY", "'引号'", "", "History",
                                  long_title.c_str(), long_title.c_str(), "\x01控制\t字符"}) {
    document.sections.push_back(ReportSection{"s", title, {Paragraph{"x"}}});
  }
  const std::vector<std::string> names = xlsx_sheet_names(document);
  const std::vector<std::string> expected{"封面",
                                          "二、资金_使用__情况_明细___",
                                          "封面(2)",
                                          "Summary",
                                          "SUMMARY(2)",
                                          "引号",
                                          "Sheet7",
                                          "History_",
                                          "第三部分：各单位资金使用情况明细表（按月份、按类别、按支付方式",
                                          "第三部分：各单位资金使用情况明细表（按月份、按类别、按支(2)",
                                          "控制 字符"};
  EXPECT_EQ(names, expected);
  for (const auto& name : names) {
    EXPECT_FALSE(name.empty());
    EXPECT_EQ(name.find_first_of("[]:*?/\\"), std::string::npos) << name;
    std::size_t characters = 0;
    for (const char byte : name) characters += (static_cast<unsigned char>(byte) & 0xC0) != 0x80 ? 1 : 0;
    EXPECT_LE(characters, 31u) << name;
  }
  const auto read = list_xlsx_sheets(render_ok(document), "报告.xlsx");
  ASSERT_TRUE(read.ok()) << read.error().message;
  EXPECT_EQ(read.value(), expected);
}

TEST(XlsxWriterTest, WritesThroughATemporaryFileAndReplacesAnOldOne) {
  const auto path = scratch() / "审计报告.xlsx";
  {
    std::ofstream old(path);
    old << "an older report";
  }
  const auto written = write_document_xlsx(sample_document(), path);
  ASSERT_TRUE(written.ok()) << written.error().message;
  const std::string bytes = read_file(path);
  EXPECT_EQ(bytes, render_ok(sample_document()));
  EXPECT_EQ(rows_of(sheet_ok(bytes, 1))[4][1], "1234567.89");
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(scratch())) ++files;
  EXPECT_EQ(files, 1u) << "a temporary file was left behind";
}

TEST(XlsxWriterTest, IsDeterministicInEveryTimeZone) {
  const std::string first = render_ok(sample_document());
  EXPECT_EQ(first, render_ok(sample_document()));
  const char* zone = std::getenv("TZ");
  const std::string saved = zone == nullptr ? "" : zone;
  ::setenv("TZ", "America/New_York", 1);
  ::tzset();
  const std::string elsewhere = render_ok(sample_document());
  if (zone == nullptr) ::unsetenv("TZ"); else ::setenv("TZ", saved.c_str(), 1);
  ::tzset();
  EXPECT_EQ(first, elsewhere);
}

TEST(XlsxWriterTest, RefusesWhatItCannotWriteWithoutLeavingAFile) {
  ReportDocument document = sample_document();
  std::get<ReportTable>(document.sections[0].blocks[1]).rows[1][1] = "1,234.56";
  const auto path = scratch() / "refused.xlsx";
  const auto refused = write_document_xlsx(document, path);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, "bad-amount");
  EXPECT_TRUE(contains(refused.error().message, "sheet '一、基本情况' cell B8")) << refused.error().message;
  EXPECT_FALSE(std::filesystem::exists(path));

  document = sample_document();
  std::get<ReportTable>(document.sections[0].blocks[1]).rows[0][2] = "87.5";
  EXPECT_EQ(render_document_xlsx(document).error().code, "bad-amount");
  document = sample_document();
  std::get<ReportTable>(document.sections[0].blocks[1]).rows[0][3] = "1.5";
  EXPECT_EQ(render_document_xlsx(document).error().code, "bad-amount");

  document = sample_document();
  std::get<Paragraph>(document.sections[1].blocks[0]).text = std::string(32'768, 'x');
  const auto too_long = render_document_xlsx(document);
  ASSERT_FALSE(too_long.ok());
  EXPECT_EQ(too_long.error().code, "bad-text");
  EXPECT_TRUE(contains(too_long.error().message, "cell A3")) << too_long.error().message;

  const auto nowhere = write_document_xlsx(sample_document(), scratch() / "no-such-folder" / "x.xlsx");
  ASSERT_FALSE(nowhere.ok());
  EXPECT_EQ(nowhere.error().code, "cannot-write-output");
  EXPECT_EQ(nowhere.error().field, "file");
}

TEST(XlsxWriterTest, InvalidUtf8BecomesReplacementCharacters) {
  ReportDocument document = sample_document();
  std::get<Paragraph>(document.sections[1].blocks[0]).text = "坏\xFF字节\xE4\xB8";
  const std::string bytes = render_ok(document);
  EXPECT_EQ(rows_of(sheet_ok(bytes, 2))[1], (std::vector<std::string>{"坏\xEF\xBF\xBD字节\xEF\xBF\xBD\xEF\xBF\xBD"}));
}

TEST(XlsxWriterSourceTest, NoFloatingPointTouchesTheWorkbook) {
  const std::regex floating(R"(\b(double|float|stod|stof|stold|strtod|strtof|atof|lxw_\w+)\b)");
  const auto path = std::filesystem::path(JIANGBU_SOURCE_DIR) / "src/report/xlsx_writer.cpp";
  const std::string text = read_file(path);
  ASSERT_FALSE(text.empty());
  EXPECT_FALSE(std::regex_search(text, floating));
}

}  // namespace
}  // namespace jiangbu

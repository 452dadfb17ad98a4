// The reader for files that grant units upload: CSV in UTF-8 or GBK, XLSX
// built here at run time with libxlsxwriter (and by hand with libzip for
// what libxlsxwriter never writes), header mapping, and refusals of every
// kind of broken file with file, row and reason.
#include <iconv.h>
#include <unistd.h>
#include <xlsxwriter.h>
#include <zip.h>

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <regex>
#include <sstream>

#include <gtest/gtest.h>

#include "tabular/csv_reader.hpp"
#include "tabular/tabular_file.hpp"
#include "tabular/text_encoding.hpp"
#include "tabular/xlsx_reader.hpp"
#include "support/scratch_directory.hpp"

namespace jiangbu {
namespace {

using namespace std::string_literals;
using Rows = std::vector<std::vector<std::string>>;

// ---------------------------------------------------------------------------
// Helpers.

std::filesystem::path temp_path(const std::string& name) {
  static const testing::ScratchDirectory directory("tabular");
  static std::atomic<int> counter{0};
  return directory.path() / (std::to_string(counter++) + "-" + name);
}

std::string read_and_remove(const std::filesystem::path& path) {
  std::ifstream stream(path, std::ios::binary);
  std::stringstream content;
  content << stream.rdbuf();
  std::filesystem::remove(path);
  return content.str();
}

void write_file(const std::filesystem::path& path, std::string_view bytes) {
  std::ofstream stream(path, std::ios::binary);
  stream.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

// UTF-8 -> another encoding through iconv, as a unit's Windows Excel would save it.
std::string encode(std::string_view utf8, const char* encoding) {
  iconv_t descriptor = iconv_open(encoding, "UTF-8");
  EXPECT_NE(descriptor, reinterpret_cast<iconv_t>(static_cast<std::intptr_t>(-1)));
  std::string output(utf8.size() * 4 + 16, '\0');
  char* input = const_cast<char*>(utf8.data());
  std::size_t input_left = utf8.size();
  char* cursor = output.data();
  std::size_t output_left = output.size();
  EXPECT_NE(iconv(descriptor, &input, &input_left, &cursor, &output_left), static_cast<std::size_t>(-1));
  iconv_close(descriptor);
  output.resize(output.size() - output_left);
  return output;
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

TabularFile csv_ok(std::string_view bytes, const TabularLimits& limits = {}) {
  auto file = parse_csv_bytes(bytes, "支出.csv", limits);
  EXPECT_TRUE(file.ok()) << (file.ok() ? "" : file.error().message);
  return file.ok() ? std::move(file).value() : TabularFile{};
}

Error csv_error(std::string_view bytes, const TabularLimits& limits = {}) {
  auto file = parse_csv_bytes(bytes, "支出.csv", limits);
  EXPECT_FALSE(file.ok()) << "expected a refusal";
  return file.ok() ? Error{} : file.error();
}

// Builds an XLSX with libxlsxwriter and returns its bytes.
template <typename Fill>
std::string build_xlsx(Fill fill, bool constant_memory = false) {
  const auto path = temp_path("book.xlsx");
  lxw_workbook_options options{};
  options.constant_memory = constant_memory ? 1 : 0;
  lxw_workbook* workbook = workbook_new_opt(path.c_str(), &options);
  EXPECT_NE(workbook, nullptr);
  fill(workbook);
  EXPECT_EQ(workbook_close(workbook), LXW_NO_ERROR);
  return read_and_remove(path);
}

// A ZIP archive of the given parts, made with libzip.
std::string build_zip(const std::vector<std::pair<std::string, std::string>>& parts) {
  const auto path = temp_path("parts.zip");
  int error = 0;
  zip_t* archive = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  EXPECT_NE(archive, nullptr);
  for (const auto& [name, content] : parts) {
    zip_source_t* source = zip_source_buffer(archive, content.data(), content.size(), 0);
    EXPECT_GE(zip_file_add(archive, name.c_str(), source, ZIP_FL_OVERWRITE), 0);
  }
  EXPECT_EQ(zip_close(archive), 0);
  return read_and_remove(path);
}

constexpr const char* main_namespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
constexpr const char* relationship_type = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";

// An XLSX written part by part, for what libxlsxwriter never produces
// (error cells, 1904 dates, phonetic runs, hidden first sheets, DTDs...).
struct HandMadeWorkbook {
  std::string workbook_properties;  // e.g. <workbookPr date1904="1"/>
  std::string sheets = R"(<sheet name="支出" sheetId="1" r:id="rId1"/>)";
  std::string sheet_target = "worksheets/sheet1.xml";
  std::string sheet_part = "xl/worksheets/sheet1.xml";
  std::string shared_strings;  // the <si> items
  std::string sheet_data;      // the <row> elements
  std::string sheet_xml;       // when set, the whole sheet part
  // Styles: 0 General, 1 built-in 14 (m/d/yyyy), 2 a Chinese date, 3 money, 4 text.
  std::string styles = std::string("<styleSheet xmlns=\"") + main_namespace +
                       R"("><numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/>)"
                       R"(<numFmt numFmtId="165" formatCode="#,##0.00&quot;元&quot;;[Red]\-#,##0.00&quot;元&quot;"/></numFmts>)"
                       R"(<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>)"
                       R"(<cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="49"/></cellXfs>)"
                       R"(<dxfs count="1"><dxf><numFmt numFmtId="166" formatCode="yyyy-mm-dd"/></dxf></dxfs></styleSheet>)";

  [[nodiscard]] std::string bytes() const {
    const std::string workbook =
        std::string("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><workbook xmlns=\"") +
        main_namespace +
        "\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">" +
        workbook_properties + "<sheets>" + sheets + "</sheets></workbook>";
    const std::string relationships =
        std::string("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">") +
        "<Relationship Id=\"rId1\" Type=\"" + relationship_type + "worksheet\" Target=\"" + sheet_target + "\"/>" +
        "<Relationship Id=\"rId2\" Type=\"" + relationship_type + "worksheet\" Target=\"worksheets/sheet2.xml\"/>" +
        "<Relationship Id=\"rId8\" Type=\"" + relationship_type + "sharedStrings\" Target=\"sharedStrings.xml\"/>" +
        "<Relationship Id=\"rId9\" Type=\"" + relationship_type + "styles\" Target=\"styles.xml\"/>" +
        "</Relationships>";
    const std::string sheet = !sheet_xml.empty() ? sheet_xml
                                                 : std::string("<worksheet xmlns=\"") + main_namespace +
                                                       "\"><sheetData>" + sheet_data + "</sheetData></worksheet>";
    const std::string second_sheet = std::string("<worksheet xmlns=\"") + main_namespace +
                                     "\"><sheetData><row r=\"1\"><c t=\"inlineStr\"><is><t>第二页</t></is></c></row></sheetData></worksheet>";
    return build_zip({{"[Content_Types].xml", "<Types/>"},
                      {"xl/workbook.xml", workbook},
                      {"xl/_rels/workbook.xml.rels", relationships},
                      {"xl/sharedStrings.xml", std::string("<sst xmlns=\"") + main_namespace + "\">" + shared_strings + "</sst>"},
                      {"xl/styles.xml", styles},
                      {sheet_part, sheet},
                      {"xl/worksheets/sheet2.xml", second_sheet}});
  }
};

std::string inline_cell(const std::string& reference, const std::string& text) {
  return "<c r=\"" + reference + "\" t=\"inlineStr\"><is><t>" + text + "</t></is></c>";
}

std::string number_cell(const std::string& reference, const std::string& value, int style = 0) {
  return "<c r=\"" + reference + "\" s=\"" + std::to_string(style) + "\"><v>" + value + "</v></c>";
}

TabularFile xlsx_ok(std::string_view bytes, const TabularLimits& limits = {}) {
  auto file = parse_xlsx_bytes(bytes, "支出.xlsx", limits);
  EXPECT_TRUE(file.ok()) << (file.ok() ? "" : file.error().message);
  return file.ok() ? std::move(file).value() : TabularFile{};
}

Error xlsx_error(std::string_view bytes, const TabularLimits& limits = {}) {
  auto file = parse_xlsx_bytes(bytes, "支出.xlsx", limits);
  EXPECT_FALSE(file.ok()) << "expected a refusal";
  if (file.ok()) return Error{};
  EXPECT_EQ(file.error().code, "bad-file") << file.error().message;
  EXPECT_EQ(file.error().field, "file");
  EXPECT_TRUE(file.error().message.starts_with("支出.xlsx: ")) << file.error().message;
  return file.error();
}

bool contains(const std::string& text, std::string_view part) { return text.find(part) != std::string::npos; }

// The columns of an expenditure import, as units name them. The real spec is
// the expenditure module's; this one exercises the mapping with Chinese names.
std::vector<ColumnSpec> expenditure_columns() {
  return {
      {"external_id", {"外部编号", "单据号"}, true},
      {"award_id", {"奖补编号"}, true},
      {"unit_uscc", {"单位统一社会信用代码"}, true},
      {"date", {"日期", "支付日期"}, true},
      {"amount", {"金额", "金额（元）"}, true},
      {"category", {"用途类别"}, true},
      {"payment_method", {"支付方式"}, true},
      {"payee", {"收款方"}, true},
      {"payee_uscc", {"收款方统一社会信用代码"}, false},
      {"invoice_code", {"发票代码"}, false},
      {"invoice_number", {"发票号码"}, false},
      {"memo", {"摘要"}, false},
  };
}

const std::string expenditure_csv =
    "外部编号,奖补编号,单位统一社会信用代码,日期,金额,用途类别,支付方式,收款方,收款方统一社会信用代码,发票代码,发票号码,摘要\n"
    "ZC-001,XX2024-001,91610000MA6TG12349,2024-03-15,1234.56,宣传推介,银行转账,付款方科技有限公司,91610000MA6TG12349,,12345678901234567890,\"宣传册印刷, 第一批\"\n"
    "ZC-002,XX2024-001,91610000MA6TG12349,2024-03-16,\"1,234.56\",技能培训,银行转账,西安培训学校,,,,\n";

// ---------------------------------------------------------------------------
// CSV: encodings.

TEST(TabularCsvTest, ReadsUtf8WithAndWithoutByteOrderMark) {
  const TabularFile plain = csv_ok(expenditure_csv);
  const TabularFile marked = csv_ok("\xEF\xBB\xBF" + expenditure_csv);
  EXPECT_EQ(plain.format, "csv");
  EXPECT_EQ(plain.encoding, "utf-8");
  EXPECT_EQ(marked.encoding, "utf-8-bom");
  EXPECT_EQ(marked.headers, plain.headers);
  EXPECT_EQ(rows_of(marked), rows_of(plain));
  ASSERT_EQ(plain.headers.size(), 12u);
  EXPECT_EQ(plain.headers[0], "外部编号");  // no BOM left in the first header
  EXPECT_EQ(marked.headers[0], "外部编号");
  ASSERT_EQ(plain.rows.size(), 2u);
  EXPECT_EQ(plain.rows[0].cells[4], "1234.56");
  EXPECT_EQ(plain.rows[0].cells[11], "宣传册印刷, 第一批");
  EXPECT_EQ(plain.rows[1].cells[4], "1,234.56");  // text kept verbatim; parse_money decides
  EXPECT_EQ(plain.rows[1].cells[11], "");
  EXPECT_EQ(row_numbers(plain), (std::vector<std::size_t>{2, 3}));
}

TEST(TabularCsvTest, GbkFileGivesTheSameRowsAsItsUtf8Twin) {
  // "付款方" in GBK, as Excel on Chinese Windows saves "CSV (逗号分隔)".
  EXPECT_EQ(encode("付款方", "GBK"), "\xB8\xB6\xBF\xEE\xB7\xBD");
  const std::string gbk = encode(expenditure_csv, "GBK");
  ASSERT_NE(gbk, expenditure_csv);
  const TabularFile from_gbk = csv_ok(gbk);
  const TabularFile from_utf8 = csv_ok(expenditure_csv);
  EXPECT_EQ(from_gbk.encoding, "gb18030");
  EXPECT_EQ(from_gbk.headers, from_utf8.headers);
  EXPECT_EQ(rows_of(from_gbk), rows_of(from_utf8));
  EXPECT_EQ(row_numbers(from_gbk), row_numbers(from_utf8));
  EXPECT_EQ(from_gbk.rows[0].cells[7], "付款方科技有限公司");
}

TEST(TabularEncodingTest, DecodesGb18030BeyondGbkAndStripsItsByteOrderMark) {
  // Four-byte GB18030 sequences (here an emoji and a CJK Extension B
  // character) are outside GBK; GB18030's own BOM is 84 31 95 33.
  const std::string utf8 = "摘要,𠀀😀\n";
  const std::string gb18030 = encode("\xEF\xBB\xBF" + utf8, "GB18030");
  EXPECT_TRUE(gb18030.starts_with("\x84\x31\x95\x33"));
  const auto decoded = decode_to_utf8(gb18030);
  ASSERT_TRUE(decoded.ok()) << decoded.error().message;
  EXPECT_EQ(decoded.value().utf8, utf8);
  EXPECT_EQ(decoded.value().encoding, "gb18030");
}

TEST(TabularEncodingTest, RefusesUtf16AndUtf32ByteOrderMarks) {
  const std::string utf16 = "\xFF\xFE" + encode("金额\n1\n", "UTF-16LE");
  const Error error = csv_error(utf16);
  EXPECT_EQ(error.code, "bad-encoding");
  EXPECT_EQ(error.field, "file");
  EXPECT_TRUE(error.message.starts_with("支出.csv: ")) << error.message;
  EXPECT_TRUE(contains(error.message, "UTF-16 LE")) << error.message;
  EXPECT_TRUE(contains(csv_error("\xFE\xFF\x00\x61"s).message, "UTF-16 BE"));
  EXPECT_TRUE(contains(decode_to_utf8("\xFF\xFE\x00\x00\x61\x00\x00\x00"s).error().message, "UTF-32 LE"));
  EXPECT_EQ(decode_to_utf8("\x00\x00\xFE\xFF"s).error().code, "bad-encoding");
  // UTF-16 without a BOM is full of NULs: refused as not a text file.
  const Error no_mark = csv_error(encode("金额\n1\n", "UTF-16LE"));
  EXPECT_EQ(no_mark.code, "bad-file");
  EXPECT_TRUE(contains(no_mark.message, "NUL")) << no_mark.message;
}

TEST(TabularEncodingTest, RefusesBytesThatAreNeitherUtf8NorGbkNamingTheOffsetAndLine) {
  // 0xFF is never valid in UTF-8 nor in GB18030.
  const Error error = csv_error("金额,摘要\n1,ok\n2,\xFF\xFF\n");
  EXPECT_EQ(error.code, "bad-encoding");
  EXPECT_TRUE(contains(error.message, "byte 0xFF at byte offset 21 (line 3)")) << error.message;
  // A GBK lead byte cut off at the end of the file.
  const auto truncated = decode_to_utf8("\xB8\xB6\xBF");
  ASSERT_FALSE(truncated.ok());
  EXPECT_TRUE(contains(truncated.error().message, "byte offset 2 (line 1)")) << truncated.error().message;
  // A UTF-8 BOM promises UTF-8: no fallback to GBK after it.
  const Error marked = csv_error("\xEF\xBB\xBF" + encode("付款方\n", "GBK"));
  EXPECT_EQ(marked.code, "bad-encoding");
  EXPECT_TRUE(contains(marked.message, "byte-order mark")) << marked.message;
  EXPECT_TRUE(contains(marked.message, "byte offset 3")) << marked.message;
  // Latin-1 "café" is neither.
  EXPECT_EQ(csv_error("name\ncaf\xE9 \n").code, "bad-encoding");
}

// ---------------------------------------------------------------------------
// CSV: structure.

TEST(TabularCsvTest, QuotedMultiLineCellCountsAsOneRecord) {
  const TabularFile file = csv_ok("摘要,金额\n\"第一行\n第二行\",100.00\n下一条,200.00\n");
  EXPECT_EQ(rows_of(file), (Rows{{"第一行\n第二行", "100.00"}, {"下一条", "200.00"}}));
  EXPECT_EQ(row_numbers(file), (std::vector<std::size_t>{2, 3}));
}

TEST(TabularCsvTest, DoubledQuotesAreOneQuoteAndNothingInsideQuotesIsTrimmed) {
  const TabularFile file = csv_ok("a,b,c\n\"他说\"\"好\"\"\",\"  padded  \", unquoted \n");
  EXPECT_EQ(rows_of(file), (Rows{{"他说\"好\"", "  padded  ", "unquoted"}}));
  // Spaces around the quotes of a quoted cell are padding.
  EXPECT_EQ(rows_of(csv_ok("a,b\n  \"x, y\"  ,z\n")), (Rows{{"x, y", "z"}}));
  // A quote inside an unquoted cell is kept as text.
  EXPECT_EQ(rows_of(csv_ok("a\n5\"3\n")), (Rows{{"5\"3"}}));
}

TEST(TabularCsvTest, CrLfLfAndLoneCrAreAllLineEndsAndTheLastIsOptional) {
  const Rows expected{{"1", "2"}, {"3", "4"}};
  EXPECT_EQ(rows_of(csv_ok("a,b\r\n1,2\r\n3,4\r\n")), expected);
  EXPECT_EQ(rows_of(csv_ok("a,b\n1,2\n3,4")), expected);
  EXPECT_EQ(rows_of(csv_ok("a,b\r1,2\r3,4\r")), expected);
  // A CRLF inside quotes is cell text.
  EXPECT_EQ(rows_of(csv_ok("a\r\n\"x\r\ny\"\r\n")), (Rows{{"x\r\ny"}}));
}

TEST(TabularCsvTest, SkipsEmptyLinesButKeepsTheirRowNumbers) {
  const TabularFile file = csv_ok("\n\na,b\n1,2\n\n   \n,,\n3,4\n\n");
  EXPECT_EQ(file.header_row_number, 3u);
  EXPECT_EQ(file.headers, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(rows_of(file), (Rows{{"1", "2"}, {"3", "4"}}));
  EXPECT_EQ(row_numbers(file), (std::vector<std::size_t>{4, 8}));
}

TEST(TabularCsvTest, PadsShortRowsAndRefusesValuesBeyondTheHeader) {
  EXPECT_EQ(rows_of(csv_ok("a,b,c\n1\n1,2\n")), (Rows{{"1", "", ""}, {"1", "2", ""}}));
  // Excel pads every row to its used range: blank cells past the header go.
  const TabularFile padded = csv_ok("a,b,,\n1,2,,\n");
  EXPECT_EQ(padded.headers, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(rows_of(padded), (Rows{{"1", "2"}}));
  const Error error = csv_error("a,b\n1,2\n3,4,5\n");
  EXPECT_EQ(error.code, "bad-file");
  EXPECT_EQ(error.field, "file");
  EXPECT_TRUE(error.message.starts_with("支出.csv: row 3: has 3 cells but the header has 2")) << error.message;
  EXPECT_TRUE(contains(error.message, "column C holds '5'")) << error.message;
}

TEST(TabularCsvTest, RefusesAnUnterminatedQuoteNamingTheRow) {
  const Error error = csv_error("a,b\n1,2\n3,\"never closed\n4,5\n");
  EXPECT_EQ(error.code, "bad-file");
  EXPECT_TRUE(error.message.starts_with("支出.csv: row 3: column B: the quote opened on line 3 never closes"))
      << error.message;
  const Error after = csv_error("a,b\n\"x\"y,2\n");
  EXPECT_TRUE(contains(after.message, "row 2: column A: text follows the closing quote")) << after.message;
}

TEST(TabularCsvTest, RefusesNulBytesAndEmptyFiles) {
  const Error nul = csv_error("a,b\n1,\0\n"s);
  EXPECT_EQ(nul.code, "bad-file");
  EXPECT_TRUE(contains(nul.message, "NUL byte at byte offset 6 (line 2)")) << nul.message;
  for (const std::string& empty : {""s, "\xEF\xBB\xBF"s, "\r\n\n  \n"s, ",,,\n"s}) {
    const Error error = csv_error(empty);
    EXPECT_EQ(error.code, "bad-file") << empty;
    EXPECT_EQ(error.message, "支出.csv: is empty: there is no header row") << empty;
  }
}

TEST(TabularCsvTest, KeepsControlCharactersOtherThanNulForCallersToJudge) {
  EXPECT_EQ(rows_of(csv_ok("a,b\nx\x01y,\x7F\n")), (Rows{{"x\x01y", "\x7F"}}));
}

TEST(TabularCsvTest, DetectsTabOrSemicolonOnlyWhenTheHeaderIsUnambiguous) {
  EXPECT_EQ(rows_of(csv_ok("收款方\t金额\n甲, 乙公司\t1,234.56\n")), (Rows{{"甲, 乙公司", "1,234.56"}}));
  EXPECT_EQ(rows_of(csv_ok("收款方;金额\n甲;1234,56\n")), (Rows{{"甲", "1234,56"}}));
  // A comma anywhere in the header means comma.
  EXPECT_EQ(csv_ok("a;b,c\n1;2,3\n").headers, (std::vector<std::string>{"a;b", "c"}));
  // Both a TAB and a semicolon and no comma: not clear, so comma (one column).
  EXPECT_EQ(csv_ok("a;b\tc\n1\n").headers, (std::vector<std::string>{"a;b\tc"}));
  // Delimiters inside quotes do not count.
  EXPECT_EQ(csv_ok("\"a;b\"\n1\n").headers, (std::vector<std::string>{"a;b"}));
}

TEST(TabularCsvTest, EnforcesTheLimits) {
  TabularLimits limits;
  limits.bytes_max = 10;
  EXPECT_TRUE(contains(csv_error("a,b\n1,2\n3,4\n", limits).message, "more than the 10 allowed"));
  limits = {};
  limits.rows_max = 2;
  EXPECT_EQ(csv_ok("a\n1\n2\n", limits).rows.size(), 2u);
  EXPECT_TRUE(contains(csv_error("a\n1\n2\n3\n", limits).message, "row 4: more than 2 data rows"));
  limits = {};
  limits.columns_max = 3;
  EXPECT_TRUE(contains(csv_error("a,b,c,d\n", limits).message, "row 1: has more than 3 cells"));
  limits = {};
  limits.cell_bytes_max = 4;
  EXPECT_EQ(rows_of(csv_ok("a\n1234\n\"5678\"\n", limits)), (Rows{{"1234"}, {"5678"}}));
  EXPECT_TRUE(contains(csv_error("a\n12345\n", limits).message, "row 2: column A: the cell is more than 4 bytes"));
  EXPECT_TRUE(contains(csv_error("a\n\"12\"\"45\"\n", limits).message, "row 2: column A"));
}

TEST(TabularCsvTest, NeverCrashesOnMangledInput) {
  std::mt19937 random(20240315);
  const std::string seeds[] = {expenditure_csv, encode(expenditure_csv, "GBK"), "a,\"b\"\"\r\n\"x\n"};
  for (int round = 0; round < 3000; ++round) {
    std::string bytes = seeds[static_cast<std::size_t>(round) % 3];
    const int flips = 1 + static_cast<int>(random() % 6);
    for (int flip = 0; flip < flips; ++flip) {
      bytes[random() % bytes.size()] = static_cast<char>(random() % 256);
    }
    bytes.resize(random() % (bytes.size() + 1));
    const auto file = parse_csv_bytes(bytes, "fuzz.csv");
    if (!file.ok()) {
      EXPECT_TRUE(file.error().code == "bad-file" || file.error().code == "bad-encoding");
    }
  }
}

// ---------------------------------------------------------------------------
// XLSX written by libxlsxwriter.

TEST(TabularXlsxTest, KeepsNumbersAsStoredAndTurnsDateCellsIntoIsoDates) {
  const std::string bytes = build_xlsx([](lxw_workbook* workbook) {
    lxw_worksheet* sheet = workbook_add_worksheet(workbook, "支出明细");
    lxw_format* date = workbook_add_format(workbook);
    format_set_num_format(date, "yyyy-mm-dd");
    lxw_format* builtin_date = workbook_add_format(workbook);
    format_set_num_format_index(builtin_date, 14);
    lxw_format* chinese_date = workbook_add_format(workbook);
    format_set_num_format(chinese_date, "yyyy\"年\"m\"月\"d\"日\"");
    lxw_format* money = workbook_add_format(workbook);
    format_set_num_format(money, "#,##0.00\"元\"");
    lxw_format* text = workbook_add_format(workbook);
    format_set_num_format(text, "@");
    const char* headers[] = {"收款方", "金额", "日期", "内置日期", "中文日期", "文本数字", "文本格式", "整数"};
    for (lxw_col_t column = 0; column < 8; ++column) worksheet_write_string(sheet, 0, column, headers[column], nullptr);
    worksheet_write_string(sheet, 1, 0, "付款方科技有限公司", nullptr);
    worksheet_write_number(sheet, 1, 1, 1234.56, money);
    lxw_datetime march_15 = {2024, 3, 15, 0, 0, 0};
    worksheet_write_datetime(sheet, 1, 2, &march_15, date);
    lxw_datetime afternoon = {2024, 3, 15, 18, 0, 0};
    worksheet_write_datetime(sheet, 1, 3, &afternoon, builtin_date);
    worksheet_write_datetime(sheet, 1, 4, &march_15, chinese_date);
    worksheet_write_string(sheet, 1, 5, "1234.50", nullptr);
    worksheet_write_number(sheet, 1, 6, 45366, text);
    worksheet_write_number(sheet, 1, 7, 200000, nullptr);
    worksheet_write_string(sheet, 2, 0, "0.1", nullptr);
    worksheet_write_number(sheet, 2, 1, 0.1, nullptr);
  });
  const TabularFile file = xlsx_ok(bytes);
  EXPECT_EQ(file.format, "xlsx");
  EXPECT_EQ(file.encoding, "xlsx");
  EXPECT_EQ(file.sheet_name, "支出明细");
  EXPECT_EQ(file.header_row_number, 1u);
  EXPECT_EQ(file.headers, (std::vector<std::string>{"收款方", "金额", "日期", "内置日期", "中文日期", "文本数字", "文本格式", "整数"}));
  EXPECT_EQ(rows_of(file), (Rows{{"付款方科技有限公司", "1234.56", "2024-03-15", "2024-03-15", "2024-03-15", "1234.50", "45366", "200000"},
                                 {"0.1", "0.1", "", "", "", "", "", ""}}));
  EXPECT_EQ(row_numbers(file), (std::vector<std::size_t>{2, 3}));
}

TEST(TabularXlsxTest, KeepsSparseCellsAndTheSpreadsheetsRowNumbers) {
  const std::string bytes = build_xlsx([](lxw_workbook* workbook) {
    lxw_worksheet* sheet = workbook_add_worksheet(workbook, nullptr);
    lxw_format* border = workbook_add_format(workbook);
    format_set_border(border, LXW_BORDER_THIN);
    worksheet_write_string(sheet, 2, 0, "外部编号", nullptr);  // header on row 3
    worksheet_write_string(sheet, 2, 1, "摘要", nullptr);
    worksheet_write_string(sheet, 2, 2, "金额", nullptr);
    worksheet_write_string(sheet, 3, 0, "ZC-1", nullptr);
    worksheet_write_number(sheet, 3, 2, 50, nullptr);  // B4 left blank
    worksheet_write_blank(sheet, 4, 0, border);       // a formatted but empty row 5
    worksheet_write_blank(sheet, 4, 1, border);
    worksheet_write_string(sheet, 9, 1, "第十行", nullptr);
    worksheet_write_blank(sheet, 9, 5, border);       // formatted blank past the header
  });
  const TabularFile file = xlsx_ok(bytes);
  EXPECT_EQ(file.header_row_number, 3u);
  EXPECT_EQ(rows_of(file), (Rows{{"ZC-1", "", "50"}, {"", "第十行", ""}}));
  EXPECT_EQ(row_numbers(file), (std::vector<std::size_t>{4, 10}));
}

TEST(TabularXlsxTest, ReadsSharedInlineAndRichStringsBooleansAndFormulaResults) {
  for (const bool constant_memory : {false, true}) {  // constant memory writes inline strings
    const std::string bytes = build_xlsx(
        [](lxw_workbook* workbook) {
          lxw_worksheet* sheet = workbook_add_worksheet(workbook, nullptr);
          lxw_format* bold = workbook_add_format(workbook);
          format_set_bold(bold);
          worksheet_write_string(sheet, 0, 0, "收款方", nullptr);
          worksheet_write_string(sheet, 0, 1, "已付", nullptr);
          worksheet_write_string(sheet, 0, 2, "合计", nullptr);
          lxw_rich_string_tuple first = {bold, const_cast<char*>("付款")};
          lxw_rich_string_tuple second = {nullptr, const_cast<char*>("方 ")};
          lxw_rich_string_tuple* fragments[] = {&first, &second, nullptr};
          worksheet_write_rich_string(sheet, 1, 0, fragments, nullptr);
          worksheet_write_boolean(sheet, 1, 1, 1, nullptr);
          worksheet_write_formula_num(sheet, 1, 2, "=1+1", nullptr, 2);
          worksheet_write_string(sheet, 2, 0, "第二行\n换行", nullptr);
          worksheet_write_boolean(sheet, 2, 1, 0, nullptr);
        },
        constant_memory);
    const TabularFile file = xlsx_ok(bytes);
    EXPECT_EQ(file.headers, (std::vector<std::string>{"收款方", "已付", "合计"})) << constant_memory;
    EXPECT_EQ(rows_of(file), (Rows{{"付款方 ", "TRUE", "2"}, {"第二行\n换行", "FALSE", ""}})) << constant_memory;
  }
}

TEST(TabularXlsxTest, ReadsOnlyTheFirstSheet) {
  const std::string bytes = build_xlsx([](lxw_workbook* workbook) {
    lxw_worksheet* first = workbook_add_worksheet(workbook, "第一页");
    lxw_worksheet* second = workbook_add_worksheet(workbook, "第二页");
    worksheet_write_string(first, 0, 0, "金额", nullptr);
    worksheet_write_number(first, 1, 0, 1, nullptr);
    worksheet_write_string(second, 0, 0, "别的", nullptr);
    worksheet_write_number(second, 1, 0, 2, nullptr);
    worksheet_write_number(second, 2, 0, 3, nullptr);
    worksheet_activate(second);  // even when Excel opens on the second
  });
  const TabularFile file = xlsx_ok(bytes);
  EXPECT_EQ(file.sheet_name, "第一页");
  EXPECT_EQ(file.headers, (std::vector<std::string>{"金额"}));
  EXPECT_EQ(rows_of(file), (Rows{{"1"}}));
}

TEST(TabularXlsxTest, ListsSheetsAndReadsAnyOneAsAGrid) {
  HandMadeWorkbook workbook;
  workbook.sheets = R"(<sheet name="说明" sheetId="1" state="hidden" r:id="rId1"/><sheet name="第二页" sheetId="2" r:id="rId2"/>)";
  workbook.sheet_data = "<row r=\"1\">" + inline_cell("A1", "标题") + "</row><row r=\"3\">" +
                        inline_cell("A3", "类别") + number_cell("C3", "1234.50", 3) + "</row><row r=\"4\"/>" +
                        "<row r=\"5\">" + inline_cell("B5", "合计") + "</row>";
  const std::string bytes = workbook.bytes();
  const auto names = list_xlsx_sheets(bytes, "支出.xlsx");
  ASSERT_TRUE(names.ok()) << names.error().message;
  EXPECT_EQ(names.value(), (std::vector<std::string>{"说明", "第二页"}));

  // No header: rows of any width, the hidden sheet readable when asked for.
  const auto first = parse_xlsx_sheet_grid(bytes, "支出.xlsx", 0);
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(first.value().sheet_name, "说明");
  EXPECT_TRUE(first.value().headers.empty());
  EXPECT_EQ(first.value().header_row_number, 0u);
  EXPECT_EQ(rows_of(first.value()), (Rows{{"标题"}, {"类别", "", "1234.50"}, {"", "合计"}}));
  EXPECT_EQ(row_numbers(first.value()), (std::vector<std::size_t>{1, 3, 5}));
  const auto second = parse_xlsx_sheet_grid(bytes, "支出.xlsx", 1);
  ASSERT_TRUE(second.ok()) << second.error().message;
  EXPECT_EQ(second.value().sheet_name, "第二页");
  EXPECT_EQ(rows_of(second.value()), (Rows{{"第二页"}}));

  const auto beyond = parse_xlsx_sheet_grid(bytes, "支出.xlsx", 2);
  ASSERT_FALSE(beyond.ok());
  EXPECT_EQ(beyond.error().message, "支出.xlsx: has no sheet 3, only 2");
  EXPECT_EQ(beyond.error().code, "bad-file");
  // The upload reader still refuses the hidden first sheet.
  EXPECT_TRUE(contains(xlsx_error(bytes).message, "the first sheet '说明' is hidden"));
  EXPECT_FALSE(list_xlsx_sheets("not a zip", "支出.xlsx").ok());
  TabularLimits limits;
  limits.rows_max = 2;
  EXPECT_TRUE(contains(parse_xlsx_sheet_grid(bytes, "支出.xlsx", 0, limits).error().message, "more than 2 rows"));
}

TEST(TabularXlsxTest, RefusesAValueBeyondTheHeaderAndAnEmptySheet) {
  const std::string wide = build_xlsx([](lxw_workbook* workbook) {
    lxw_worksheet* sheet = workbook_add_worksheet(workbook, nullptr);
    worksheet_write_string(sheet, 0, 0, "金额", nullptr);
    worksheet_write_number(sheet, 1, 0, 1, nullptr);
    worksheet_write_string(sheet, 6, 3, "多余", nullptr);
  });
  const Error error = xlsx_error(wide);
  EXPECT_TRUE(error.message.starts_with("支出.xlsx: row 7: has a value in column D ('多余')")) << error.message;
  const std::string empty = build_xlsx([](lxw_workbook* workbook) { workbook_add_worksheet(workbook, "空"); });
  EXPECT_EQ(xlsx_error(empty).message, "支出.xlsx: the first sheet '空' is empty: there is no header row");
}

TEST(TabularXlsxTest, RefusesCorruptTruncatedAndNonWorkbookArchives) {
  const std::string good = build_xlsx([](lxw_workbook* workbook) {
    lxw_worksheet* sheet = workbook_add_worksheet(workbook, nullptr);
    for (lxw_row_t row = 0; row < 200; ++row) worksheet_write_string(sheet, row, 0, "收款方科技有限公司", nullptr);
  });
  ASSERT_TRUE(parse_xlsx_bytes(good, "x").ok());
  EXPECT_TRUE(contains(xlsx_error(good.substr(0, good.size() / 2)).message, "not a readable XLSX file"));
  EXPECT_TRUE(contains(xlsx_error("PK\x03\x04 this is not really a zip").message, "not a readable XLSX file"));
  EXPECT_TRUE(contains(xlsx_error("").message, "not a readable XLSX file"));
  const Error not_a_workbook = xlsx_error(build_zip({{"readme.txt", "hello"}}));
  EXPECT_EQ(not_a_workbook.message, "支出.xlsx: is a ZIP archive but not an Excel workbook (it has no xl/workbook.xml)");
  const Error no_relationships = xlsx_error(build_zip({{"xl/workbook.xml", "<workbook/>"}}));
  EXPECT_TRUE(contains(no_relationships.message, "has no xl/_rels/workbook.xml.rels")) << no_relationships.message;
  EXPECT_TRUE(contains(xlsx_error(build_zip({{"xl/workbook.bin", "x"}})).message, ".xlsb"));
  // Damage inside the compressed data of a part: a CRC or inflate error.
  std::string damaged = good;
  const std::size_t sheet_data = damaged.find("xl/worksheets/sheet1.xml") + 60;
  for (std::size_t index = sheet_data; index < sheet_data + 40 && index < damaged.size(); ++index) damaged[index] ^= 0x5A;
  EXPECT_FALSE(parse_xlsx_bytes(damaged, "x").ok());
}

TEST(TabularXlsxTest, NeverCrashesOnMangledArchives) {
  const std::string good = build_xlsx([](lxw_workbook* workbook) {
    lxw_worksheet* sheet = workbook_add_worksheet(workbook, nullptr);
    lxw_format* date = workbook_add_format(workbook);
    format_set_num_format(date, "yyyy-mm-dd");
    worksheet_write_string(sheet, 0, 0, "日期", nullptr);
    worksheet_write_number(sheet, 1, 0, 45366, date);
  });
  std::mt19937 random(7);
  for (int round = 0; round < 1500; ++round) {
    std::string bytes = good;
    const int flips = 1 + static_cast<int>(random() % 4);
    for (int flip = 0; flip < flips; ++flip) bytes[random() % bytes.size()] = static_cast<char>(random() % 256);
    if (round % 5 == 0) bytes.resize(random() % bytes.size());
    const auto file = parse_xlsx_bytes(bytes, "fuzz.xlsx");
    if (!file.ok()) {
      EXPECT_EQ(file.error().code, "bad-file");
    }
  }
}

// ---------------------------------------------------------------------------
// XLSX written by hand.

TEST(TabularXlsxTest, ConvertsDateSerialsWithIntegerArithmeticIncludingLotusLeapDay) {
  HandMadeWorkbook book;
  book.sheet_data = "<row r=\"1\">" + inline_cell("A1", "日期") + "</row>";
  const std::vector<std::pair<std::string, int>> cells = {
      {"45366", 1}, {"45366.75", 1}, {"60", 1}, {"61", 1}, {"1", 1}, {"59", 1},
      {"45366.999999999993", 1},  // a midnight computed in floating point
      {"0.5", 1},                 // a time of day alone: no date
      {"45366", 2},               // yyyy"年"m"月"d"日"
      {"1234.5", 3},              // #,##0.00"元": a number
      {"45366", 0},               // General
      {"45366", 4},               // text format
      {"-1", 1},                  // no such date: kept
      {"2958465", 1},             // 9999-12-31
      {"2958466", 1},             // past it: kept
      {"4.5366E4", 1},            // not a plain decimal: kept
  };
  for (std::size_t index = 0; index < cells.size(); ++index) {
    const std::string row = std::to_string(index + 2);
    book.sheet_data += "<row r=\"" + row + "\">" + number_cell("A" + row, cells[index].first, cells[index].second) + "</row>";
  }
  const TabularFile file = xlsx_ok(book.bytes());
  EXPECT_EQ(rows_of(file), (Rows{{"2024-03-15"}, {"2024-03-15"}, {"1900-02-29"}, {"1900-03-01"}, {"1900-01-01"},
                                 {"1900-02-28"}, {"2024-03-16"}, {"0.5"}, {"2024-03-15"}, {"1234.5"}, {"45366"},
                                 {"45366"}, {"-1"}, {"9999-12-31"}, {"2958466"}, {"4.5366E4"}}));
}

TEST(TabularXlsxTest, HonoursThe1904DateSystem) {
  HandMadeWorkbook book;
  book.workbook_properties = "<workbookPr date1904=\"1\"/>";
  book.sheet_data = "<row r=\"1\">" + inline_cell("A1", "日期") + "</row><row r=\"2\">" + number_cell("A2", "43904", 1) + "</row>";
  EXPECT_EQ(rows_of(xlsx_ok(book.bytes())), (Rows{{"2024-03-15"}}));
}

TEST(TabularXlsxTest, ReadsErrorFormulaStringDateAndEscapedCells) {
  HandMadeWorkbook book;
  book.shared_strings =
      "<si><t>收款方</t></si>"
      "<si><t>漢字</t><rPh sb=\"0\" eb=\"2\"><t>かんじ</t></rPh><phoneticPr fontId=\"1\"/></si>"
      "<si><r><rPr><b/></rPr><t>付款</t></r><r><t xml:space=\"preserve\">方 </t></r></si>"
      "<si><t>a_x000D_b_x005F_x000D_</t></si>";
  book.sheet_data =
      "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c>" + inline_cell("B1", "结果") + inline_cell("C1", "公式") +
      inline_cell("D1", "日期") + inline_cell("E1", "行内") + "</row>"
      "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>1</v></c><c r=\"B2\" t=\"e\"><f>NA()</f><v>#N/A</v></c>"
      "<c r=\"C2\" t=\"str\"><f>A2&amp;\"x\"</f><v>漢字x</v></c><c r=\"D2\" t=\"d\"><v>2024-03-15T00:00:00</v></c>"
      "<c r=\"E2\" t=\"inlineStr\"><is><r><t>行</t></r><r><t>内</t></r></is></c></row>"
      "<row r=\"3\"><c r=\"A3\" t=\"s\"><v>2</v></c><c r=\"B3\" t=\"s\"><v>3</v></c></row>";
  const TabularFile file = xlsx_ok(book.bytes());
  EXPECT_EQ(file.headers, (std::vector<std::string>{"收款方", "结果", "公式", "日期", "行内"}));
  EXPECT_EQ(rows_of(file), (Rows{{"漢字", "#N/A", "漢字x", "2024-03-15", "行内"}, {"付款方 ", "a\rb_x000D_", "", "", ""}}));
}

TEST(TabularXlsxTest, FollowsRelationshipsAndNamespacePrefixes) {
  HandMadeWorkbook book;
  book.sheet_target = "/xl/data/../other/支出.xml";
  book.sheet_part = "xl/other/支出.xml";
  book.sheet_xml = std::string("<x:worksheet xmlns:x=\"") + main_namespace +
                   "\"><x:sheetData><x:row><x:c t=\"inlineStr\"><x:is><x:t>金额</x:t></x:is></x:c></x:row>"
                   "<x:row><x:c><x:v>1234.56</x:v></x:c></x:row></x:sheetData></x:worksheet>";
  const TabularFile file = xlsx_ok(book.bytes());
  EXPECT_EQ(file.headers, (std::vector<std::string>{"金额"}));
  EXPECT_EQ(rows_of(file), (Rows{{"1234.56"}}));
  EXPECT_EQ(row_numbers(file), (std::vector<std::size_t>{2}));
}

TEST(TabularXlsxTest, RefusesMalformedSheetsWithTheRow) {
  const auto refuse = [](const std::string& sheet_data, std::string_view expected) {
    HandMadeWorkbook book;
    book.shared_strings = "<si><t>x</t></si>";
    book.sheet_data = "<row r=\"1\">" + inline_cell("A1", "金额") + "</row>" + sheet_data;
    const Error error = xlsx_error(book.bytes());
    EXPECT_TRUE(contains(error.message, expected)) << error.message;
  };
  refuse("<row r=\"2\"><c r=\"A2\" t=\"s\"><v>7</v></c></row>", "row 2: cell A2 refers to shared string 7 but there are only 1");
  refuse("<row r=\"3\"/><row r=\"2\"/>", "the next row is numbered '2', not after row 3");
  refuse("<row r=\"2\"><c r=\"A5\"><v>1</v></c></row>", "row 2: the cell reference 'A5' is not in this row");
  refuse("<row r=\"2\"><c r=\"B2\"><v>1</v></c><c r=\"A2\"><v>1</v></c></row>", "row 2: cell A2 is out of order or repeated");
  refuse("<row r=\"2\"><c r=\"A2\" t=\"zz\"><v>1</v></c></row>", "row 2: cell A2 has an unknown type");
  refuse("<row r=\"2\"><c r=\"A2\"><v>1</v>", "is not well-formed XML");
}

TEST(TabularXlsxTest, RefusesHiddenOrChartFirstSheetsAndDoctypes) {
  HandMadeWorkbook hidden;
  hidden.sheets = R"(<sheet name="说明" sheetId="1" state="hidden" r:id="rId1"/><sheet name="支出" sheetId="2" r:id="rId2"/>)";
  EXPECT_TRUE(contains(xlsx_error(hidden.bytes()).message, "the first sheet '说明' is hidden"));
  HandMadeWorkbook missing;
  missing.sheets = R"(<sheet name="支出" sheetId="1" r:id="rId404"/>)";
  EXPECT_TRUE(contains(xlsx_error(missing.bytes()).message, "has no part in the workbook"));
  HandMadeWorkbook no_sheets;
  no_sheets.sheets = "";
  EXPECT_TRUE(contains(xlsx_error(no_sheets.bytes()).message, "the workbook has no sheets"));
  HandMadeWorkbook laughs;
  laughs.sheet_xml = "<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;\">]>"
                     "<worksheet><sheetData><row><c t=\"inlineStr\"><is><t>&lol2;</t></is></c></row></sheetData></worksheet>";
  EXPECT_TRUE(contains(xlsx_error(laughs.bytes()).message, "has a DOCTYPE"));
}

TEST(TabularXlsxTest, CapsWhatAnArchiveUnpacksTo) {
  HandMadeWorkbook bomb;
  // 8 MiB of spaces compress to a few KiB.
  bomb.sheet_xml = std::string("<worksheet xmlns=\"") + main_namespace + "\"><sheetData>" +
                   std::string(8u << 20, ' ') + "</sheetData></worksheet>";
  const std::string bytes = bomb.bytes();
  EXPECT_LT(bytes.size(), 100'000u);
  TabularLimits limits;
  limits.expanded_bytes_max = 1u << 20;
  EXPECT_TRUE(contains(xlsx_error(bytes, limits).message, "unpacks to more than 1048576 bytes"));
  // One long shared string repeated in every cell counts as often as it is used.
  HandMadeWorkbook repeated;
  repeated.shared_strings = "<si><t>" + std::string(4000, 'x') + "</t></si>";
  repeated.sheet_data = "<row r=\"1\">" + inline_cell("A1", "摘要") + "</row>";
  for (int row = 2; row < 400; ++row) repeated.sheet_data += "<row><c t=\"s\"><v>0</v></c></row>";
  EXPECT_TRUE(contains(xlsx_error(repeated.bytes(), limits).message, "unpacks to more than"));
  // And the per-cell, per-row and per-column limits apply as for CSV.
  limits = {};
  limits.cell_bytes_max = 100;
  EXPECT_TRUE(contains(xlsx_error(repeated.bytes(), limits).message, "row 2: cell A2: the cell is more than 100 bytes"));
  limits = {};
  limits.rows_max = 10;
  EXPECT_TRUE(contains(xlsx_error(repeated.bytes(), limits).message, "row 12: more than 10 data rows"));
  limits = {};
  limits.columns_max = 1;
  HandMadeWorkbook wide;
  wide.sheet_data = "<row r=\"1\">" + inline_cell("A1", "a") + inline_cell("B1", "b") + "</row>";
  EXPECT_TRUE(contains(xlsx_error(wide.bytes(), limits).message, "row 1: cell B1 holds a value beyond the 1 columns"));
}

// ---------------------------------------------------------------------------
// read_tabular_file: the file system and choosing the format.

TEST(TabularFileTest, ChoosesTheFormatByContent) {
  const std::string xlsx = build_xlsx([](lxw_workbook* workbook) {
    lxw_worksheet* sheet = workbook_add_worksheet(workbook, nullptr);
    worksheet_write_string(sheet, 0, 0, "金额", nullptr);
    worksheet_write_number(sheet, 1, 0, 1234.56, nullptr);
  });
  const auto misnamed = temp_path("支出.csv");
  write_file(misnamed, xlsx);
  const auto from_xlsx = read_tabular_file(misnamed.string());
  ASSERT_TRUE(from_xlsx.ok()) << from_xlsx.error().message;
  EXPECT_EQ(from_xlsx.value().format, "xlsx");
  EXPECT_EQ(rows_of(from_xlsx.value()), (Rows{{"1234.56"}}));

  const auto csv = temp_path("支出.txt");
  write_file(csv, encode("金额\n1234.56\n", "GBK"));
  const auto from_csv = read_tabular_file(csv.string());
  ASSERT_TRUE(from_csv.ok()) << from_csv.error().message;
  EXPECT_EQ(from_csv.value().format, "csv");
  EXPECT_EQ(from_csv.value().encoding, "gb18030");
  EXPECT_EQ(rows_of(from_csv.value()), (Rows{{"1234.56"}}));

  const auto fake = temp_path("支出.xlsx");
  write_file(fake, "金额\n1\n");
  const auto from_fake = read_tabular_file(fake.string());
  ASSERT_FALSE(from_fake.ok());
  EXPECT_EQ(from_fake.error().code, "bad-file");
  EXPECT_EQ(from_fake.error().message, fake.string() + ": is named .xlsx but is not an Excel workbook (no ZIP "
                                                       "signature): it may be truncated or another kind of file");

  const auto old_excel = temp_path("旧.xls");
  write_file(old_excel, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 rest of an OLE file");
  EXPECT_TRUE(contains(read_tabular_file(old_excel.string()).error().message, "Excel 97-2003 (.xls)"));
  for (const auto& path : {misnamed, csv, fake, old_excel}) std::filesystem::remove(path);
}

TEST(TabularFileTest, RefusesMissingDirectoriesAndOversizedFiles) {
  const auto missing = read_tabular_file("/nonexistent/支出.csv");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, "bad-file");
  EXPECT_TRUE(missing.error().message.starts_with("/nonexistent/支出.csv: cannot be opened")) << missing.error().message;
  const auto directory = read_tabular_file(std::filesystem::temp_directory_path().string());
  EXPECT_TRUE(contains(directory.error().message, "is not a regular file"));
  const auto large = temp_path("large.csv");
  write_file(large, "金额\n" + std::string(2000, '1') + "\n");
  TabularLimits limits;
  limits.bytes_max = 1000;
  EXPECT_TRUE(contains(read_tabular_file(large.string(), limits).error().message, "more than the 1000 allowed"));
  std::filesystem::remove(large);
}

TEST(TabularSourceTest, NoFloatingPointTouchesCellValues) {
  // Cells carry money: the readers must not even have a way to go through
  // double. A change that adds one fails here and needs a reason.
  const std::regex floating(R"(\b(double|float|stod|stof|stold|strtod|strtof|atof)\b)");
  std::size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(std::filesystem::path(JIANGBU_SOURCE_DIR) / "src/tabular")) {
    std::ifstream stream(entry.path());
    std::stringstream content;
    content << stream.rdbuf();
    const std::string text = content.str();
    EXPECT_FALSE(std::regex_search(text, floating)) << entry.path();
    ++files;
  }
  EXPECT_GE(files, 8u);
}

// ---------------------------------------------------------------------------
// Header mapping.

TEST(TabularColumnsTest, MapsChineseHeadersInAnyOrderWithOptionalColumnsAbsent) {
  const auto specs = expenditure_columns();
  const std::vector<std::string> headers = {"金额（元）", " 外部编号 ", "奖补编号", "单位统一社会信用代码", "支付日期",
                                            "用途类别", "支付方式", "收款方", "摘要\u3000", "发票号码"};
  const auto map = map_columns(headers, specs);
  ASSERT_TRUE(map.ok()) << map.error().message;
  EXPECT_EQ(map.value().index_by_spec, (std::vector<int>{1, 2, 3, 4, 0, 5, 6, 7, -1, -1, 9, 8}));
  // The keys themselves work too, ASCII case and spaces ignored.
  const auto by_key = map_columns({"External_ID", "AWARD_ID", "unit_uscc", "Date", "amount ", "category",
                                   "payment_method", "payee"},
                                  specs);
  ASSERT_TRUE(by_key.ok()) << by_key.error().message;
  EXPECT_EQ(by_key.value().index_by_spec[4], 4);
  // The full CSV above maps as read.
  EXPECT_TRUE(map_columns(csv_ok(expenditure_csv).headers, specs).ok());
}

TEST(TabularColumnsTest, RefusesMissingDuplicateUnknownAndBlankColumnsAllAtOnce) {
  const auto specs = expenditure_columns();
  const std::vector<std::string> complete = {"外部编号", "奖补编号", "单位统一社会信用代码", "日期", "金额",
                                             "用途类别", "支付方式", "收款方"};
  auto missing = complete;
  missing.erase(missing.begin() + 4);
  const auto missing_error = map_columns(missing, specs);
  ASSERT_FALSE(missing_error.ok());
  EXPECT_EQ(missing_error.error().code, "bad-header");
  EXPECT_EQ(missing_error.error().field, "header");
  EXPECT_EQ(missing_error.error().message,
            "missing required column amount (金额, 金额（元）); the header has: 外部编号, 奖补编号, "
            "单位统一社会信用代码, 日期, 用途类别, 支付方式, 收款方");

  auto duplicate = complete;
  duplicate.push_back("Amount");
  EXPECT_TRUE(contains(map_columns(duplicate, specs).error().message, "columns E '金额' and I 'Amount' are both amount"));

  auto typo = complete;
  typo[4] = "金 额";
  const std::string typo_message = map_columns(typo, specs).error().message;
  EXPECT_TRUE(contains(typo_message, "unknown column E '金 额'")) << typo_message;
  EXPECT_TRUE(contains(typo_message, "missing required column amount")) << typo_message;

  auto extra = complete;
  extra.push_back("备注");
  EXPECT_TRUE(contains(map_columns(extra, specs).error().message, "unknown column I '备注'"));

  auto blank = complete;
  blank.insert(blank.begin() + 2, "  ");
  EXPECT_TRUE(contains(map_columns(blank, specs).error().message, "column C has no header"));

  const std::vector<ColumnSpec> clashing = {{"a", {"名称"}, true}, {"b", {"名称"}, false}};
  EXPECT_TRUE(contains(map_columns({"名称"}, clashing).error().message, "matches more than one column"));
}

TEST(TabularColumnsTest, NamesColumnsAsExcelDoes) {
  EXPECT_EQ(column_letters(0), "A");
  EXPECT_EQ(column_letters(25), "Z");
  EXPECT_EQ(column_letters(26), "AA");
  EXPECT_EQ(column_letters(701), "ZZ");
  EXPECT_EQ(column_letters(702), "AAA");
  EXPECT_EQ(column_letters(16383), "XFD");
}

}  // namespace
}  // namespace jiangbu

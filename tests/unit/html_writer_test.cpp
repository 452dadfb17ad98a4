// The HTML export of a report document: one self-contained page, every text
// escaped, money as people read it, the total row in <tfoot>, bar lengths
// exact, and the same bytes every time.
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include <gtest/gtest.h>

#include "report/html_writer.hpp"
#include "report/report_document.hpp"

namespace jiangbu {
namespace {

std::string render(const ReportDocument& document) {
  std::ostringstream out;
  write_document_html(out, document);
  return out.str();
}

bool contains(const std::string& text, std::string_view part) { return text.find(part) != std::string::npos; }

std::size_t count_of(const std::string& text, std::string_view part) {
  std::size_t count = 0;
  for (std::size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++count;
  return count;
}

// The text between the first `open` and the `close` after it.
std::string between(const std::string& text, std::string_view open, std::string_view close) {
  const std::size_t start = text.find(open);
  if (start == std::string::npos) return {};
  const std::size_t end = text.find(close, start);
  return end == std::string::npos ? std::string() : text.substr(start, end - start + close.size());
}

std::vector<long> bar_widths(const std::string& html) {
  std::vector<long> widths;
  const std::regex rect(R"re(<rect x="\d+" y="\d+" width="(\d+)")re");
  for (auto match = std::sregex_iterator(html.begin(), html.end(), rect); match != std::sregex_iterator(); ++match) {
    widths.push_back(std::stol((*match)[1]));
  }
  return widths;
}

ReportDocument sample_document() {
  ReportDocument document;
  document.key = "audit";
  document.title = "专项资金审计报告";
  document.subtitle = "2024 年度";
  document.metadata = {{"报告期间", "2024-01-01 至 2024-12-31"}, {"编制单位", "财政局"}};
  ReportTable table;
  table.key = "spending";
  table.title = "按类别支出";
  table.columns = {{"category", "类别", CellKind::text},
                   {"amount", "金额(元)", CellKind::money},
                   {"share", "占比", CellKind::percent},
                   {"count", "笔数", CellKind::count},
                   {"date", "日期", CellKind::date}};
  table.add_row({"宣传推介", "1234567.89", "87.50", "17", "2024-05-01"});
  table.add_row({"退款", "-0.50", "0.00", "1", ""});
  table.set_total_row({"合计", "1234567.39", "100.00", "18", ""});
  ReportSection section{"overview", "一、基本情况", {}};
  section.blocks.push_back(Paragraph{"资金已全部到位。"});
  section.blocks.push_back(table);
  section.blocks.push_back(BarChart{"by_category", "支出构成", CellKind::money,
                                    {{"宣传推介", "100.00"}, {"技能培训", "50.00"}, {"退款", "-5.00"},
                                     {"零", "0.00"}, {"三分之一", "33.33"}}});
  document.sections.push_back(section);
  return document;
}

TEST(HtmlWriterTest, IsOneSelfContainedChinesePageWithTheStyleSheetInlined) {
  const std::string html = render(sample_document());
  EXPECT_TRUE(html.starts_with("<!DOCTYPE html>\n<html lang=\"zh-CN\">")) << html.substr(0, 80);
  EXPECT_TRUE(contains(html, "<meta charset=\"utf-8\">"));
  EXPECT_TRUE(contains(html, "<title>专项资金审计报告</title>"));
  EXPECT_TRUE(contains(html, "<h1>专项资金审计报告</h1>"));
  EXPECT_TRUE(contains(html, "<p class=\"subtitle\">2024 年度</p>"));
  EXPECT_TRUE(contains(html, "<dt>报告期间</dt><dd>2024-01-01 至 2024-12-31</dd>"));
  EXPECT_TRUE(contains(html, "<h2>一、基本情况</h2>"));
  EXPECT_TRUE(contains(html, "<p>资金已全部到位。</p>"));
  // The style sheet, with the header repeated on every printed page.
  const std::string style = between(html, "<style>", "</style>");
  EXPECT_TRUE(contains(style, "thead { display: table-header-group; }")) << style;
  EXPECT_TRUE(contains(style, ".money, .percent, .count {"));
  // Nothing is fetched from elsewhere.
  EXPECT_FALSE(std::regex_search(html, std::regex(R"((src|href)=)"))) << html;
  EXPECT_FALSE(contains(html, "@import"));
}

TEST(HtmlWriterTest, EscapesHostileTextEverywhere) {
  ReportDocument document = sample_document();
  const std::string hostile = "<script>alert('x')</script>&\"";
  document.title = hostile;
  document.subtitle = hostile;
  document.metadata.emplace_back(hostile, hostile);
  document.sections[0].title = hostile;
  document.sections[0].key = "\"><script>";
  auto& table = std::get<ReportTable>(document.sections[0].blocks[1]);
  table.title = hostile;
  table.columns[0].header = hostile;
  table.add_row({hostile, hostile, "", "", hostile});  // not money: shown as text, escaped
  document.sections[0].blocks.push_back(Paragraph{hostile + "\x1B[2J\x07"});
  auto& chart = std::get<BarChart>(document.sections[0].blocks[2]);
  chart.title = hostile;
  chart.bars.push_back(ChartBar{hostile, "1.00"});
  const std::string html = render(document);
  EXPECT_FALSE(contains(html, "<script")) << html;
  EXPECT_FALSE(contains(html, "alert('x')"));
  EXPECT_FALSE(contains(html, "\x1B"));
  EXPECT_FALSE(contains(html, "\x07"));
  const std::string escaped = "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;";
  // title, h1, subtitle, dt, dd, h2, caption, th, three cells, paragraph,
  // figcaption, aria-label, the bar's tooltip and its label.
  EXPECT_EQ(count_of(html, escaped), 16u) << html;
  EXPECT_TRUE(contains(html, "id=\"section----script-\""));
}

TEST(HtmlWriterTest, FormatsMoneyAndPercentAndPutsTheTotalInTfoot) {
  const std::string html = render(sample_document());
  const std::string body = between(html, "<tbody>", "</tbody>");
  EXPECT_TRUE(contains(body, "<td class=\"money\">1,234,567.89</td><td class=\"percent\">87.50%</td>"
                             "<td class=\"count\">17</td><td class=\"date\">2024-05-01</td>")) << body;
  EXPECT_TRUE(contains(body, "<td class=\"money\">-0.50</td>")) << body;
  EXPECT_TRUE(contains(body, "<td class=\"date\"></td>")) << body;
  EXPECT_FALSE(contains(body, "合计"));
  const std::string foot = between(html, "<tfoot>", "</tfoot>");
  EXPECT_TRUE(contains(foot, "<td>合计</td><td class=\"money\">1,234,567.39</td><td class=\"percent\">100.00%</td>"))
      << foot;
  EXPECT_LT(html.find("</tbody>"), html.find("<tfoot>"));
  const std::string head = between(html, "<thead>", "</thead>");
  EXPECT_TRUE(contains(head, "<th scope=\"col\" class=\"money\">金额(元)</th>")) << head;
  EXPECT_TRUE(contains(html, "<caption>按类别支出</caption>"));
}

TEST(HtmlWriterTest, ShowsAnEmptyTableAndAnEmptyChart) {
  ReportDocument document = sample_document();
  auto& table = std::get<ReportTable>(document.sections[0].blocks[1]);
  table.rows.clear();
  table.total_row.clear();
  std::get<BarChart>(document.sections[0].blocks[2]).bars.clear();
  const std::string html = render(document);
  EXPECT_TRUE(contains(html, "<tbody>\n<tr><td class=\"empty\" colspan=\"5\">无</td></tr>\n</tbody>")) << html;
  EXPECT_FALSE(contains(html, "<tfoot>"));
  EXPECT_FALSE(contains(html, "<svg"));
  EXPECT_TRUE(contains(html, "<figcaption>支出构成</figcaption>\n<p class=\"empty\">无</p>"));
}

TEST(HtmlWriterTest, BarWidthsAreExactlyProportional) {
  const std::string html = render(sample_document());
  const std::vector<long> widths = bar_widths(html);
  ASSERT_EQ(widths.size(), 5u) << html;
  ASSERT_GT(widths[0], 0);
  EXPECT_EQ(widths[1] * 2, widths[0]);  // 50.00 is half of 100.00
  EXPECT_EQ(widths[2], 0);              // a negative value gets no bar
  EXPECT_EQ(widths[3], 0);
  // 33.33 of 100.00, rounded half up to whole pixels: W·3333/10000.
  EXPECT_EQ(widths[4], (widths[0] * 3333 * 2 + 10000) / 20000);
  EXPECT_TRUE(contains(html, "<text class=\"value\"")) << html;
  EXPECT_TRUE(contains(html, ">100.00</text>"));
  EXPECT_TRUE(contains(html, ">技能培训</text>"));

  ReportDocument percent = sample_document();
  percent.sections[0].blocks[2] =
      BarChart{"rates", "执行率", CellKind::percent, {{"甲", "87.50"}, {"乙", "43.75"}, {"丙", "0.00"}}};
  const std::string percent_html = render(percent);
  const std::vector<long> percent_widths = bar_widths(percent_html);
  ASSERT_EQ(percent_widths.size(), 3u);
  // Rates are drawn against 100 %, not against the largest rate.
  EXPECT_EQ(percent_widths[0], (widths[0] * 8750 * 2 + 10000) / 20000);
  EXPECT_EQ(percent_widths[1], (widths[0] * 4375 * 2 + 10000) / 20000);
  EXPECT_EQ(percent_widths[2], 0);
  EXPECT_TRUE(contains(percent_html, ">87.50%</text>"));

  // Amounts near Money's limit stay exact (no overflow, no rounding through double).
  ReportDocument huge = sample_document();
  huge.sections[0].blocks[2] = BarChart{"huge", "大额", CellKind::money,
                                        {{"甲", "9999999999999999.98"}, {"乙", "4999999999999999.99"}}};
  const std::vector<long> huge_widths = bar_widths(render(huge));
  ASSERT_EQ(huge_widths.size(), 2u);
  EXPECT_EQ(huge_widths[1] * 2, huge_widths[0]);
}

TEST(HtmlWriterTest, IsDeterministic) {
  const std::string first = render(sample_document());
  const std::string second = render(sample_document());
  EXPECT_EQ(first, second);
  EXPECT_FALSE(std::regex_search(first, std::regex(R"(20[2-9]\d-\d\d-\d\dT)")));  // no timestamps
}

TEST(HtmlWriterSourceTest, NoFloatingPointInTheBarLengths) {
  std::ifstream stream(std::filesystem::path(JIANGBU_SOURCE_DIR) / "src/report/html_writer.cpp");
  std::stringstream content;
  content << stream.rdbuf();
  ASSERT_FALSE(content.str().empty());
  EXPECT_FALSE(std::regex_search(content.str(), std::regex(R"(\b(double|float|stod|stof|strtod|atof)\b)")));
}

}  // namespace
}  // namespace jiangbu

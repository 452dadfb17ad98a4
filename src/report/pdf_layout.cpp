#include "report/pdf_layout.hpp"

#include <string>
#include <type_traits>
#include <utility>
#include <variant>

#include "report/pdf_chart.hpp"
#include "report/pdf_table.hpp"

namespace jiangbu {

namespace {

constexpr double title_gap_points = 8;
constexpr double metadata_gap_points = 14;
constexpr double section_gap_before_points = 16;
constexpr double section_gap_after_points = 8;
constexpr double paragraph_gap_points = 6;
constexpr double figure_gap_points = 14;     // around tables and charts
constexpr int heading_keep_lines = 3;        // a heading never ends a page
constexpr double header_baseline_gap_points = 12;  // running header above the content
constexpr double footer_offset_points = 24;        // page number below the content

constexpr Rgb rule_color{0.55, 0.55, 0.55};

Result<double> place_text(TextBox box, const PdfText& text, PageFlow& flow) {
  box.x_points = a4::content_left_points;
  box.wrap_width_points = a4::content_width_points;
  auto extent = text.measure(box);
  if (!extent) return extent.error();
  flow.keep_together(extent.value().height_points);
  box.y_points = flow.y_points();
  flow.add(std::move(box));
  flow.advance(extent.value().height_points);
  return extent.value().height_points;
}

Status place_title_block(const ReportDocument& document, const PdfText& text, PageFlow& flow) {
  auto title = place_text(TextBox{document.title, TextRole::title, 0, 0, 0, TextAlign::center}, text, flow);
  if (!title) return title.error();
  flow.advance(title_gap_points);
  if (!document.subtitle.empty()) {
    auto subtitle =
        place_text(TextBox{document.subtitle, TextRole::subtitle, 0, 0, 0, TextAlign::center}, text, flow);
    if (!subtitle) return subtitle.error();
    flow.advance(title_gap_points);
  }
  for (const auto& [key, value] : document.metadata) {
    auto line = place_text(TextBox{key + "：" + value, TextRole::metadata}, text, flow);
    if (!line) return line.error();
  }
  flow.advance(metadata_gap_points / 2);
  flow.add(Rule{a4::content_left_points, flow.y_points(), a4::content_left_points + a4::content_width_points,
                flow.y_points(), 0.8, rule_color});
  flow.advance(metadata_gap_points / 2);
  return success();
}

// A paragraph goes where it fits; a long one is cut between lines at the
// page end and goes on at the top of the next page.
Status place_paragraph(const Paragraph& paragraph, const PdfText& text, PageFlow& flow) {
  TextBox box{paragraph.text, TextRole::body};
  box.x_points = a4::content_left_points;
  box.wrap_width_points = a4::content_width_points;
  auto measured = text.measure(box);
  if (!measured) return measured.error();
  const TextExtent& extent = measured.value();
  const auto line_total = static_cast<int>(extent.line_tops_points.size());
  auto line_bottom = [&](int line) {
    return line + 1 < line_total ? extent.line_tops_points[static_cast<std::size_t>(line + 1)]
                                 : extent.height_points;
  };
  int line_first = 0;
  // Each round places lines or turns the page, and a turned page takes a line.
  for (int round = 0; round <= 2 * line_total && line_first < line_total; ++round) {
    const double first_top_points = extent.line_tops_points[static_cast<std::size_t>(line_first)];
    int line_end = line_first;
    while (line_end < line_total && line_bottom(line_end) - first_top_points <= flow.space_left_points()) {
      ++line_end;
    }
    if (line_end == line_first) {
      if (!flow.at_page_top()) {
        flow.new_page();
        continue;
      }
      line_end = line_first + 1;  // a line taller than a page: place it anyway
    }
    box.y_points = flow.y_points();
    box.line_first = line_first;
    box.line_count = line_first == 0 && line_end == line_total ? -1 : line_end - line_first;
    flow.add(box);
    flow.advance(line_bottom(line_end - 1) - first_top_points);
    line_first = line_end;
  }
  flow.advance(paragraph_gap_points);
  return success();
}

Status place_block(const ReportBlock& block, const PdfText& text, PageFlow& flow) {
  return std::visit(
      [&](const auto& content) -> Status {
        using Content = std::decay_t<decltype(content)>;
        // Only a table too wide for portrait turns its pages; whatever
        // follows it goes back to portrait.
        if constexpr (!std::is_same_v<Content, ReportTable>) flow.use_orientation(PageOrientation::portrait);
        if constexpr (std::is_same_v<Content, Paragraph>) {
          return place_paragraph(content, text, flow);
        } else {
          flow.advance(flow.at_page_top() ? 0 : figure_gap_points / 2);
          Status placed = success();
          if constexpr (std::is_same_v<Content, ReportTable>) placed = layout_table(content, text, flow);
          else placed = layout_bar_chart(content, text, flow);
          flow.advance(figure_gap_points);
          return placed;
        }
      },
      block);
}

// The orientation of the section's first page: a heading stays with its
// table, also when the table is on a landscape page.
Result<PageOrientation> section_orientation(const ReportSection& section, const PdfText& text) {
  if (section.blocks.empty()) return PageOrientation::portrait;
  const auto* table = std::get_if<ReportTable>(&section.blocks.front());
  if (table == nullptr) return PageOrientation::portrait;
  return table_orientation(*table, text);
}

Status place_section(const ReportSection& section, const PdfText& text, PageFlow& flow) {
  auto orientation = section_orientation(section, text);
  if (!orientation) return orientation.error();
  flow.use_orientation(orientation.value());
  if (!flow.at_page_top()) flow.advance(section_gap_before_points);
  TextBox heading{section.title, TextRole::heading};
  heading.wrap_width_points = a4::content_width_points;
  auto extent = text.measure(heading);
  if (!extent) return extent.error();
  flow.keep_together(extent.value().height_points + section_gap_after_points +
                     heading_keep_lines * text.line_height_points(TextRole::body));
  heading.x_points = a4::content_left_points;
  heading.y_points = flow.y_points();
  flow.add(std::move(heading));
  flow.advance(extent.value().height_points + section_gap_after_points);
  for (const ReportBlock& block : section.blocks) {
    if (auto placed = place_block(block, text, flow); !placed) return placed.error();
  }
  return success();
}

// The running header (the document title over a rule) and the page number.
void add_page_furniture(std::vector<PdfPage>& pages, const std::string& title, double furniture_line_points) {
  for (std::size_t index = 0; index < pages.size(); ++index) {
    const PageFrame frame = page_frame(pages[index].orientation);
    const double right_points = frame.content_left_points + frame.content_width_points;
    auto& items = pages[index].items;
    const double rule_y_points = frame.content_top_points - header_baseline_gap_points;
    TextBox header{title, TextRole::page_furniture};
    header.x_points = frame.content_left_points;
    header.y_points = rule_y_points - furniture_line_points - 2;
    header.wrap_width_points = frame.content_width_points;
    header.align = TextAlign::right;
    items.emplace_back(std::move(header));
    items.emplace_back(Rule{frame.content_left_points, rule_y_points, right_points, rule_y_points, 0.5, rule_color});
    TextBox footer{page_number_text(index + 1, pages.size()), TextRole::page_furniture};
    footer.x_points = frame.content_left_points;
    footer.y_points = frame.content_bottom_points + footer_offset_points;
    footer.wrap_width_points = frame.content_width_points;
    footer.align = TextAlign::center;
    items.emplace_back(std::move(footer));
  }
}

}  // namespace

std::string page_number_text(std::size_t page_number, std::size_t page_count) {
  return "第 " + std::to_string(page_number) + " 页 共 " + std::to_string(page_count) + " 页";
}

Result<std::vector<PdfPage>> layout_document(const ReportDocument& document, const PdfText& text) {
  PageFlow flow;
  if (auto placed = place_title_block(document, text, flow); !placed) return placed.error();
  for (const ReportSection& section : document.sections) {
    if (auto placed = place_section(section, text, flow); !placed) return placed.error();
  }
  std::vector<PdfPage> pages = std::move(flow.pages());
  add_page_furniture(pages, document.title, text.line_height_points(TextRole::page_furniture));
  return pages;
}

}  // namespace jiangbu

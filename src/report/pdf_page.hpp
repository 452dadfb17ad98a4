#pragma once
// Pages of the PDF export as data: A4 geometry, the things drawn on a page
// (text boxes, filled rectangles, rules) and PageFlow, which stacks blocks
// down the page and starts a new one when the next block does not fit.
//
// Laying out into these lists first and drawing afterwards is what lets the
// footer say "第 N 页 共 M 页": the page count is known before any drawing.
#include <variant>
#include <vector>

#include "report/pdf_text.hpp"

namespace jiangbu {

namespace a4 {
inline constexpr double width_points = 595.276;   // 210 mm
inline constexpr double height_points = 841.890;  // 297 mm
inline constexpr double margin_side_points = 56.693;    // 20 mm
inline constexpr double margin_top_points = 70.866;     // 25 mm: the running header sits in it
inline constexpr double margin_bottom_points = 62.362;  // 22 mm: the page number sits in it
inline constexpr double content_left_points = margin_side_points;
inline constexpr double content_width_points = width_points - 2 * margin_side_points;
inline constexpr double content_top_points = margin_top_points;
inline constexpr double content_bottom_points = height_points - margin_bottom_points;
}  // namespace a4

// A table too wide for a portrait page even in its smallest type is set on
// pages turned to landscape; everything else is portrait.
enum class PageOrientation { portrait, landscape };

// An A4 page of one orientation and the area inside its margins (the same
// margins either way round).
struct PageFrame {
  double width_points = 0;
  double height_points = 0;
  double content_left_points = 0;
  double content_width_points = 0;
  double content_top_points = 0;
  double content_bottom_points = 0;
};

PageFrame page_frame(PageOrientation orientation);

struct Rgb {
  double red = 0;
  double green = 0;
  double blue = 0;
};

struct FilledRect {
  double x_points = 0;
  double y_points = 0;
  double width_points = 0;
  double height_points = 0;
  Rgb color;
};

struct Rule {
  double x1_points = 0;
  double y1_points = 0;
  double x2_points = 0;
  double y2_points = 0;
  double thickness_points = 0.5;
  Rgb color;
};

using PageItem = std::variant<TextBox, FilledRect, Rule>;

struct PdfPage {
  PageOrientation orientation = PageOrientation::portrait;
  std::vector<PageItem> items;
};

// The cursor of the layout: where the next block goes, on which page.
class PageFlow {
 public:
  PageFlow();

  [[nodiscard]] double y_points() const { return y_points_; }
  [[nodiscard]] PageOrientation orientation() const { return pages_.back().orientation; }
  [[nodiscard]] PageFrame frame() const { return page_frame(orientation()); }
  [[nodiscard]] double space_left_points() const { return frame().content_bottom_points - y_points_; }
  [[nodiscard]] bool at_page_top() const { return y_points_ <= a4::content_top_points; }
  [[nodiscard]] bool fits(double height_points) const { return height_points <= space_left_points(); }

  // A new page of the current page's orientation.
  void new_page();
  // From here on pages are `orientation`: the current page turns if nothing
  // is on it yet, otherwise a new page starts.
  void use_orientation(PageOrientation orientation);
  // A new page unless `height_points` fits below the cursor. A block taller
  // than a whole page is placed at the top of one anyway (and overflows the
  // bottom margin) rather than making blank pages forever.
  void keep_together(double height_points);
  void advance(double height_points) { y_points_ += height_points; }
  void add(PageItem item);

  [[nodiscard]] std::vector<PdfPage>& pages() { return pages_; }

 private:
  std::vector<PdfPage> pages_;
  double y_points_ = a4::content_top_points;
};

}  // namespace jiangbu

#include "report/pdf_page.hpp"

#include <utility>

namespace jiangbu {

PageFlow::PageFlow() : pages_(1) {}

PageFrame page_frame(PageOrientation orientation) {
  const bool turned = orientation == PageOrientation::landscape;
  PageFrame frame;
  frame.width_points = turned ? a4::height_points : a4::width_points;
  frame.height_points = turned ? a4::width_points : a4::height_points;
  frame.content_left_points = a4::margin_side_points;
  frame.content_width_points = frame.width_points - 2 * a4::margin_side_points;
  frame.content_top_points = a4::margin_top_points;
  frame.content_bottom_points = frame.height_points - a4::margin_bottom_points;
  return frame;
}

void PageFlow::new_page() {
  const PageOrientation kept = orientation();
  pages_.emplace_back();
  pages_.back().orientation = kept;
  y_points_ = a4::content_top_points;
}

void PageFlow::use_orientation(PageOrientation wanted) {
  if (orientation() == wanted) return;
  if (!pages_.back().items.empty()) pages_.emplace_back();
  pages_.back().orientation = wanted;
  y_points_ = a4::content_top_points;
}

void PageFlow::keep_together(double height_points) {
  if (!fits(height_points) && !at_page_top()) new_page();
}

void PageFlow::add(PageItem item) { pages_.back().items.push_back(std::move(item)); }

}  // namespace jiangbu

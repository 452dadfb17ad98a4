#include "report/pdf_page.hpp"

#include <utility>

namespace jiangbu {

PageFlow::PageFlow() : pages_(1) {}

void PageFlow::new_page() {
  pages_.emplace_back();
  y_points_ = a4::content_top_points;
}

void PageFlow::keep_together(double height_points) {
  if (!fits(height_points) && !at_page_top()) new_page();
}

void PageFlow::add(PageItem item) { pages_.back().items.push_back(std::move(item)); }

}  // namespace jiangbu

#pragma once
// Text for the PDF export: the type styles of a report and a PdfText engine
// that measures and draws UTF-8 text with Pango on a cairo context.
//
// Every layout it makes is checked for glyphs no installed font has: a
// report that would print boxes ("tofu") instead of Chinese is refused with
// an Error naming the text, never written.
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

// cairo's own declaration, repeated so that code laying out pages (and its
// tests) need not see the cairo headers.
typedef struct _cairo cairo_t;  // NOLINT: must match <cairo.h> exactly

namespace jiangbu {

// What a piece of text is, which decides its font, size and spacing.
enum class TextRole {
  title,         // the document title
  subtitle,      // the line under it
  metadata,      // "报告期间：…" lines on the first page
  heading,       // section titles
  caption,       // table and chart titles
  body,          // paragraphs
  cell,          // table cells, chart labels and values
  cell_bold,     // table headers and total rows
  page_furniture // running header and footer
};

enum class TextAlign { left, center, right };

// One piece of text placed on a page. wrap_width_points bounds the lines
// (text wraps at words, or anywhere between CJK characters); zero or less
// means one unwrapped line. A paragraph split across pages is drawn as two
// boxes over the same text, each showing its own range of lines.
struct TextBox {
  std::string text;
  TextRole role = TextRole::body;
  double x_points = 0;
  double y_points = 0;  // top of the first line shown
  double wrap_width_points = 0;
  TextAlign align = TextAlign::left;
  int line_first = 0;
  int line_count = -1;  // -1: every line from line_first on
  // The role's font at another size (a wide table set smaller to fit the
  // page); zero or less keeps the role's own size.
  double font_size_points = 0;
};

// How big a text is once laid out, and where each of its lines starts,
// so that a paragraph can be cut between lines at a page break.
struct TextExtent {
  double width_points = 0;
  double height_points = 0;
  std::vector<double> line_tops_points;  // from the top of the layout
};

class PdfText {
 public:
  // Measures and draws with `cairo`, whose surface must be the PDF being
  // written (Pango's metrics depend on the target surface).
  explicit PdfText(cairo_t* cairo);
  ~PdfText();
  PdfText(const PdfText&) = delete;
  PdfText& operator=(const PdfText&) = delete;

  // Whether the configured families resolve to installed Noto CJK fonts;
  // without them Chinese would come out in whatever font happens to exist.
  [[nodiscard]] Status check_fonts() const;

  [[nodiscard]] Result<TextExtent> measure(const TextBox& box) const;
  [[nodiscard]] Status draw(const TextBox& box) const;

  // Line height of a role's font, for spacing decisions before any text;
  // font_size_points as in TextBox.
  [[nodiscard]] double line_height_points(TextRole role, double font_size_points = 0) const;

  // The size a role's font is set at when a box does not say otherwise.
  [[nodiscard]] static double role_size_points(TextRole role);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace jiangbu

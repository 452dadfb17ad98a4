#include "report/pdf_text.hpp"

#include <cairo.h>
#include <pango/pangocairo.h>

#include <array>
#include <cstddef>
#include <string>

#include "core/assert.hpp"
#include "core/reason_code.hpp"
#include "core/text.hpp"

namespace jiangbu {

namespace {

// A layout never has more lines than this; a bound for the line walks.
constexpr int lines_max = 100'000;
constexpr std::size_t quoted_text_bytes_max = 60;
constexpr std::size_t role_count = 9;  // the enumerators of TextRole

// Serif bold for titles follows the habit of Chinese official documents;
// sans for everything read in bulk, which stays legible at table sizes.
struct TextStyle {
  const char* font;        // Pango font description string
  double line_spacing;     // times the font's own line height (~1.45 em in Noto CJK); 0 for 1
  bool indent_first_line;  // by two characters, as Chinese prose is set
  double gray;             // 0 black … 1 white
};

const TextStyle& style_of(TextRole role) {
  static const std::array<TextStyle, role_count> styles = {{
      {"Noto Serif CJK SC Bold 20", 0, false, 0.0},    // title
      {"Noto Sans CJK SC 12", 0, false, 0.2},          // subtitle
      {"Noto Sans CJK SC 10", 1.1, false, 0.0},        // metadata
      {"Noto Serif CJK SC Bold 14", 0, false, 0.0},    // heading
      {"Noto Sans CJK SC Bold 10.5", 0, false, 0.0},   // caption
      {"Noto Sans CJK SC 10.5", 1.25, true, 0.0},      // body
      {"Noto Sans CJK SC 9", 0, false, 0.0},           // cell
      {"Noto Sans CJK SC Bold 9", 0, false, 0.0},      // cell_bold
      {"Noto Sans CJK SC 8", 0, false, 0.35},          // page_furniture
  }};
  const auto index = static_cast<std::size_t>(role);
  JIANGBU_ASSERT(index < styles.size());
  return styles[index];
}

constexpr std::array<TextRole, role_count> all_roles = {
    TextRole::title,   TextRole::subtitle, TextRole::metadata,  TextRole::heading,
    TextRole::caption, TextRole::body,     TextRole::cell,      TextRole::cell_bold,
    TextRole::page_furniture};

struct LayoutUnref {
  void operator()(PangoLayout* layout) const { g_object_unref(layout); }
};
using LayoutPointer = std::unique_ptr<PangoLayout, LayoutUnref>;

struct FontFree {
  void operator()(PangoFontDescription* font) const { pango_font_description_free(font); }
};
using FontPointer = std::unique_ptr<PangoFontDescription, FontFree>;

struct LayoutIterFree {
  void operator()(PangoLayoutIter* iter) const { pango_layout_iter_free(iter); }
};
using LayoutIterPointer = std::unique_ptr<PangoLayoutIter, LayoutIterFree>;

double to_points(int pango_units) { return pango_units_to_double(pango_units); }

PangoAlignment pango_alignment(TextAlign align) {
  switch (align) {
    case TextAlign::left: return PANGO_ALIGN_LEFT;
    case TextAlign::center: return PANGO_ALIGN_CENTER;
    case TextAlign::right: return PANGO_ALIGN_RIGHT;
  }
  return PANGO_ALIGN_LEFT;
}

// The start of a text for an error message, cut on a character boundary.
std::string quoted(std::string_view text) {
  if (text.size() <= quoted_text_bytes_max) return "「" + std::string(text) + "」";
  std::size_t cut = quoted_text_bytes_max;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0U) == 0x80U) --cut;
  return "「" + std::string(text.substr(0, cut)) + "…」";
}

}  // namespace

struct PdfText::Impl {
  cairo_t* cairo = nullptr;
  PangoContext* context = nullptr;
  std::array<PangoFontDescription*, role_count> fonts{};

  explicit Impl(cairo_t* cairo_in) : cairo(cairo_in) {
    context = pango_cairo_create_context(cairo);
    // The PDF's user unit is the point: at 72 dpi a 10-point font is 10 units.
    pango_cairo_context_set_resolution(context, 72.0);
    // Hinting and whole-pixel positions are for screens; in a PDF they only
    // distort widths, which would make measured columns disagree with print.
    cairo_font_options_t* options = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
    pango_cairo_context_set_font_options(context, options);
    cairo_font_options_destroy(options);
    pango_context_set_round_glyph_positions(context, FALSE);
    for (std::size_t index = 0; index < fonts.size(); ++index) {
      fonts[index] = pango_font_description_from_string(style_of(all_roles[index]).font);
    }
  }

  ~Impl() {
    for (PangoFontDescription* font : fonts) pango_font_description_free(font);
    g_object_unref(context);
  }
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;

  // The role's font, at `size_points` when that is above zero.
  [[nodiscard]] FontPointer font_of(TextRole role, double size_points) const {
    FontPointer font(pango_font_description_copy(fonts[static_cast<std::size_t>(role)]));
    if (size_points > 0) pango_font_description_set_size(font.get(), pango_units_from_double(size_points));
    return font;
  }

  [[nodiscard]] Result<LayoutPointer> layout(const TextBox& box) const {
    if (!is_valid_utf8(box.text)) {
      return make_error(ReasonCode::bad_text, "report text is not valid UTF-8");
    }
    const TextStyle& style = style_of(box.role);
    LayoutPointer made(pango_layout_new(context));
    const FontPointer font = font_of(box.role, box.font_size_points);
    pango_layout_set_font_description(made.get(), font.get());
    if (box.wrap_width_points > 0) {
      pango_layout_set_width(made.get(), pango_units_from_double(box.wrap_width_points));
      pango_layout_set_wrap(made.get(), PANGO_WRAP_WORD_CHAR);
    }
    pango_layout_set_alignment(made.get(), pango_alignment(box.align));
    if (style.line_spacing > 0) pango_layout_set_line_spacing(made.get(), static_cast<float>(style.line_spacing));
    if (style.indent_first_line) {
      pango_layout_set_indent(made.get(), 2 * pango_font_description_get_size(font.get()));
    }
    pango_layout_set_text(made.get(), box.text.data(), static_cast<int>(box.text.size()));
    const int unknown = pango_layout_get_unknown_glyphs_count(made.get());
    if (unknown > 0) {
      return make_error(ReasonCode::bad_text,
                        "no installed font can draw " + std::to_string(unknown) +
                            " character(s) of the text " + quoted(box.text) +
                            "; the PDF would show empty boxes (install fonts-noto-cjk)");
    }
    return made;
  }
};

PdfText::PdfText(cairo_t* cairo) : impl_(std::make_unique<Impl>(cairo)) {}

PdfText::~PdfText() = default;

Status PdfText::check_fonts() const {
  for (PangoFontDescription* wanted : impl_->fonts) {
    PangoFont* font = pango_context_load_font(impl_->context, wanted);
    std::string family;
    if (font != nullptr) {
      PangoFontDescription* found = pango_font_describe(font);
      const char* name = pango_font_description_get_family(found);
      family = name != nullptr ? name : "";
      pango_font_description_free(found);
      g_object_unref(font);
    }
    const std::string wanted_family = pango_font_description_get_family(wanted);
    if (family != wanted_family) {
      return make_error(ReasonCode::cannot_write_output,
                        "font \"" + wanted_family + "\" is not installed (found \"" + family +
                            "\"); install the Debian package fonts-noto-cjk");
    }
  }
  return success();
}

Result<TextExtent> PdfText::measure(const TextBox& box) const {
  auto layout = impl_->layout(box);
  if (!layout) return layout.error();
  PangoRectangle logical{};
  pango_layout_get_extents(layout.value().get(), nullptr, &logical);
  TextExtent extent;
  extent.width_points = to_points(logical.x + logical.width);
  extent.height_points = to_points(logical.height);
  LayoutIterPointer iter(pango_layout_get_iter(layout.value().get()));
  for (int line = 0; line < lines_max; ++line) {
    int top = 0;
    int bottom = 0;
    pango_layout_iter_get_line_yrange(iter.get(), &top, &bottom);
    extent.line_tops_points.push_back(to_points(top));
    if (!pango_layout_iter_next_line(iter.get())) break;
  }
  return extent;
}

Status PdfText::draw(const TextBox& box) const {
  auto layout = impl_->layout(box);
  if (!layout) return layout.error();
  cairo_t* cairo = impl_->cairo;
  const double gray = style_of(box.role).gray;
  cairo_set_source_rgb(cairo, gray, gray, gray);
  if (box.line_first == 0 && box.line_count < 0) {
    cairo_move_to(cairo, box.x_points, box.y_points);
    pango_cairo_show_layout(cairo, layout.value().get());
    return success();
  }
  // Part of a paragraph: draw its lines one by one, shifted up so the first
  // line shown sits at the box's top.
  LayoutIterPointer iter(pango_layout_get_iter(layout.value().get()));
  double first_top_points = 0;
  for (int line = 0; line < lines_max; ++line) {
    const bool shown = line >= box.line_first && (box.line_count < 0 || line < box.line_first + box.line_count);
    if (line == box.line_first) {
      int top = 0;
      int bottom = 0;
      pango_layout_iter_get_line_yrange(iter.get(), &top, &bottom);
      first_top_points = to_points(top);
    }
    if (shown) {
      PangoRectangle logical{};
      pango_layout_iter_get_line_extents(iter.get(), nullptr, &logical);
      PangoLayoutLine* layout_line = pango_layout_iter_get_line_readonly(iter.get());
      PangoRectangle line_logical{};
      pango_layout_line_get_extents(layout_line, nullptr, &line_logical);
      cairo_move_to(cairo, box.x_points + to_points(logical.x - line_logical.x),
                    box.y_points + to_points(pango_layout_iter_get_baseline(iter.get())) - first_top_points);
      pango_cairo_show_layout_line(cairo, layout_line);
    }
    if (!pango_layout_iter_next_line(iter.get())) break;
  }
  return success();
}

double PdfText::line_height_points(TextRole role, double font_size_points) const {
  const FontPointer font = impl_->font_of(role, font_size_points);
  PangoFontMetrics* metrics =
      pango_context_get_metrics(impl_->context, font.get(), pango_language_from_string("zh-cn"));
  const double height_points =
      to_points(pango_font_metrics_get_ascent(metrics) + pango_font_metrics_get_descent(metrics));
  pango_font_metrics_unref(metrics);
  return height_points;
}

double PdfText::role_size_points(TextRole role) {
  PangoFontDescription* font = pango_font_description_from_string(style_of(role).font);
  const double size_points = to_points(pango_font_description_get_size(font));
  pango_font_description_free(font);
  return size_points;
}

}  // namespace jiangbu

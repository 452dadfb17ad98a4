#include "report/pdf_writer.hpp"

#include <cairo-pdf.h>
#include <cairo.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <system_error>
#include <type_traits>
#include <variant>
#include <vector>

#include "core/reason_code.hpp"
#include "report/pdf_layout.hpp"
#include "report/pdf_page.hpp"
#include "report/pdf_text.hpp"

namespace jiangbu {

namespace {

struct CairoDestroy {
  void operator()(cairo_t* cairo) const { cairo_destroy(cairo); }
};
using CairoPointer = std::unique_ptr<cairo_t, CairoDestroy>;

struct SurfaceDestroy {
  void operator()(cairo_surface_t* surface) const { cairo_surface_destroy(surface); }
};
using SurfacePointer = std::unique_ptr<cairo_surface_t, SurfaceDestroy>;

// Where cairo's bytes go; a short write is remembered, since cairo only
// reports it as a generic write error.
struct FileSink {
  std::FILE* file = nullptr;
  int write_errno = 0;
};

cairo_status_t write_to_sink(void* closure, const unsigned char* data, unsigned int length) {
  auto* sink = static_cast<FileSink*>(closure);
  if (std::fwrite(data, 1, length, sink->file) != length) {
    sink->write_errno = errno;
    return CAIRO_STATUS_WRITE_ERROR;
  }
  return CAIRO_STATUS_SUCCESS;
}

// Beside the output so that the final rename stays on one file system and
// is atomic; hidden and unique so that nothing mistakes it for a report.
std::filesystem::path temporary_path_beside(const std::filesystem::path& output_path) {
  static std::atomic<unsigned> counter{0};
  return output_path.parent_path() / ("." + output_path.filename().string() + ".partial-" +
                                      std::to_string(::getpid()) + "-" + std::to_string(counter++));
}

Error write_error(const std::filesystem::path& output_path, const std::string& reason) {
  return make_error(ReasonCode::cannot_write_output,
                    "cannot write the PDF " + output_path.string() + ": " + reason);
}

Status draw_item(const PageItem& item, const PdfText& text, cairo_t* cairo) {
  return std::visit(
      [&](const auto& shape) -> Status {
        using Shape = std::decay_t<decltype(shape)>;
        if constexpr (std::is_same_v<Shape, TextBox>) {
          return text.draw(shape);
        } else if constexpr (std::is_same_v<Shape, FilledRect>) {
          cairo_set_source_rgb(cairo, shape.color.red, shape.color.green, shape.color.blue);
          cairo_rectangle(cairo, shape.x_points, shape.y_points, shape.width_points, shape.height_points);
          cairo_fill(cairo);
          return success();
        } else {
          cairo_set_source_rgb(cairo, shape.color.red, shape.color.green, shape.color.blue);
          cairo_set_line_width(cairo, shape.thickness_points);
          cairo_move_to(cairo, shape.x1_points, shape.y1_points);
          cairo_line_to(cairo, shape.x2_points, shape.y2_points);
          cairo_stroke(cairo);
          return success();
        }
      },
      item);
}

// Section titles become the PDF's bookmarks, so a long report can be
// navigated from the viewer's sidebar.
void add_bookmark(cairo_surface_t* surface, const PageItem& item, std::size_t page_number) {
  const auto* box = std::get_if<TextBox>(&item);
  if (box == nullptr || box->role != TextRole::heading) return;
  const std::string destination = "page=" + std::to_string(page_number) + " pos=[" +
                                  std::to_string(static_cast<int>(box->x_points)) + " " +
                                  std::to_string(static_cast<int>(box->y_points)) + "]";
  cairo_pdf_surface_add_outline(surface, CAIRO_PDF_OUTLINE_ROOT, box->text.c_str(), destination.c_str(),
                                CAIRO_PDF_OUTLINE_FLAG_OPEN);
}

Status draw_document(const ReportDocument& document, cairo_surface_t* surface) {
  CairoPointer cairo(cairo_create(surface));
  const PdfText text(cairo.get());
  if (auto fonts = text.check_fonts(); !fonts) return fonts.error();
  auto pages = layout_document(document, text);
  if (!pages) return pages.error();
  for (std::size_t index = 0; index < pages.value().size(); ++index) {
    // Before anything is drawn on the page: a wide table's pages are landscape.
    const PageFrame frame = page_frame(pages.value()[index].orientation);
    cairo_pdf_surface_set_size(surface, frame.width_points, frame.height_points);
    for (const PageItem& item : pages.value()[index].items) {
      if (auto drawn = draw_item(item, text, cairo.get()); !drawn) return drawn;
      add_bookmark(surface, item, index + 1);
    }
    cairo_show_page(cairo.get());
  }
  if (cairo_status(cairo.get()) != CAIRO_STATUS_SUCCESS) {
    return make_error(ReasonCode::cannot_write_output,
                      std::string("drawing the PDF failed: ") + cairo_status_to_string(cairo_status(cairo.get())));
  }
  return success();
}

// Renders into the open file; the caller closes and renames it.
Status render_to(const ReportDocument& document, FileSink& sink, const std::filesystem::path& output_path) {
  SurfacePointer surface(
      cairo_pdf_surface_create_for_stream(write_to_sink, &sink, a4::width_points, a4::height_points));
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
    return write_error(output_path, cairo_status_to_string(cairo_surface_status(surface.get())));
  }
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, document.title.c_str());
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "jiangbu");
  Status drawn = draw_document(document, surface.get());
  cairo_surface_finish(surface.get());  // writes the fonts, the cross-reference table, the trailer
  if (!drawn) return drawn;
  if (sink.write_errno != 0) return write_error(output_path, std::strerror(sink.write_errno));
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
    return write_error(output_path, cairo_status_to_string(cairo_surface_status(surface.get())));
  }
  return success();
}

// Flushes the data to the disk before the rename makes it visible, so a
// crash cannot leave a report that exists but is empty.
Status close_file(std::FILE* file, const std::filesystem::path& output_path) {
  const bool flushed = std::fflush(file) == 0 && ::fsync(::fileno(file)) == 0;
  const int flush_errno = errno;
  const bool closed = std::fclose(file) == 0;
  if (!flushed) return write_error(output_path, std::strerror(flush_errno));
  if (!closed) return write_error(output_path, std::strerror(errno));
  return success();
}

}  // namespace

Status write_document_pdf(const ReportDocument& document, const std::filesystem::path& output_path) {
  if (output_path.filename().empty()) return write_error(output_path, "the path names no file");
  const std::filesystem::path temporary_path = temporary_path_beside(output_path);
  // "x": never open a file someone else already made under this name.
  std::FILE* file = std::fopen(temporary_path.c_str(), "wbx");
  if (file == nullptr) return write_error(output_path, std::strerror(errno));
  FileSink sink{file};
  Status rendered = render_to(document, sink, output_path);
  Status closed = close_file(file, output_path);
  std::error_code ignored;
  if (!rendered || !closed) {
    std::filesystem::remove(temporary_path, ignored);
    return !rendered ? rendered : closed;
  }
  std::error_code renamed;
  std::filesystem::rename(temporary_path, output_path, renamed);
  if (renamed) {
    std::filesystem::remove(temporary_path, ignored);
    return write_error(output_path, renamed.message());
  }
  return success();
}

}  // namespace jiangbu

#include "report/document_export.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <ostream>
#include <sstream>
#include <system_error>

#include "core/reason_code.hpp"
#include "report/csv_writer.hpp"
#include "report/html_writer.hpp"
#include "report/json_writer.hpp"
#include "report/pdf_writer.hpp"
#include "report/text_writer.hpp"
#include "report/xlsx_writer.hpp"

namespace jiangbu {

namespace {

using StreamWriter = std::function<void(std::ostream&, const ReportDocument&)>;

const StreamWriter* stream_writer(const std::string& format) {
  static const std::vector<std::pair<std::string, StreamWriter>> writers = {
      {"table", write_document_text}, {"csv", write_document_csv}, {"json", write_document_json},
      {"html", write_document_html}};
  for (const auto& [name, writer] : writers) {
    if (name == format) return &writer;
  }
  return nullptr;
}

Status write_stream_file(const StreamWriter& writer, const ReportDocument& document, const std::filesystem::path& path) {
  std::ostringstream buffer;
  writer(buffer, document);
  const std::filesystem::path temporary = path.string() + ".partial";
  {
    std::ofstream file(temporary, std::ios::binary | std::ios::trunc);
    file << buffer.str();
    if (!file) return make_error(ReasonCode::cannot_write_output, "cannot write " + path.string(), "out");
  }
  std::error_code error;
  std::filesystem::rename(temporary, path, error);
  if (error) return make_error(ReasonCode::cannot_write_output, "cannot write " + path.string() + ": " + error.message(), "out");
  return success();
}

Status write_file(const std::string& format, const ReportDocument& document, const std::filesystem::path& path) {
  if (format == "pdf") return write_document_pdf(document, path);
  if (format == "xlsx") return write_document_xlsx(document, path);
  return write_stream_file(*stream_writer(format), document, path);
}

std::string extension(const std::string& format) { return format == "table" ? "txt" : format; }

}  // namespace

Result<std::vector<std::string>> export_document(const ReportDocument& document, const std::string& format,
                                                 const std::string& out_path, std::ostream& out_stream) {
  static const std::vector<std::string> formats = {"table", "csv", "json", "html", "xlsx", "pdf"};
  if (format == "all") {
    if (out_path.empty()) return make_error(ReasonCode::bad_option, "--format all needs --out FOLDER", "out");
    std::error_code error;
    std::filesystem::create_directories(out_path, error);
    if (error) return make_error(ReasonCode::cannot_write_output, "cannot create " + out_path + ": " + error.message(), "out");
    std::vector<std::string> written;
    for (const auto& each : formats) {
      const auto path = std::filesystem::path(out_path) / (document.key + "." + extension(each));
      if (auto status = write_file(each, document, path); !status) return status.error();
      written.push_back(path.string());
    }
    return written;
  }
  if (std::find(formats.begin(), formats.end(), format) == formats.end()) {
    return make_error(ReasonCode::bad_option, "unknown format '" + format + "'", "format");
  }
  if (out_path.empty()) {
    if (const auto* writer = stream_writer(format)) {
      (*writer)(out_stream, document);
      return std::vector<std::string>{};
    }
    return make_error(ReasonCode::bad_option, format + " is a binary format: name the file with --out", "out");
  }
  if (auto status = write_file(format, document, out_path); !status) return status.error();
  return std::vector<std::string>{out_path};
}

}  // namespace jiangbu

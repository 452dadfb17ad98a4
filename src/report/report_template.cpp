#include "report/report_template.hpp"

#include "core/assert.hpp"
#include "core/embedded_files.hpp"

namespace jiangbu {

namespace {

constexpr std::size_t placeholders_max = 1000;

}  // namespace

ReportTemplate ReportTemplate::embedded(std::string_view path) {
  const auto content = find_embedded_file(path);
  JIANGBU_ASSERT(content.has_value() && "report template not compiled in");
  ReportTemplate result;
  auto parsed = toml::parse(*content, path);
  result.table_ = std::move(parsed);
  return result;
}

std::optional<std::string> ReportTemplate::find_text(std::string_view dotted_key) const {
  const auto node = table_.at_path(dotted_key);
  if (!node.is_string()) return std::nullopt;
  return std::string(node.as_string()->get());
}

std::string ReportTemplate::text(std::string_view dotted_key) const {
  auto found = find_text(dotted_key);
  JIANGBU_ASSERT(found.has_value() && "report template lacks a key");
  return *found;
}

std::string ReportTemplate::fill(std::string_view dotted_key, const TemplateValues& values) const {
  return fill_placeholders(text(dotted_key), values);
}

std::string fill_placeholders(std::string_view text, const TemplateValues& values) {
  std::string result;
  std::size_t position = 0;
  for (std::size_t count = 0; count < placeholders_max; ++count) {
    const std::size_t open = text.find('{', position);
    if (open == std::string_view::npos) break;
    const std::size_t close = text.find('}', open);
    JIANGBU_ASSERT(close != std::string_view::npos && "unclosed placeholder in a report template");
    const auto value = values.find(text.substr(open + 1, close - open - 1));
    JIANGBU_ASSERT(value != values.end() && "report template placeholder with no value");
    result.append(text.substr(position, open - position));
    result.append(value->second);
    position = close + 1;
  }
  result.append(text.substr(position));
  return result;
}

}  // namespace jiangbu

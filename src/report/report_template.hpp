#pragma once
// The fixed wording of a report, kept in reports/<name>.toml (compiled in)
// so that the bureau can review and change it without touching code.
// Placeholders are {name}; filling a text with a placeholder the code does
// not provide, or asking for a key the file lacks, is a programmer error
// caught by the tests that render every text, so it asserts.
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include <toml++/toml.h>

namespace jiangbu {

using TemplateValues = std::map<std::string, std::string, std::less<>>;

class ReportTemplate {
 public:
  static ReportTemplate embedded(std::string_view path);  // "reports/audit-report.toml"

  [[nodiscard]] std::string text(std::string_view dotted_key) const;
  [[nodiscard]] std::optional<std::string> find_text(std::string_view dotted_key) const;
  [[nodiscard]] std::string fill(std::string_view dotted_key, const TemplateValues& values) const;

 private:
  toml::table table_;
};

std::string fill_placeholders(std::string_view text, const TemplateValues& values);

}  // namespace jiangbu

#pragma once
// Files compiled into the binary (SQL migrations, chart of accounts); see
// cmake/embed_files.cmake.
#include <optional>
#include <string_view>
#include <vector>

namespace jiangbu {

struct EmbeddedFile {
  std::string_view path;     // relative to the source tree, e.g. "sql/sqlite/0001_foundation.sql"
  std::string_view content;
};

const std::vector<EmbeddedFile>& embedded_files();

inline std::optional<std::string_view> find_embedded_file(std::string_view path) {
  for (const auto& file : embedded_files()) {
    if (file.path == path) return file.content;
  }
  return std::nullopt;
}

}  // namespace jiangbu

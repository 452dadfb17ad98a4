#include "store/reading_sibling.hpp"

#include <spdlog/spdlog.h>

namespace jiangbu {

std::unique_ptr<Database> open_reading_sibling(Database& database) {
  const auto& location = database.location();
  if (location.backend != Backend::sqlite) return nullptr;
  const std::string& path = location.connection;
  if (path.empty() || path == ":memory:" || path.starts_with("file::memory:") || path.find("mode=memory") != std::string::npos) {
    return nullptr;
  }
  auto opened = Database::open(location);
  if (!opened) {
    spdlog::debug("no reading sibling: {}", opened.error().message);
    return nullptr;
  }
  auto sibling = std::move(opened.value());
  sibling->set_principal(database.principal());
  sibling->session() << "PRAGMA mmap_size = 0";
  // Its reads are one pass each (a register, a share's lines): a small cache
  // serves them, and the report's memory stays near one connection's.
  sibling->session() << "PRAGMA cache_size = -8192";
  return sibling;
}

}  // namespace jiangbu

#include "store/mapped_pages.hpp"

namespace jiangbu {

void release_mapped_pages(Database& database) {
  if (database.backend() != Backend::sqlite) return;
  long long mapped_bytes_max = 0;
  database.session() << "PRAGMA mmap_size", soci::into(mapped_bytes_max);
  if (mapped_bytes_max <= 0) return;
  // A changed limit makes SQLite unmap the file; the old limit comes back
  // for the next read. Both are numbers this function read, not input.
  database.session() << "PRAGMA mmap_size = 0";
  database.session() << "PRAGMA mmap_size = " + std::to_string(mapped_bytes_max);
}

}  // namespace jiangbu

#include "store/shared_read_snapshot.hpp"

#include <string>

#include <spdlog/spdlog.h>

namespace jiangbu {

namespace {

constexpr int lock_wait_milliseconds = 2000;

// A read transaction starts at its first read, not at BEGIN: this read fixes
// the state the connection sees until it ends.
void pin_state(Database& database) {
  long long migrations = 0;
  database.session() << "SELECT COUNT(*) FROM schema_migrations", soci::into(migrations);
}

// A connection holding SQLite's write lock, or nullptr when it cannot be had.
std::unique_ptr<Database> hold_writers_off(const DatabaseLocation& location) {
  auto opened = Database::open(location);
  if (!opened) {
    spdlog::debug("shared snapshot: no lock holder: {}", opened.error().message);
    return nullptr;
  }
  auto holder = std::move(opened.value());
  try {
    // Not the connections' 30 s: a report started during an import batch
    // reads on one connection instead of waiting for the batch to commit.
    holder->session() << "PRAGMA busy_timeout = " + std::to_string(lock_wait_milliseconds);
    holder->session() << "BEGIN IMMEDIATE";
  } catch (const soci::soci_error& error) {
    spdlog::debug("shared snapshot: the write lock was not granted: {}", error.what());
    return nullptr;
  }
  return holder;
}

}  // namespace

SharedReadSnapshot::SharedReadSnapshot(Database& primary, std::unique_ptr<Database> sibling) {
  std::unique_ptr<Database> holder;
  if (sibling) holder = hold_writers_off(primary.location());
  if (holder) sibling_ = std::move(sibling);
  primary_snapshot_.emplace(primary);
  pin_state(primary);
  if (sibling_) {
    sibling_snapshot_.emplace(*sibling_);
    pin_state(*sibling_);
  }
  if (holder) holder->session() << "ROLLBACK";
}

SharedReadSnapshot::~SharedReadSnapshot() = default;

void SharedReadSnapshot::close_sibling() {
  sibling_snapshot_.reset();
  sibling_.reset();
}

}  // namespace jiangbu

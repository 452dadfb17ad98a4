#pragma once
// One open connection (SOCI session) to the ledger's store. A Database is
// used by one thread at a time; concurrent writers each open their own.
// Storage failures (lost connection, disk full, constraint bugs) surface as
// soci::soci_error exceptions; rule violations never do.
#include <functional>
#include <map>
#include <memory>
#include <string_view>
#include <typeindex>
#include <vector>

#include <soci/soci.h>

#include "access/principal.hpp"
#include "core/result.hpp"
#include "store/database_location.hpp"

namespace jiangbu {

class Database {
 public:
  // Connects and sets the session up (SQLite pragmas, PostgreSQL time zone).
  // Returns "storage-unavailable" with a redacted message when it cannot.
  static Result<std::unique_ptr<Database>> open(const DatabaseLocation& location);

  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  soci::session& session() { return session_; }
  [[nodiscard]] Backend backend() const { return location_.backend; }
  [[nodiscard]] const DatabaseLocation& location() const { return location_; }

  // Runs a script of several statements (migrations) through the native
  // driver, since a prepared statement holds only one.
  void execute_script(std::string_view script);

  // Who acts on this connection: checked by every operation (access/
  // permission.hpp) and written to the audit trail. Bound once after opening
  // (access/principal_binding.hpp); administrator until then.
  [[nodiscard]] const Principal& principal() const { return principal_; }
  void set_principal(Principal principal) { principal_ = std::move(principal); }

  // Entries the open transaction has posted, for its audit-trail row. The
  // journal notes each one; Transaction takes them at commit.
  void note_created_entry(std::int64_t entry_id);
  std::vector<std::int64_t> take_created_entries();

  // One object of type T per connection, made by `make` on first use and
  // reused by every later call: for holders of prepared statements (the
  // journal's inserts), since on PostgreSQL preparing a statement and
  // freeing it are a round trip each. T must keep no facts that a later
  // transaction could find stale, or forget them when it is handed out.
  template <typename T>
  T& reused(const std::function<std::unique_ptr<T>(Database&)>& make) {
    auto& slot = reused_[std::type_index(typeid(T))];
    if (!slot) slot = std::shared_ptr<void>(make(*this));
    return *static_cast<T*>(slot.get());
  }

 private:
  explicit Database(DatabaseLocation location) : location_(std::move(location)) {}
  void configure_session();

  DatabaseLocation location_;
  soci::session session_;
  Principal principal_;
  std::vector<std::int64_t> created_entries_;
  // After session_: its statements are freed while the session is still open.
  std::map<std::type_index, std::shared_ptr<void>> reused_;
};

// Is this SOCI error a unique-constraint violation? Used to turn a lost race
// (two writers, one key) into a rule verdict instead of a storage error.
bool is_unique_violation(const soci::soci_error& error);

}  // namespace jiangbu

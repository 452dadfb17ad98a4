#include "store/audit_trail.hpp"

#include <charconv>

#include "core/printable_text.hpp"
#include "core/timestamp.hpp"

namespace jiangbu {

namespace {

std::string entry_list_text(const std::vector<std::int64_t>& entry_ids) {
  std::string text;
  for (const auto entry_id : entry_ids) {
    if (!text.empty()) text += ' ';
    text += std::to_string(entry_id);
  }
  return text;
}

std::vector<std::int64_t> parse_entry_list(const std::string& text) {
  // Read from the database, which someone may have edited by hand: a token
  // that is not an id ends the list rather than aborting (`jiangbu verify`
  // is the tool that judges a tampered database, not this listing).
  std::vector<std::int64_t> entry_ids;
  const char* cursor = text.data();
  const char* const end = text.data() + text.size();
  while (cursor < end) {
    std::int64_t entry_id = 0;
    const auto [next, error] = std::from_chars(cursor, end, entry_id);
    if (error != std::errc()) break;
    entry_ids.push_back(entry_id);
    cursor = next < end ? next + 1 : end;
  }
  return entry_ids;
}

}  // namespace

void record_audit_event(Database& database, const AuditAction& action,
                        const std::vector<std::int64_t>& entry_ids) {
  const std::string principal = database.principal().text();
  const std::string recorded_at = utc_timestamp_now();
  const std::string entries = entry_list_text(entry_ids);
  // The object id is made of what a user typed (a file path, an external id):
  // kept printable and bounded, since PostgreSQL refuses invalid UTF-8 and NUL
  // and the trail is read by people.
  constexpr std::size_t object_id_bytes_max = 300;
  const std::string object_id = printable_text(action.object_id, object_id_bytes_max);
  // database_role is filled by the column default on PostgreSQL (current_user),
  // where a row-level policy refuses any other value.
  database.session() << "INSERT INTO audit_trail (principal, recorded_at, action, object_kind, object_id, "
                        "entry_ids) VALUES (:principal, :recorded_at, :action, :kind, :object, :entries)",
      soci::use(principal), soci::use(recorded_at), soci::use(action.action), soci::use(action.object_kind),
      soci::use(object_id), soci::use(entries);
}

std::vector<AuditEvent> list_audit_events(Database& database, std::int64_t after_event_id, std::size_t limit) {
  std::vector<AuditEvent> events;
  long long event_id = 0;
  long long after = after_event_id;
  long long limit_rows = static_cast<long long>(limit);
  AuditEvent row;
  std::string entries;
  soci::statement statement =
      (database.session().prepare << "SELECT event_id, principal, database_role, recorded_at, action, object_kind, "
                                     "object_id, entry_ids FROM audit_trail WHERE event_id > :after "
                                     "ORDER BY event_id LIMIT :limit",
       soci::use(after), soci::use(limit_rows), soci::into(event_id), soci::into(row.principal),
       soci::into(row.database_role), soci::into(row.recorded_at), soci::into(row.action.action),
       soci::into(row.action.object_kind), soci::into(row.action.object_id), soci::into(entries));
  statement.execute();
  while (events.size() < limit && statement.fetch()) {
    row.event_id = event_id;
    row.entry_ids = parse_entry_list(entries);
    events.push_back(row);
  }
  return events;
}

}  // namespace jiangbu

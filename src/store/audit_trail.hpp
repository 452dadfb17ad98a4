#pragma once
// The audit trail (操作留痕): one row per committed state change, naming the
// principal, the database role it connected as, the time, the action, the
// object and the journal entries it created. Append-only like the journal
// (triggers on both backends); Transaction writes it, so no write path can
// commit without leaving its row.
#include <cstdint>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace jiangbu {

struct AuditAction {
  std::string action;       // "expenditure.record", "award.grant", …
  std::string object_kind;  // "expenditure", "award", "book", …
  std::string object_id;    // the object's id as a person reads it; may be set late
};

struct AuditEvent {
  std::int64_t event_id = 0;
  std::string principal;      // Principal::text()
  std::string database_role;  // PostgreSQL current_user; empty on SQLite
  std::string recorded_at;    // UTC, ISO 8601
  AuditAction action;
  std::vector<std::int64_t> entry_ids;
};

// Inside the caller's open transaction.
void record_audit_event(Database& database, const AuditAction& action,
                        const std::vector<std::int64_t>& entry_ids);

// Events after after_event_id in order, at most limit.
std::vector<AuditEvent> list_audit_events(Database& database, std::int64_t after_event_id, std::size_t limit);

}  // namespace jiangbu

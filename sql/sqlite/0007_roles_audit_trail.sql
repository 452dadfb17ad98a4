-- jiangbu schema 0007 (roles and audit trail; SQLite has only the trail): the audit trail (操作留痕). One row per committed
-- state change: who (the principal --as named), when, what action on which
-- object, and the journal entries it created (ids separated by spaces).
-- Append-only. SQLite has no roles: the application's checks
-- (src/access/permission.cpp) are the only guard on the embedded default,
-- and database_role stays empty. Mirrors sql/postgresql/0007, which adds the
-- roles and row-level security.
CREATE TABLE audit_trail (
  event_id      INTEGER PRIMARY KEY,
  principal     TEXT NOT NULL,
  database_role TEXT NOT NULL DEFAULT '',
  recorded_at   TEXT NOT NULL,
  action        TEXT NOT NULL,
  object_kind   TEXT NOT NULL,
  object_id     TEXT NOT NULL,
  entry_ids     TEXT NOT NULL
) STRICT;

CREATE TRIGGER audit_trail_no_update BEFORE UPDATE ON audit_trail
BEGIN SELECT RAISE(ABORT, 'audit_trail is append-only'); END;
CREATE TRIGGER audit_trail_no_delete BEFORE DELETE ON audit_trail
BEGIN SELECT RAISE(ABORT, 'audit_trail is append-only'); END;

-- jiangbu schema 0002: units, brands, recognitions, policy snapshots, awards,
-- their shares, payments and status events. Mirrors sql/sqlite/0002.
-- Awards and everything that moves money are append-only, like the journal.

CREATE TABLE policies (
  policy_id  TEXT PRIMARY KEY,
  checksum   TEXT NOT NULL,
  content    TEXT NOT NULL,   -- the TOML as loaded: awards keep the rules they were granted under
  loaded_at  TEXT NOT NULL
);

CREATE TABLE units (
  unit_id          TEXT PRIMARY KEY,  -- the 统一社会信用代码
  name             TEXT NOT NULL,
  unit_type        TEXT NOT NULL CHECK (unit_type IN ('enterprise', 'non-profit')),
  grant_method     TEXT NOT NULL CHECK (grant_method IN ('gross', 'net')),  -- 总额法 / 净额法
  uscc_override    TEXT,             -- why a code failing the check was accepted; NULL when it passes
  book_id          TEXT NOT NULL UNIQUE REFERENCES books (book_id),
  created_at       TEXT NOT NULL
);

CREATE TABLE brands (
  brand_id            TEXT PRIMARY KEY,
  name                TEXT NOT NULL UNIQUE,
  category            TEXT NOT NULL CHECK (category IN
                        ('high-quality-service', 'mid-high-skill', 'culture-tourism', 'livelihood')),
  intangible_heritage INTEGER NOT NULL CHECK (intangible_heritage IN (0, 1)),
  created_at          TEXT NOT NULL
);

CREATE TABLE recognitions (
  recognition_id  TEXT PRIMARY KEY,
  brand_id        TEXT NOT NULL REFERENCES brands (brand_id),
  tier            TEXT NOT NULL CHECK (tier IN ('national', 'provincial', 'municipal', 'district')),
  policy_id       TEXT NOT NULL REFERENCES policies (policy_id),
  recognized_on   TEXT NOT NULL,
  document_number TEXT NOT NULL,
  created_at      TEXT NOT NULL
);

CREATE TABLE recognition_units (
  recognition_id TEXT NOT NULL REFERENCES recognitions (recognition_id),
  unit_id        TEXT NOT NULL REFERENCES units (unit_id),
  position       INTEGER NOT NULL CHECK (position >= 1),
  PRIMARY KEY (recognition_id, unit_id)
);

CREATE TABLE awards (
  award_id        TEXT PRIMARY KEY,
  recognition_id  TEXT NOT NULL REFERENCES recognitions (recognition_id),
  brand_id        TEXT NOT NULL REFERENCES brands (brand_id),
  tier            TEXT NOT NULL,
  policy_id       TEXT NOT NULL REFERENCES policies (policy_id),
  amount_fen      fen NOT NULL CHECK (amount_fen > 0),
  effective_on    TEXT NOT NULL,    -- the award document's date; spending before it is retroactive
  document_number TEXT NOT NULL,
  accrual_entry_id BIGINT NOT NULL REFERENCES journal_entries (entry_id),
  granted_at      TEXT NOT NULL,
  UNIQUE (brand_id, tier)           -- one award per brand and tier
);

CREATE TABLE award_shares (
  award_id  TEXT NOT NULL REFERENCES awards (award_id),
  unit_id   TEXT NOT NULL REFERENCES units (unit_id),
  share_fen fen NOT NULL CHECK (share_fen > 0),
  weight    TEXT,                   -- the contribution weight it was split by, if any
  PRIMARY KEY (award_id, unit_id)
);

CREATE TABLE award_payments (
  payment_id      BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  award_id        TEXT NOT NULL,
  unit_id         TEXT NOT NULL,
  amount_fen      fen NOT NULL CHECK (amount_fen > 0),
  paid_on         TEXT NOT NULL,
  paid_from       TEXT NOT NULL CHECK (paid_from IN ('1011', '1002')),
  reference       TEXT NOT NULL,
  bureau_entry_id BIGINT NOT NULL REFERENCES journal_entries (entry_id),
  unit_entry_id   BIGINT NOT NULL REFERENCES journal_entries (entry_id),
  recorded_at     TEXT NOT NULL,
  FOREIGN KEY (award_id, unit_id) REFERENCES award_shares (award_id, unit_id)
);

-- Suspension, reinstatement and revocation, each with its date and document.
CREATE TABLE award_events (
  event_id        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  award_id        TEXT NOT NULL REFERENCES awards (award_id),
  kind            TEXT NOT NULL CHECK (kind IN ('suspend', 'reinstate', 'revoke')),
  effective_on    TEXT NOT NULL,
  document_number TEXT NOT NULL,
  reason          TEXT NOT NULL,
  recorded_at     TEXT NOT NULL
);

CREATE INDEX award_events_by_award ON award_events (award_id, effective_on);
CREATE INDEX award_payments_by_share ON award_payments (award_id, unit_id);

CREATE TRIGGER units_append_only BEFORE UPDATE OR DELETE ON units
  FOR EACH ROW EXECUTE FUNCTION jiangbu_refuse_journal_change();
CREATE TRIGGER awards_append_only BEFORE UPDATE OR DELETE ON awards
  FOR EACH ROW EXECUTE FUNCTION jiangbu_refuse_journal_change();
CREATE TRIGGER awards_no_truncate BEFORE TRUNCATE ON awards
  FOR EACH STATEMENT EXECUTE FUNCTION jiangbu_refuse_journal_change();
CREATE TRIGGER award_shares_append_only BEFORE UPDATE OR DELETE ON award_shares
  FOR EACH ROW EXECUTE FUNCTION jiangbu_refuse_journal_change();
CREATE TRIGGER award_shares_no_truncate BEFORE TRUNCATE ON award_shares
  FOR EACH STATEMENT EXECUTE FUNCTION jiangbu_refuse_journal_change();
CREATE TRIGGER award_payments_append_only BEFORE UPDATE OR DELETE ON award_payments
  FOR EACH ROW EXECUTE FUNCTION jiangbu_refuse_journal_change();
CREATE TRIGGER award_payments_no_truncate BEFORE TRUNCATE ON award_payments
  FOR EACH STATEMENT EXECUTE FUNCTION jiangbu_refuse_journal_change();
CREATE TRIGGER award_events_append_only BEFORE UPDATE OR DELETE ON award_events
  FOR EACH ROW EXECUTE FUNCTION jiangbu_refuse_journal_change();
CREATE TRIGGER award_events_no_truncate BEFORE TRUNCATE ON award_events
  FOR EACH STATEMENT EXECUTE FUNCTION jiangbu_refuse_journal_change();

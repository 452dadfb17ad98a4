-- jiangbu schema 0005: people a unit declares as related to it (法定代表人,
-- staff, shareholders), for the auditor analytics' related-party test: a
-- payee bearing one of these names is listed as a possible 关联交易.
-- Mirrors sql/sqlite/0005. Append-only: a correction is a new row.
CREATE TABLE unit_related_parties (
  party_id     BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  unit_id      TEXT COLLATE "C" NOT NULL REFERENCES units (unit_id),
  person_name  TEXT COLLATE "C" NOT NULL CHECK (length(person_name) >= 1),
  relation     TEXT NOT NULL CHECK (relation IN ('legal-representative', 'staff', 'shareholder', 'relative')),
  recorded_at  TEXT NOT NULL,
  UNIQUE (unit_id, person_name, relation)
);

CREATE TRIGGER unit_related_parties_append_only BEFORE UPDATE OR DELETE ON unit_related_parties
  FOR EACH ROW EXECUTE FUNCTION jiangbu_refuse_journal_change();
CREATE TRIGGER unit_related_parties_no_truncate BEFORE TRUNCATE ON unit_related_parties
  FOR EACH STATEMENT EXECUTE FUNCTION jiangbu_refuse_journal_change();

-- The analytics read every live expenditure with its voucher in one pass.
CREATE INDEX expenditures_by_date ON expenditures (spent_on);

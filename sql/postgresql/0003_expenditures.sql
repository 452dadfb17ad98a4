-- jiangbu schema 0003: fund-use plans, expenditures, their reversals, the
-- invoice claims that keep an invoice to one live expenditure, and the
-- exception register. Mirrors sql/sqlite/0003.

-- 资金使用管理计划 (003 乌鲁木齐 四): every revision is kept; the one in force
-- on a date is the latest filed on or before it.
CREATE TABLE fund_use_plans (
  plan_id      BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  award_id     TEXT NOT NULL REFERENCES awards (award_id),
  unit_id      TEXT NOT NULL REFERENCES units (unit_id),
  revision     INTEGER NOT NULL CHECK (revision >= 1),
  filed_on     TEXT NOT NULL,
  document     TEXT NOT NULL,
  recorded_at  TEXT NOT NULL,
  UNIQUE (award_id, unit_id, revision),
  FOREIGN KEY (award_id, unit_id) REFERENCES award_shares (award_id, unit_id)
);

CREATE TABLE fund_use_plan_lines (
  plan_id    BIGINT NOT NULL REFERENCES fund_use_plans (plan_id),
  category   TEXT NOT NULL,
  amount_fen fen NOT NULL CHECK (amount_fen >= 0),
  PRIMARY KEY (plan_id, category)
);

CREATE TABLE expenditures (
  expenditure_id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  external_id            TEXT NOT NULL,
  award_id               TEXT NOT NULL REFERENCES awards (award_id),
  unit_id                TEXT NOT NULL REFERENCES units (unit_id),
  spent_on               TEXT NOT NULL,
  amount_fen             fen NOT NULL CHECK (amount_fen > 0),
  category               TEXT NOT NULL,
  payment_method         TEXT NOT NULL,
  payee_name             TEXT NOT NULL,
  payee_uscc             TEXT NOT NULL,
  invoice_key            TEXT NOT NULL,
  description            TEXT NOT NULL,
  input_json             TEXT NOT NULL,   -- the submission as it came
  entry_id               BIGINT NOT NULL REFERENCES journal_entries (entry_id),
  resubmits_exception_id BIGINT,         -- a corrected resubmission of a rejected one
  source                 TEXT NOT NULL,
  recorded_at            TEXT NOT NULL,
  UNIQUE (unit_id, external_id)
);

CREATE INDEX expenditures_by_share ON expenditures (award_id, unit_id, category);

CREATE TABLE expenditure_reversals (
  expenditure_id    BIGINT PRIMARY KEY REFERENCES expenditures (expenditure_id),
  reversal_entry_id BIGINT NOT NULL REFERENCES journal_entries (entry_id),
  reversed_on       TEXT NOT NULL,
  reason            TEXT NOT NULL,
  recorded_at       TEXT NOT NULL
);

-- One live expenditure per invoice key, across all units. Not part of the
-- ledger: a reversal releases the claim so the corrected spending can use it.
CREATE TABLE invoice_claims (
  invoice_key    TEXT PRIMARY KEY,
  expenditure_id BIGINT NOT NULL REFERENCES expenditures (expenditure_id)
);

-- The exception register: every rejected submission, with all its reasons.
CREATE TABLE expenditure_exceptions (
  exception_id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  external_id            TEXT NOT NULL,
  unit_uscc              TEXT NOT NULL,   -- as submitted, even when no such unit exists
  award_id               TEXT NOT NULL,
  amount_text            TEXT NOT NULL,
  reasons                TEXT NOT NULL,   -- codes in registry order, ';'-separated
  messages               TEXT NOT NULL,
  input_json             TEXT NOT NULL,
  resubmits_exception_id BIGINT REFERENCES expenditure_exceptions (exception_id),
  source                 TEXT NOT NULL,
  submitted_at           TEXT NOT NULL
);

CREATE INDEX expenditure_exceptions_by_submission ON expenditure_exceptions (unit_uscc, external_id);

-- Clawbacks (收回/追缴): money a unit returns after revocation or misuse,
-- booked on both books in one transaction; who, when and why are kept.
CREATE TABLE clawbacks (
  clawback_id     BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  award_id        TEXT NOT NULL,
  unit_id         TEXT NOT NULL,
  amount_fen      fen NOT NULL CHECK (amount_fen > 0),
  returned_on     TEXT NOT NULL,
  document_number TEXT NOT NULL,
  reason          TEXT NOT NULL,
  recorded_by     TEXT NOT NULL,
  bureau_entry_id BIGINT NOT NULL REFERENCES journal_entries (entry_id),
  unit_entry_id   BIGINT NOT NULL REFERENCES journal_entries (entry_id),
  recorded_at     TEXT NOT NULL,
  FOREIGN KEY (award_id, unit_id) REFERENCES award_shares (award_id, unit_id)
);

CREATE TRIGGER fund_use_plans_append_only BEFORE UPDATE OR DELETE ON fund_use_plans
  FOR EACH ROW EXECUTE FUNCTION jiangbu_refuse_journal_change();
CREATE TRIGGER fund_use_plans_no_truncate BEFORE TRUNCATE ON fund_use_plans
  FOR EACH STATEMENT EXECUTE FUNCTION jiangbu_refuse_journal_change();
CREATE TRIGGER fund_use_plan_lines_append_only BEFORE UPDATE OR DELETE ON fund_use_plan_lines
  FOR EACH ROW EXECUTE FUNCTION jiangbu_refuse_journal_change();
CREATE TRIGGER fund_use_plan_lines_no_truncate BEFORE TRUNCATE ON fund_use_plan_lines
  FOR EACH STATEMENT EXECUTE FUNCTION jiangbu_refuse_journal_change();
CREATE TRIGGER expenditures_append_only BEFORE UPDATE OR DELETE ON expenditures
  FOR EACH ROW EXECUTE FUNCTION jiangbu_refuse_journal_change();
CREATE TRIGGER expenditures_no_truncate BEFORE TRUNCATE ON expenditures
  FOR EACH STATEMENT EXECUTE FUNCTION jiangbu_refuse_journal_change();
CREATE TRIGGER expenditure_reversals_append_only BEFORE UPDATE OR DELETE ON expenditure_reversals
  FOR EACH ROW EXECUTE FUNCTION jiangbu_refuse_journal_change();
CREATE TRIGGER expenditure_reversals_no_truncate BEFORE TRUNCATE ON expenditure_reversals
  FOR EACH STATEMENT EXECUTE FUNCTION jiangbu_refuse_journal_change();
CREATE TRIGGER expenditure_exceptions_append_only BEFORE UPDATE OR DELETE ON expenditure_exceptions
  FOR EACH ROW EXECUTE FUNCTION jiangbu_refuse_journal_change();
CREATE TRIGGER expenditure_exceptions_no_truncate BEFORE TRUNCATE ON expenditure_exceptions
  FOR EACH STATEMENT EXECUTE FUNCTION jiangbu_refuse_journal_change();
CREATE TRIGGER clawbacks_append_only BEFORE UPDATE OR DELETE ON clawbacks
  FOR EACH ROW EXECUTE FUNCTION jiangbu_refuse_journal_change();
CREATE TRIGGER clawbacks_no_truncate BEFORE TRUNCATE ON clawbacks
  FOR EACH STATEMENT EXECUTE FUNCTION jiangbu_refuse_journal_change();

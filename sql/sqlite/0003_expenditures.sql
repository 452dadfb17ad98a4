-- jiangbu schema 0003: fund-use plans, expenditures, their reversals, the
-- invoice claims that keep an invoice to one live expenditure, and the
-- exception register. Mirrors sql/postgresql/0003.

-- 资金使用管理计划 (003 乌鲁木齐 四): every revision is kept; the one in force
-- on a date is the latest filed on or before it.
CREATE TABLE fund_use_plans (
  plan_id      INTEGER PRIMARY KEY,
  award_id     TEXT NOT NULL REFERENCES awards (award_id),
  unit_id      TEXT NOT NULL REFERENCES units (unit_id),
  revision     INTEGER NOT NULL CHECK (revision >= 1),
  filed_on     TEXT NOT NULL,
  document     TEXT NOT NULL,
  recorded_at  TEXT NOT NULL,
  UNIQUE (award_id, unit_id, revision),
  FOREIGN KEY (award_id, unit_id) REFERENCES award_shares (award_id, unit_id)
) STRICT;

CREATE TABLE fund_use_plan_lines (
  plan_id    INTEGER NOT NULL REFERENCES fund_use_plans (plan_id),
  category   TEXT NOT NULL,
  amount_fen INTEGER NOT NULL CHECK (amount_fen >= 0),
  PRIMARY KEY (plan_id, category)
) STRICT;

CREATE TABLE expenditures (
  expenditure_id         INTEGER PRIMARY KEY,
  external_id            TEXT NOT NULL,
  award_id               TEXT NOT NULL REFERENCES awards (award_id),
  unit_id                TEXT NOT NULL REFERENCES units (unit_id),
  spent_on               TEXT NOT NULL,
  amount_fen             INTEGER NOT NULL CHECK (amount_fen > 0),
  category               TEXT NOT NULL,
  payment_method         TEXT NOT NULL,
  payee_name             TEXT NOT NULL,
  payee_uscc             TEXT NOT NULL,
  invoice_key            TEXT NOT NULL,
  description            TEXT NOT NULL,
  input_json             TEXT NOT NULL,   -- the submission as it came
  entry_id               INTEGER NOT NULL REFERENCES journal_entries (entry_id),
  resubmits_exception_id INTEGER,         -- a corrected resubmission of a rejected one
  source                 TEXT NOT NULL,
  recorded_at            TEXT NOT NULL,
  UNIQUE (unit_id, external_id)
) STRICT;

CREATE INDEX expenditures_by_share ON expenditures (award_id, unit_id, category);

CREATE TABLE expenditure_reversals (
  expenditure_id    INTEGER PRIMARY KEY REFERENCES expenditures (expenditure_id),
  reversal_entry_id INTEGER NOT NULL REFERENCES journal_entries (entry_id),
  reversed_on       TEXT NOT NULL,
  reason            TEXT NOT NULL,
  recorded_at       TEXT NOT NULL
) STRICT;

-- One live expenditure per invoice key, across all units. Not part of the
-- ledger: a reversal releases the claim so the corrected spending can use it.
CREATE TABLE invoice_claims (
  invoice_key    TEXT PRIMARY KEY,
  expenditure_id INTEGER NOT NULL REFERENCES expenditures (expenditure_id)
) STRICT;

-- The exception register: every rejected submission, with all its reasons.
CREATE TABLE expenditure_exceptions (
  exception_id           INTEGER PRIMARY KEY,
  external_id            TEXT NOT NULL,
  unit_uscc              TEXT NOT NULL,   -- as submitted, even when no such unit exists
  award_id               TEXT NOT NULL,
  amount_text            TEXT NOT NULL,
  reasons                TEXT NOT NULL,   -- codes in registry order, ';'-separated
  messages               TEXT NOT NULL,
  input_json             TEXT NOT NULL,
  resubmits_exception_id INTEGER REFERENCES expenditure_exceptions (exception_id),
  source                 TEXT NOT NULL,
  submitted_at           TEXT NOT NULL
) STRICT;

CREATE INDEX expenditure_exceptions_by_submission ON expenditure_exceptions (unit_uscc, external_id);

-- Clawbacks (收回/追缴): money a unit returns after revocation or misuse,
-- booked on both books in one transaction; who, when and why are kept.
CREATE TABLE clawbacks (
  clawback_id     INTEGER PRIMARY KEY,
  award_id        TEXT NOT NULL,
  unit_id         TEXT NOT NULL,
  amount_fen      INTEGER NOT NULL CHECK (amount_fen > 0),
  returned_on     TEXT NOT NULL,
  document_number TEXT NOT NULL,
  reason          TEXT NOT NULL,
  recorded_by     TEXT NOT NULL,
  bureau_entry_id INTEGER NOT NULL REFERENCES journal_entries (entry_id),
  unit_entry_id   INTEGER NOT NULL REFERENCES journal_entries (entry_id),
  recorded_at     TEXT NOT NULL,
  FOREIGN KEY (award_id, unit_id) REFERENCES award_shares (award_id, unit_id)
) STRICT;

CREATE TRIGGER fund_use_plans_no_update BEFORE UPDATE ON fund_use_plans
BEGIN SELECT RAISE(ABORT, 'fund_use_plans is append-only: file a revision'); END;
CREATE TRIGGER fund_use_plans_no_delete BEFORE DELETE ON fund_use_plans
BEGIN SELECT RAISE(ABORT, 'fund_use_plans is append-only: file a revision'); END;
CREATE TRIGGER fund_use_plan_lines_no_update BEFORE UPDATE ON fund_use_plan_lines
BEGIN SELECT RAISE(ABORT, 'fund_use_plan_lines is append-only'); END;
CREATE TRIGGER fund_use_plan_lines_no_delete BEFORE DELETE ON fund_use_plan_lines
BEGIN SELECT RAISE(ABORT, 'fund_use_plan_lines is append-only'); END;
CREATE TRIGGER expenditures_no_update BEFORE UPDATE ON expenditures
BEGIN SELECT RAISE(ABORT, 'expenditures is append-only: reverse instead'); END;
CREATE TRIGGER expenditures_no_delete BEFORE DELETE ON expenditures
BEGIN SELECT RAISE(ABORT, 'expenditures is append-only: reverse instead'); END;
CREATE TRIGGER expenditure_reversals_no_update BEFORE UPDATE ON expenditure_reversals
BEGIN SELECT RAISE(ABORT, 'expenditure_reversals is append-only'); END;
CREATE TRIGGER expenditure_reversals_no_delete BEFORE DELETE ON expenditure_reversals
BEGIN SELECT RAISE(ABORT, 'expenditure_reversals is append-only'); END;
CREATE TRIGGER expenditure_exceptions_no_update BEFORE UPDATE ON expenditure_exceptions
BEGIN SELECT RAISE(ABORT, 'expenditure_exceptions is append-only'); END;
CREATE TRIGGER expenditure_exceptions_no_delete BEFORE DELETE ON expenditure_exceptions
BEGIN SELECT RAISE(ABORT, 'expenditure_exceptions is append-only'); END;
CREATE TRIGGER clawbacks_no_update BEFORE UPDATE ON clawbacks
BEGIN SELECT RAISE(ABORT, 'clawbacks is append-only'); END;
CREATE TRIGGER clawbacks_no_delete BEFORE DELETE ON clawbacks
BEGIN SELECT RAISE(ABORT, 'clawbacks is append-only'); END;

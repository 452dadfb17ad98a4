-- jiangbu schema 0004: bank statements (银行对账单) of a unit's bank account,
-- imported to reconcile the book against the bank (银行存款余额调节表).
-- Mirrors sql/postgresql/0004. Append-only, like everything that records money.

-- One imported file. content_checksum is taken over the statement's lines as
-- read (not the file's bytes), so the same statement sent again — or its GBK
-- or XLSX copy — is recognised and replays this row instead of adding another.
CREATE TABLE bank_statements (
  statement_id        INTEGER PRIMARY KEY,
  unit_id             TEXT NOT NULL REFERENCES units (unit_id),
  account_code        TEXT NOT NULL,
  file_name           TEXT NOT NULL,
  file_format         TEXT NOT NULL,
  encoding            TEXT NOT NULL,
  content_checksum    TEXT NOT NULL,
  opening_balance_fen INTEGER NOT NULL,  -- the bank's balance before the first line
  first_date          TEXT NOT NULL,
  last_date           TEXT NOT NULL,
  row_count           INTEGER NOT NULL CHECK (row_count >= 1),
  new_line_count      INTEGER NOT NULL CHECK (new_line_count >= 0 AND new_line_count <= row_count),
  imported_at         TEXT NOT NULL,
  CHECK (first_date <= last_date),
  UNIQUE (unit_id, account_code, content_checksum)
) STRICT;

-- The bank's transactions, each stored once per account however many
-- statements list it. Statements of overlapping periods list the same
-- transaction again; its identity is what the bank printed (date, direction,
-- amount, counterparty, reference, memo, remark) plus its occurrence among identical
-- lines of one statement (two 5.00 fees on one day are 1 and 2), so a line
-- already stored is skipped and a genuinely repeated one is not. This assumes
-- a statement covers whole days, as bank statements do.
CREATE TABLE bank_statement_lines (
  line_id          INTEGER PRIMARY KEY,
  statement_id     INTEGER NOT NULL REFERENCES bank_statements (statement_id),
  line_number      INTEGER NOT NULL CHECK (line_number >= 1),  -- the row in the file
  unit_id          TEXT NOT NULL REFERENCES units (unit_id),
  account_code     TEXT NOT NULL,
  transaction_date TEXT NOT NULL CHECK (transaction_date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
  amount_fen       INTEGER NOT NULL CHECK (amount_fen > 0),
  direction        TEXT NOT NULL CHECK (direction IN ('in', 'out')),
  counterparty     TEXT NOT NULL,
  reference        TEXT NOT NULL,   -- 流水号
  memo             TEXT NOT NULL,   -- 摘要
  remark           TEXT NOT NULL,   -- 附言 / 用途 / 备注
  occurrence       INTEGER NOT NULL CHECK (occurrence >= 1),
  UNIQUE (statement_id, line_number),
  UNIQUE (unit_id, account_code, transaction_date, direction, amount_fen, counterparty, reference, memo, remark,
          occurrence)
) STRICT;

CREATE TRIGGER bank_statements_no_update BEFORE UPDATE ON bank_statements
BEGIN SELECT RAISE(ABORT, 'bank_statements is append-only'); END;
CREATE TRIGGER bank_statements_no_delete BEFORE DELETE ON bank_statements
BEGIN SELECT RAISE(ABORT, 'bank_statements is append-only'); END;
CREATE TRIGGER bank_statement_lines_no_update BEFORE UPDATE ON bank_statement_lines
BEGIN SELECT RAISE(ABORT, 'bank_statement_lines is append-only'); END;
CREATE TRIGGER bank_statement_lines_no_delete BEFORE DELETE ON bank_statement_lines
BEGIN SELECT RAISE(ABORT, 'bank_statement_lines is append-only'); END;

-- jiangbu schema 0004: bank statements (银行对账单) of a unit's bank account,
-- imported to reconcile the book against the bank (银行存款余额调节表).
-- Mirrors sql/sqlite/0004. Append-only, like everything that records money.

-- One imported file. content_checksum is taken over the statement's lines as
-- read (not the file's bytes), so the same statement sent again — or its GBK
-- or XLSX copy — is recognised and replays this row instead of adding another.
CREATE TABLE bank_statements (
  statement_id        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  unit_id             TEXT NOT NULL REFERENCES units (unit_id),
  account_code        TEXT COLLATE "C" NOT NULL,
  file_name           TEXT NOT NULL,
  file_format         TEXT NOT NULL,
  encoding            TEXT NOT NULL,
  content_checksum    TEXT NOT NULL,
  opening_balance_fen fen NOT NULL,  -- the bank's balance before the first line
  first_date          TEXT COLLATE "C" NOT NULL,
  last_date           TEXT COLLATE "C" NOT NULL,
  row_count           INTEGER NOT NULL CHECK (row_count >= 1),
  new_line_count      INTEGER NOT NULL CHECK (new_line_count >= 0 AND new_line_count <= row_count),
  imported_at         TEXT NOT NULL,
  CHECK (first_date <= last_date),
  UNIQUE (unit_id, account_code, content_checksum)
);

-- The bank's transactions, each stored once per account however many
-- statements list it. Statements of overlapping periods list the same
-- transaction again; its identity is what the bank printed (date, direction,
-- amount, counterparty, reference, memo, remark) plus its occurrence among identical
-- lines of one statement (two 5.00 fees on one day are 1 and 2), so a line
-- already stored is skipped and a genuinely repeated one is not. This assumes
-- a statement covers whole days, as bank statements do.
CREATE TABLE bank_statement_lines (
  line_id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  statement_id     BIGINT NOT NULL REFERENCES bank_statements (statement_id),
  line_number      INTEGER NOT NULL CHECK (line_number >= 1),  -- the row in the file
  unit_id          TEXT NOT NULL REFERENCES units (unit_id),
  account_code     TEXT COLLATE "C" NOT NULL,
  transaction_date TEXT COLLATE "C" NOT NULL CHECK (transaction_date ~ '^[12][0-9]{3}-[01][0-9]-[0-3][0-9]$'),
  amount_fen       fen NOT NULL CHECK (amount_fen > 0),
  direction        TEXT NOT NULL CHECK (direction IN ('in', 'out')),
  counterparty     TEXT NOT NULL,
  reference        TEXT NOT NULL,   -- 流水号
  memo             TEXT NOT NULL,   -- 摘要
  remark           TEXT NOT NULL,   -- 附言 / 用途 / 备注
  occurrence       INTEGER NOT NULL CHECK (occurrence >= 1),
  UNIQUE (statement_id, line_number),
  UNIQUE (unit_id, account_code, transaction_date, direction, amount_fen, counterparty, reference, memo, remark,
          occurrence)
);

CREATE TRIGGER bank_statements_append_only BEFORE UPDATE OR DELETE ON bank_statements
  FOR EACH ROW EXECUTE FUNCTION jiangbu_refuse_journal_change();
CREATE TRIGGER bank_statements_no_truncate BEFORE TRUNCATE ON bank_statements
  FOR EACH STATEMENT EXECUTE FUNCTION jiangbu_refuse_journal_change();
CREATE TRIGGER bank_statement_lines_append_only BEFORE UPDATE OR DELETE ON bank_statement_lines
  FOR EACH ROW EXECUTE FUNCTION jiangbu_refuse_journal_change();
CREATE TRIGGER bank_statement_lines_no_truncate BEFORE TRUNCATE ON bank_statement_lines
  FOR EACH STATEMENT EXECUTE FUNCTION jiangbu_refuse_journal_change();

-- jiangbu schema 0001: charts, books, accounts and the append-only journal.
-- Amounts are whole fen in the domain `fen`: NUMERIC that refuses fractions
-- (a BIGINT column would silently round 1.5 to 2 on a hand-written insert)
-- and stays within jiangbu's Money range; never REAL/DOUBLE. Codes use the "C"
-- collation so that sub-account ranges ("2303/" .. "23030") compare bytewise
-- exactly as on SQLite. Applied by `jiangbu init`; mirrors sql/sqlite/.

CREATE DOMAIN fen AS NUMERIC
  CHECK (VALUE = trunc(VALUE) AND VALUE BETWEEN -999999999999999999 AND 999999999999999999);

CREATE TABLE charts (
  chart_id TEXT PRIMARY KEY,
  name     TEXT NOT NULL,
  source   TEXT NOT NULL
);

CREATE TABLE chart_accounts (
  chart_id     TEXT NOT NULL REFERENCES charts (chart_id),
  code         TEXT COLLATE "C" NOT NULL,
  name         TEXT NOT NULL,
  account_type TEXT NOT NULL,
  normal_side  TEXT NOT NULL CHECK (normal_side IN ('debit', 'credit')),
  basis        TEXT NOT NULL CHECK (basis IN ('financial', 'budget')),
  PRIMARY KEY (chart_id, code)
);

CREATE TABLE books (
  book_id    TEXT COLLATE "C" PRIMARY KEY,
  chart_id   TEXT NOT NULL REFERENCES charts (chart_id),
  name       TEXT NOT NULL,
  created_at TEXT NOT NULL
);

CREATE TABLE accounts (
  book_id    TEXT COLLATE "C" NOT NULL REFERENCES books (book_id),
  code       TEXT COLLATE "C" NOT NULL,
  chart_code TEXT COLLATE "C" NOT NULL,
  name       TEXT NOT NULL,
  opened_at  TEXT NOT NULL,
  PRIMARY KEY (book_id, code)
);

-- Gapless voucher numbers per book and fiscal year (凭证号连续): the counter
-- row is locked and moved in the entry's own transaction.
CREATE TABLE voucher_sequences (
  book_id     TEXT COLLATE "C" NOT NULL REFERENCES books (book_id),
  fiscal_year INTEGER NOT NULL,
  last_number BIGINT NOT NULL CHECK (last_number >= 0),
  PRIMARY KEY (book_id, fiscal_year)
);

CREATE TABLE journal_entries (
  entry_id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  book_id           TEXT COLLATE "C" NOT NULL REFERENCES books (book_id),
  voucher_number    TEXT COLLATE "C" NOT NULL,
  fiscal_year       INTEGER NOT NULL,
  entry_date        TEXT COLLATE "C" NOT NULL CHECK (entry_date ~ '^[12][0-9]{3}-[01][0-9]-[0-3][0-9]$'),
  memo              TEXT NOT NULL,
  source_reference  TEXT NOT NULL,
  reverses_entry_id BIGINT UNIQUE REFERENCES journal_entries (entry_id),
  recorded_at       TEXT NOT NULL,
  UNIQUE (book_id, voucher_number)
);

CREATE INDEX journal_entries_by_book_date ON journal_entries (book_id, entry_date);

CREATE TABLE postings (
  entry_id     BIGINT NOT NULL REFERENCES journal_entries (entry_id),
  line_number  INTEGER NOT NULL CHECK (line_number >= 1),
  book_id      TEXT COLLATE "C" NOT NULL,
  entry_date   TEXT COLLATE "C" NOT NULL,
  account_code TEXT COLLATE "C" NOT NULL,
  debit_fen    fen NOT NULL CHECK (debit_fen >= 0),
  credit_fen   fen NOT NULL CHECK (credit_fen >= 0),
  CHECK ((debit_fen = 0) <> (credit_fen = 0)),
  PRIMARY KEY (entry_id, line_number),
  FOREIGN KEY (book_id, account_code) REFERENCES accounts (book_id, code)
);

CREATE INDEX postings_by_account_date ON postings (book_id, account_code, entry_date);

-- The journal is append-only, also for anyone who bypasses the application.
CREATE FUNCTION jiangbu_refuse_journal_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: post a reversing entry instead', TG_TABLE_NAME
    USING ERRCODE = 'restrict_violation';
END
$$;

CREATE TRIGGER journal_entries_append_only BEFORE UPDATE OR DELETE ON journal_entries
  FOR EACH ROW EXECUTE FUNCTION jiangbu_refuse_journal_change();
CREATE TRIGGER journal_entries_no_truncate BEFORE TRUNCATE ON journal_entries
  FOR EACH STATEMENT EXECUTE FUNCTION jiangbu_refuse_journal_change();
CREATE TRIGGER postings_append_only BEFORE UPDATE OR DELETE ON postings
  FOR EACH ROW EXECUTE FUNCTION jiangbu_refuse_journal_change();
CREATE TRIGGER postings_no_truncate BEFORE TRUNCATE ON postings
  FOR EACH STATEMENT EXECUTE FUNCTION jiangbu_refuse_journal_change();

-- jiangbu schema 0001: charts, books, accounts and the append-only journal.
-- Amounts are INTEGER fen; STRICT tables refuse REAL (or text) in them.
-- Applied by `jiangbu init`; the same tables exist in sql/postgresql/.

CREATE TABLE charts (
  chart_id TEXT PRIMARY KEY,
  name     TEXT NOT NULL,
  source   TEXT NOT NULL
) STRICT;

CREATE TABLE chart_accounts (
  chart_id     TEXT NOT NULL REFERENCES charts (chart_id),
  code         TEXT NOT NULL,
  name         TEXT NOT NULL,
  account_type TEXT NOT NULL,
  normal_side  TEXT NOT NULL CHECK (normal_side IN ('debit', 'credit')),
  basis        TEXT NOT NULL CHECK (basis IN ('financial', 'budget')),
  PRIMARY KEY (chart_id, code)
) STRICT;

CREATE TABLE books (
  book_id    TEXT PRIMARY KEY,
  chart_id   TEXT NOT NULL REFERENCES charts (chart_id),
  name       TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;

-- Chart accounts opened in a book, and their sub-accounts ("2303/XX2024-003/...").
CREATE TABLE accounts (
  book_id    TEXT NOT NULL REFERENCES books (book_id),
  code       TEXT NOT NULL,
  chart_code TEXT NOT NULL,
  name       TEXT NOT NULL,
  opened_at  TEXT NOT NULL,
  PRIMARY KEY (book_id, code)
) STRICT;

-- Voucher numbers run without gaps per book and fiscal year (凭证号连续); the
-- counter moves in the same transaction as the entry, so a refused entry
-- leaves no gap.
CREATE TABLE voucher_sequences (
  book_id     TEXT NOT NULL REFERENCES books (book_id),
  fiscal_year INTEGER NOT NULL,
  last_number INTEGER NOT NULL CHECK (last_number >= 0),
  PRIMARY KEY (book_id, fiscal_year)
) STRICT;

CREATE TABLE journal_entries (
  entry_id          INTEGER PRIMARY KEY,
  book_id           TEXT NOT NULL REFERENCES books (book_id),
  voucher_number    TEXT NOT NULL,
  fiscal_year       INTEGER NOT NULL,
  entry_date        TEXT NOT NULL CHECK (entry_date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
  memo              TEXT NOT NULL,
  source_reference  TEXT NOT NULL,
  -- A correction points at the entry it reverses; UNIQUE means at most once.
  reverses_entry_id INTEGER UNIQUE REFERENCES journal_entries (entry_id),
  recorded_at       TEXT NOT NULL,
  UNIQUE (book_id, voucher_number)
) STRICT;

CREATE INDEX journal_entries_by_book_date ON journal_entries (book_id, entry_date);

CREATE TABLE postings (
  entry_id     INTEGER NOT NULL REFERENCES journal_entries (entry_id),
  line_number  INTEGER NOT NULL CHECK (line_number >= 1),
  book_id      TEXT NOT NULL,
  entry_date   TEXT NOT NULL,
  account_code TEXT NOT NULL,
  debit_fen    INTEGER NOT NULL CHECK (debit_fen >= 0),
  credit_fen   INTEGER NOT NULL CHECK (credit_fen >= 0),
  CHECK ((debit_fen = 0) <> (credit_fen = 0)),
  PRIMARY KEY (entry_id, line_number),
  FOREIGN KEY (book_id, account_code) REFERENCES accounts (book_id, code)
) STRICT;

CREATE INDEX postings_by_account_date ON postings (book_id, account_code, entry_date);

-- The journal is append-only, also for anyone who bypasses the application.
CREATE TRIGGER journal_entries_no_update BEFORE UPDATE ON journal_entries
BEGIN SELECT RAISE(ABORT, 'journal_entries is append-only: post a reversing entry instead'); END;
CREATE TRIGGER journal_entries_no_delete BEFORE DELETE ON journal_entries
BEGIN SELECT RAISE(ABORT, 'journal_entries is append-only: post a reversing entry instead'); END;
CREATE TRIGGER postings_no_update BEFORE UPDATE ON postings
BEGIN SELECT RAISE(ABORT, 'postings is append-only: post a reversing entry instead'); END;
CREATE TRIGGER postings_no_delete BEFORE DELETE ON postings
BEGIN SELECT RAISE(ABORT, 'postings is append-only: post a reversing entry instead'); END;

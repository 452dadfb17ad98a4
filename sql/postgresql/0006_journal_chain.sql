-- jiangbu schema 0006: the journal's SHA-256 hash chain (tamper evidence).
-- One row per journal entry: its place in the chain of its book and fiscal
-- year (voucher order), the previous entry's hash and its own. The encoding
-- that is hashed is documented in src/ledger/journal_chain.hpp. Mirrors
-- sql/sqlite/0006. Insert-only, like the journal.
CREATE TABLE journal_hashes (
  entry_id         BIGINT PRIMARY KEY REFERENCES journal_entries (entry_id),
  book_id          TEXT COLLATE "C" NOT NULL REFERENCES books (book_id),
  fiscal_year      INTEGER NOT NULL,
  voucher_sequence BIGINT NOT NULL CHECK (voucher_sequence >= 1),
  posting_count    INTEGER NOT NULL CHECK (posting_count >= 0),
  previous_hash    TEXT COLLATE "C" NOT NULL CHECK (length(previous_hash) = 64),
  entry_hash       TEXT COLLATE "C" NOT NULL CHECK (length(entry_hash) = 64),
  UNIQUE (book_id, fiscal_year, voucher_sequence)
);

CREATE TRIGGER journal_hashes_append_only BEFORE UPDATE OR DELETE ON journal_hashes
  FOR EACH ROW EXECUTE FUNCTION jiangbu_refuse_journal_change();
CREATE TRIGGER journal_hashes_no_truncate BEFORE TRUNCATE ON journal_hashes
  FOR EACH STATEMENT EXECUTE FUNCTION jiangbu_refuse_journal_change();

-- Where the chain starts: entries up to legacy_entry_id_max were posted
-- before this migration and are sealed by `jiangbu init` right after it (in
-- voucher order); any later entry without a hash row is a tamper finding.
CREATE TABLE journal_chain_start (
  singleton           INTEGER PRIMARY KEY CHECK (singleton = 1),
  legacy_entry_id_max BIGINT NOT NULL CHECK (legacy_entry_id_max >= 0)
);
INSERT INTO journal_chain_start (singleton, legacy_entry_id_max)
  SELECT 1, coalesce(max(entry_id), 0) FROM journal_entries;

CREATE TRIGGER journal_chain_start_append_only BEFORE UPDATE OR DELETE ON journal_chain_start
  FOR EACH ROW EXECUTE FUNCTION jiangbu_refuse_journal_change();
CREATE TRIGGER journal_chain_start_no_truncate BEFORE TRUNCATE ON journal_chain_start
  FOR EACH STATEMENT EXECUTE FUNCTION jiangbu_refuse_journal_change();

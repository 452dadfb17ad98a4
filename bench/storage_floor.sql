-- The SQLite storage floor of an import (bench/scale.sh): the rows an
-- import wrote, copied by the database engine alone from the imported
-- ledger (attached as `src` by the script) into a copy of the ledger taken
-- before the import, with the import's settings. No parsing, judging, binding
-- or row building, one transaction, every index, trigger, foreign key and
-- CHECK of the schema, the database read through the same memory map: no
-- import that stores these rows in this schema can be faster on this machine. share_spending is not copied: the trigger on
-- expenditures fills it, as it does for the import.
PRAGMA journal_mode = WAL;
PRAGMA synchronous = FULL;
PRAGMA foreign_keys = ON;
PRAGMA cache_size = -1048576;
PRAGMA temp_store = MEMORY;
PRAGMA mmap_size = 2147418112;
BEGIN IMMEDIATE;
-- The last entry before the import: the rows after it are the import's.
CREATE TEMP TABLE before_import AS SELECT COALESCE(MAX(entry_id), 0) AS entry_id FROM main.journal_entries;
-- Tables that held master data before the import: only the rows it added.
INSERT OR IGNORE INTO accounts SELECT * FROM src.accounts;
INSERT OR REPLACE INTO voucher_sequences SELECT * FROM src.voucher_sequences;
INSERT INTO journal_entries SELECT * FROM src.journal_entries WHERE entry_id > (SELECT entry_id FROM before_import);
INSERT INTO postings SELECT * FROM src.postings WHERE entry_id > (SELECT entry_id FROM before_import);
INSERT INTO journal_hashes SELECT * FROM src.journal_hashes WHERE entry_id > (SELECT entry_id FROM before_import);
-- Tables only the import writes.
INSERT INTO expenditures SELECT * FROM src.expenditures;
INSERT INTO expenditure_reversals SELECT * FROM src.expenditure_reversals;
INSERT INTO invoice_claims SELECT * FROM src.invoice_claims;
INSERT INTO expenditure_exceptions SELECT * FROM src.expenditure_exceptions;
INSERT OR IGNORE INTO audit_trail SELECT * FROM src.audit_trail;
COMMIT;

-- The PostgreSQL storage floor of an import (bench/scale.sh): the rows an
-- import wrote into schema :"src", copied by the server alone into schema
-- :"target", which holds the same master data (`demo generate` with the same
-- seed) and nothing of the import. No parsing, judging, binding or round trip
-- per batch, one transaction, every index, trigger, foreign key and CHECK of
-- the schema: no import that stores these rows in this schema can be faster
-- on this server. share_spending is not copied: the trigger on expenditures
-- fills it, as it does for the import. Run as the cluster's owner (row-level
-- security does not apply to it), with ON_ERROR_STOP.
SET search_path TO :"target";
BEGIN;
-- The last entry and audit event before the import: the rows after them are the import's.
CREATE TEMP TABLE before_import AS
  SELECT (SELECT COALESCE(MAX(entry_id), 0) FROM journal_entries) AS entry_id,
         (SELECT COALESCE(MAX(event_id), 0) FROM audit_trail) AS event_id;
-- Tables that held master data before the import: only the rows it added.
INSERT INTO accounts SELECT * FROM :"src".accounts ON CONFLICT DO NOTHING;
INSERT INTO voucher_sequences SELECT * FROM :"src".voucher_sequences
  ON CONFLICT (book_id, fiscal_year) DO UPDATE SET last_number = EXCLUDED.last_number;
INSERT INTO journal_entries OVERRIDING SYSTEM VALUE SELECT * FROM :"src".journal_entries
  WHERE entry_id > (SELECT entry_id FROM before_import);
INSERT INTO postings SELECT * FROM :"src".postings WHERE entry_id > (SELECT entry_id FROM before_import);
INSERT INTO journal_hashes SELECT * FROM :"src".journal_hashes WHERE entry_id > (SELECT entry_id FROM before_import);
INSERT INTO audit_trail OVERRIDING SYSTEM VALUE SELECT * FROM :"src".audit_trail
  WHERE event_id > (SELECT event_id FROM before_import);
-- Tables only the import writes.
INSERT INTO expenditures OVERRIDING SYSTEM VALUE SELECT * FROM :"src".expenditures;
INSERT INTO expenditure_reversals SELECT * FROM :"src".expenditure_reversals;
INSERT INTO invoice_claims SELECT * FROM :"src".invoice_claims;
INSERT INTO expenditure_exceptions OVERRIDING SYSTEM VALUE SELECT * FROM :"src".expenditure_exceptions;
COMMIT;

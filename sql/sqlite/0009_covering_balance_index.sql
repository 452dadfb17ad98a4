-- jiangbu schema 0009: the index every balance query reads (trial balance,
-- account balance and register, audit report, export checks) also carries
-- the amounts, so a balance over a book of millions of postings is read from
-- the index alone instead of one table lookup per posting (scale issue:
-- reports over 1,000,000 expenditures). Same key, so every query that used
-- the old index uses this one. Mirrors sql/postgresql/0009.
DROP INDEX postings_by_account_date;
CREATE INDEX postings_by_account_date ON postings (book_id, account_code, entry_date, debit_fen, credit_fen);

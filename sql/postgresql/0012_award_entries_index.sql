-- jiangbu schema 0012: the entries an award caused, found without the
-- expenditures (scale issue).
-- The inter-book reconciliation looks in each unit's dedicated account for the
-- receipts of one award: entries whose source names it ("award:<id>…"). It
-- walked every posting of the account and each posting's entry to read the
-- source, nearly all of them expenditures (at 1,000,000 expenditures, 2.4 s of
-- an audit report). This partial index holds only the award-caused entries
-- (grants, payments, a few thousand); an expenditure's entry never enters it,
-- so recording costs the same. Mirrors sql/sqlite/0012.
CREATE INDEX journal_entries_from_awards ON journal_entries (book_id, source_reference)
  WHERE substr(source_reference, 1, 6) = 'award:';

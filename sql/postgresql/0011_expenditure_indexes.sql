-- jiangbu schema 0011: indexes the reports read, and one no reader needs
-- (scale issue).
-- The exception register links each rejected submission to the submission
-- that corrected it; it read every row of both tables to find the few that
-- are resubmissions (at 1,000,000 expenditures, the whole 600 MB table for
-- each audit report). Partial indexes hold only those few rows.
CREATE INDEX expenditures_resubmitting ON expenditures (resubmits_exception_id)
  WHERE resubmits_exception_id IS NOT NULL;
CREATE INDEX expenditure_exceptions_resubmitting ON expenditure_exceptions (resubmits_exception_id)
  WHERE resubmits_exception_id IS NOT NULL;
-- expenditures_by_date (0005) served the analytics' pass over every
-- expenditure; that pass now finds its rows through the invoice claims, and
-- every other reader of expenditures selects by award, unit or id. Keyed by
-- date, each import batch wrote entries all over it. Mirrors sql/sqlite/0011.
DROP INDEX expenditures_by_date;

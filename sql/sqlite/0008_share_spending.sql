-- Running totals of live (not reversed) spending per award share and
-- category. Judging an expenditure needs what the unit has already spent of
-- the award (overdrawn: 专款专用, 000 綦江区办法 第九条) and of each planned use
-- (over-plan: 003 乌鲁木齐 四); summing every earlier expenditure for each new
-- one grows with the ledger, a total kept in the same transaction does not.
-- Kept by triggers, so no writer can forget it; `jiangbu verify` recomputes
-- it from the expenditures.
CREATE TABLE share_spending (
  award_id  TEXT NOT NULL,
  unit_id   TEXT NOT NULL,
  category  TEXT NOT NULL,
  spent_fen INTEGER NOT NULL CHECK (spent_fen >= 0),
  PRIMARY KEY (award_id, unit_id, category)
) STRICT;

INSERT INTO share_spending (award_id, unit_id, category, spent_fen)
SELECT e.award_id, e.unit_id, e.category, SUM(e.amount_fen) FROM expenditures e
WHERE NOT EXISTS (SELECT 1 FROM expenditure_reversals r WHERE r.expenditure_id = e.expenditure_id)
GROUP BY e.award_id, e.unit_id, e.category;

CREATE TRIGGER expenditures_add_spending AFTER INSERT ON expenditures
BEGIN
  INSERT INTO share_spending (award_id, unit_id, category, spent_fen)
  VALUES (NEW.award_id, NEW.unit_id, NEW.category, NEW.amount_fen)
  ON CONFLICT (award_id, unit_id, category) DO UPDATE SET spent_fen = spent_fen + excluded.spent_fen;
END;

CREATE TRIGGER expenditure_reversals_subtract_spending AFTER INSERT ON expenditure_reversals
BEGIN
  UPDATE share_spending
  SET spent_fen = spent_fen - (SELECT e.amount_fen FROM expenditures e WHERE e.expenditure_id = NEW.expenditure_id)
  WHERE (award_id, unit_id, category) =
        (SELECT e.award_id, e.unit_id, e.category FROM expenditures e WHERE e.expenditure_id = NEW.expenditure_id);
END;

CREATE TRIGGER share_spending_no_delete BEFORE DELETE ON share_spending
BEGIN SELECT RAISE(ABORT, 'share_spending follows the expenditures; it is never deleted'); END;

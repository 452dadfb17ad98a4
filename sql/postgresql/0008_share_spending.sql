-- Running totals of live (not reversed) spending per award share and
-- category. Judging an expenditure needs what the unit has already spent of
-- the award (overdrawn: 专款专用, 000 綦江区办法 第九条) and of each planned use
-- (over-plan: 003 乌鲁木齐 四); summing every earlier expenditure for each new
-- one grows with the ledger, a total kept in the same transaction does not.
-- Kept by statement triggers (one upsert per statement, also for a bulk
-- insert), run as the owner: no role may write the table itself.
-- `jiangbu verify` recomputes it from the expenditures.
CREATE TABLE share_spending (
  award_id  TEXT NOT NULL,
  unit_id   TEXT NOT NULL,
  category  TEXT NOT NULL,
  spent_fen BIGINT NOT NULL CHECK (spent_fen >= 0),
  PRIMARY KEY (award_id, unit_id, category)
);

INSERT INTO share_spending (award_id, unit_id, category, spent_fen)
SELECT e.award_id, e.unit_id, e.category, CAST(SUM(e.amount_fen) AS BIGINT) FROM expenditures e
WHERE NOT EXISTS (SELECT 1 FROM expenditure_reversals r WHERE r.expenditure_id = e.expenditure_id)
GROUP BY e.award_id, e.unit_id, e.category;

CREATE FUNCTION jiangbu_add_spending() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
  INSERT INTO share_spending AS s (award_id, unit_id, category, spent_fen)
  SELECT n.award_id, n.unit_id, n.category, CAST(SUM(n.amount_fen) AS BIGINT) FROM added_rows n
  GROUP BY n.award_id, n.unit_id, n.category ORDER BY n.award_id, n.unit_id, n.category
  ON CONFLICT (award_id, unit_id, category) DO UPDATE SET spent_fen = s.spent_fen + EXCLUDED.spent_fen;
  RETURN NULL;
END
$$;

CREATE FUNCTION jiangbu_subtract_spending() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
  UPDATE share_spending s SET spent_fen = s.spent_fen - r.amount_fen
  FROM (SELECT e.award_id, e.unit_id, e.category, CAST(SUM(e.amount_fen) AS BIGINT) AS amount_fen
        FROM added_rows n JOIN expenditures e ON e.expenditure_id = n.expenditure_id
        GROUP BY e.award_id, e.unit_id, e.category) r
  WHERE s.award_id = r.award_id AND s.unit_id = r.unit_id AND s.category = r.category;
  RETURN NULL;
END
$$;

CREATE TRIGGER expenditures_add_spending AFTER INSERT ON expenditures
  REFERENCING NEW TABLE AS added_rows FOR EACH STATEMENT EXECUTE FUNCTION jiangbu_add_spending();
CREATE TRIGGER expenditure_reversals_subtract_spending AFTER INSERT ON expenditure_reversals
  REFERENCING NEW TABLE AS added_rows FOR EACH STATEMENT EXECUTE FUNCTION jiangbu_subtract_spending();

GRANT SELECT ON share_spending TO jiangbu_bureau, jiangbu_unit, jiangbu_auditor;
ALTER TABLE share_spending ENABLE ROW LEVEL SECURITY;
CREATE POLICY share_spending_staff ON share_spending FOR SELECT TO jiangbu_bureau, jiangbu_auditor USING (true);
CREATE POLICY share_spending_own_unit ON share_spending FOR SELECT TO jiangbu_unit
  USING (unit_id = (SELECT p.unit_id FROM principals p WHERE p.role_name = current_user));

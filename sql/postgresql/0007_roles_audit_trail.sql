-- jiangbu schema 0007: who may do what, enforced by PostgreSQL itself, and
-- the audit trail (操作留痕).
--
-- Three group roles mirror the application's principals
-- (src/access/permission.cpp): jiangbu_bureau grants, pays, revokes, claws
-- back and reconciles; jiangbu_unit files plans and records and reverses its
-- own expenditures in its own book; jiangbu_auditor reads everything and
-- writes nothing. A login role becomes a principal through
-- jiangbu_bind_principal (`jiangbu role bind`), which grants it the group and
-- records its unit in `principals`. Row-level security then confines a unit's
-- login to its own rows, so hand-written SQL on its connection can neither
-- read nor write another unit's books. The schema owner (the administrator
-- who migrates) is not subject to row-level security.
--
-- Roles belong to the cluster, not the database: they are created once and
-- shared by every jiangbu database on the server (IF NOT EXISTS, and a
-- concurrent creation by another migration is not an error).

DO $$ BEGIN CREATE ROLE jiangbu_bureau NOLOGIN;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE jiangbu_unit NOLOGIN;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE jiangbu_auditor NOLOGIN;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;

CREATE TABLE principals (
  role_name TEXT COLLATE "C" PRIMARY KEY,
  kind      TEXT NOT NULL CHECK (kind IN ('bureau', 'unit', 'auditor')),
  unit_id   TEXT REFERENCES units (unit_id),
  bound_at  TEXT NOT NULL,
  CHECK ((kind = 'unit') = (unit_id IS NOT NULL))
);

CREATE TABLE audit_trail (
  event_id      BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  principal     TEXT NOT NULL,
  database_role TEXT NOT NULL DEFAULT current_user,  -- a policy below refuses any other value
  recorded_at   TEXT NOT NULL,
  action        TEXT NOT NULL,
  object_kind   TEXT NOT NULL,
  object_id     TEXT NOT NULL,
  entry_ids     TEXT NOT NULL
);

CREATE TRIGGER principals_append_only BEFORE UPDATE OR DELETE ON principals
  FOR EACH ROW EXECUTE FUNCTION jiangbu_refuse_journal_change();
CREATE TRIGGER audit_trail_append_only BEFORE UPDATE OR DELETE ON audit_trail
  FOR EACH ROW EXECUTE FUNCTION jiangbu_refuse_journal_change();
CREATE TRIGGER audit_trail_no_truncate BEFORE TRUNCATE ON audit_trail
  FOR EACH STATEMENT EXECUTE FUNCTION jiangbu_refuse_journal_change();

-- Binds a login role to a principal: the row first (its CHECK refuses a bad
-- kind), then the grant, with the names quoted by format(%I) since GRANT
-- takes no bound parameters.
CREATE FUNCTION jiangbu_bind_principal(bound_role TEXT, bound_kind TEXT, bound_unit TEXT, bound_at TEXT)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO principals (role_name, kind, unit_id, bound_at) VALUES (bound_role, bound_kind, bound_unit, bound_at);
  EXECUTE format('GRANT %I TO %I', 'jiangbu_' || bound_kind, bound_role);
END
$$;

DO $$ BEGIN
  EXECUTE format('GRANT USAGE ON SCHEMA %I TO jiangbu_bureau, jiangbu_unit, jiangbu_auditor', current_schema());
  EXECUTE format('GRANT USAGE ON ALL SEQUENCES IN SCHEMA %I TO jiangbu_bureau, jiangbu_unit', current_schema());
END $$;

GRANT SELECT ON
  charts, chart_accounts, books, accounts, voucher_sequences, journal_entries, postings, policies,
  units, brands, recognitions, recognition_units, awards, award_shares, award_payments,
  award_events, fund_use_plans, fund_use_plan_lines, expenditures, expenditure_reversals,
  invoice_claims, expenditure_exceptions, clawbacks, bank_statements, bank_statement_lines,
  unit_related_parties, principals, audit_trail, schema_migrations, journal_hashes, journal_chain_start
  TO jiangbu_bureau, jiangbu_unit, jiangbu_auditor;

GRANT INSERT ON
  books, accounts, voucher_sequences, journal_entries, postings, policies, units, brands,
  recognitions, recognition_units, awards, award_shares, award_payments, award_events,
  fund_use_plans, fund_use_plan_lines, expenditures, expenditure_reversals, invoice_claims,
  expenditure_exceptions, clawbacks, bank_statements, bank_statement_lines, unit_related_parties,
  audit_trail, journal_hashes
  TO jiangbu_bureau;

GRANT INSERT ON
  voucher_sequences, journal_entries, postings, accounts, expenditures, expenditure_reversals,
  invoice_claims, expenditure_exceptions, fund_use_plans, fund_use_plan_lines, audit_trail, journal_hashes
  TO jiangbu_unit;

-- The voucher counter moves in the entry's transaction; a reversal frees its
-- invoice for a corrected claim.
GRANT UPDATE (last_number) ON voucher_sequences TO jiangbu_bureau, jiangbu_unit;
GRANT DELETE ON invoice_claims TO jiangbu_bureau, jiangbu_unit;
-- SELECT … FOR UPDATE (the share lock that serialises spending and paying)
-- needs an UPDATE privilege on some column; the append-only trigger on
-- award_shares still refuses every actual update.
GRANT UPDATE (weight) ON award_shares TO jiangbu_bureau, jiangbu_unit;

-- Row-level security. The bureau and the auditor see every row (the
-- auditor's grants are SELECT only); a unit sees and writes its own.

ALTER TABLE books ENABLE ROW LEVEL SECURITY;
CREATE POLICY books_staff ON books TO jiangbu_bureau, jiangbu_auditor USING (true) WITH CHECK (true);
CREATE POLICY books_own_unit ON books TO jiangbu_unit
  USING (book_id = (SELECT u.book_id FROM units u WHERE u.unit_id = (SELECT p.unit_id FROM principals p WHERE p.role_name = current_user)))
  WITH CHECK (book_id = (SELECT u.book_id FROM units u WHERE u.unit_id = (SELECT p.unit_id FROM principals p WHERE p.role_name = current_user)));

ALTER TABLE accounts ENABLE ROW LEVEL SECURITY;
CREATE POLICY accounts_staff ON accounts TO jiangbu_bureau, jiangbu_auditor USING (true) WITH CHECK (true);
CREATE POLICY accounts_own_unit ON accounts TO jiangbu_unit
  USING (book_id = (SELECT u.book_id FROM units u WHERE u.unit_id = (SELECT p.unit_id FROM principals p WHERE p.role_name = current_user)))
  WITH CHECK (book_id = (SELECT u.book_id FROM units u WHERE u.unit_id = (SELECT p.unit_id FROM principals p WHERE p.role_name = current_user)));

ALTER TABLE voucher_sequences ENABLE ROW LEVEL SECURITY;
CREATE POLICY voucher_sequences_staff ON voucher_sequences TO jiangbu_bureau, jiangbu_auditor USING (true) WITH CHECK (true);
CREATE POLICY voucher_sequences_own_unit ON voucher_sequences TO jiangbu_unit
  USING (book_id = (SELECT u.book_id FROM units u WHERE u.unit_id = (SELECT p.unit_id FROM principals p WHERE p.role_name = current_user)))
  WITH CHECK (book_id = (SELECT u.book_id FROM units u WHERE u.unit_id = (SELECT p.unit_id FROM principals p WHERE p.role_name = current_user)));

ALTER TABLE journal_entries ENABLE ROW LEVEL SECURITY;
CREATE POLICY journal_entries_staff ON journal_entries TO jiangbu_bureau, jiangbu_auditor USING (true) WITH CHECK (true);
CREATE POLICY journal_entries_own_unit ON journal_entries TO jiangbu_unit
  USING (book_id = (SELECT u.book_id FROM units u WHERE u.unit_id = (SELECT p.unit_id FROM principals p WHERE p.role_name = current_user)))
  WITH CHECK (book_id = (SELECT u.book_id FROM units u WHERE u.unit_id = (SELECT p.unit_id FROM principals p WHERE p.role_name = current_user)));

ALTER TABLE postings ENABLE ROW LEVEL SECURITY;
CREATE POLICY postings_staff ON postings TO jiangbu_bureau, jiangbu_auditor USING (true) WITH CHECK (true);
CREATE POLICY postings_own_unit ON postings TO jiangbu_unit
  USING (book_id = (SELECT u.book_id FROM units u WHERE u.unit_id = (SELECT p.unit_id FROM principals p WHERE p.role_name = current_user)))
  WITH CHECK (book_id = (SELECT u.book_id FROM units u WHERE u.unit_id = (SELECT p.unit_id FROM principals p WHERE p.role_name = current_user)));

ALTER TABLE units ENABLE ROW LEVEL SECURITY;
CREATE POLICY units_staff ON units TO jiangbu_bureau, jiangbu_auditor USING (true) WITH CHECK (true);
CREATE POLICY units_own_unit ON units TO jiangbu_unit
  USING (unit_id = (SELECT p.unit_id FROM principals p WHERE p.role_name = current_user))
  WITH CHECK (unit_id = (SELECT p.unit_id FROM principals p WHERE p.role_name = current_user));

ALTER TABLE recognition_units ENABLE ROW LEVEL SECURITY;
CREATE POLICY recognition_units_staff ON recognition_units TO jiangbu_bureau, jiangbu_auditor USING (true) WITH CHECK (true);
CREATE POLICY recognition_units_own_unit ON recognition_units TO jiangbu_unit
  USING (unit_id = (SELECT p.unit_id FROM principals p WHERE p.role_name = current_user))
  WITH CHECK (unit_id = (SELECT p.unit_id FROM principals p WHERE p.role_name = current_user));

ALTER TABLE awards ENABLE ROW LEVEL SECURITY;
CREATE POLICY awards_staff ON awards TO jiangbu_bureau, jiangbu_auditor USING (true) WITH CHECK (true);
CREATE POLICY awards_own_unit ON awards TO jiangbu_unit
  USING (award_id IN (SELECT s.award_id FROM award_shares s WHERE s.unit_id = (SELECT p.unit_id FROM principals p WHERE p.role_name = current_user)))
  WITH CHECK (award_id IN (SELECT s.award_id FROM award_shares s WHERE s.unit_id = (SELECT p.unit_id FROM principals p WHERE p.role_name = current_user)));

ALTER TABLE award_shares ENABLE ROW LEVEL SECURITY;
CREATE POLICY award_shares_staff ON award_shares TO jiangbu_bureau, jiangbu_auditor USING (true) WITH CHECK (true);
CREATE POLICY award_shares_own_unit ON award_shares TO jiangbu_unit
  USING (unit_id = (SELECT p.unit_id FROM principals p WHERE p.role_name = current_user))
  WITH CHECK (unit_id = (SELECT p.unit_id FROM principals p WHERE p.role_name = current_user));

ALTER TABLE award_payments ENABLE ROW LEVEL SECURITY;
CREATE POLICY award_payments_staff ON award_payments TO jiangbu_bureau, jiangbu_auditor USING (true) WITH CHECK (true);
CREATE POLICY award_payments_own_unit ON award_payments TO jiangbu_unit
  USING (unit_id = (SELECT p.unit_id FROM principals p WHERE p.role_name = current_user))
  WITH CHECK (unit_id = (SELECT p.unit_id FROM principals p WHERE p.role_name = current_user));

ALTER TABLE award_events ENABLE ROW LEVEL SECURITY;
CREATE POLICY award_events_staff ON award_events TO jiangbu_bureau, jiangbu_auditor USING (true) WITH CHECK (true);
CREATE POLICY award_events_own_unit ON award_events TO jiangbu_unit
  USING (award_id IN (SELECT s.award_id FROM award_shares s WHERE s.unit_id = (SELECT p.unit_id FROM principals p WHERE p.role_name = current_user)))
  WITH CHECK (award_id IN (SELECT s.award_id FROM award_shares s WHERE s.unit_id = (SELECT p.unit_id FROM principals p WHERE p.role_name = current_user)));

ALTER TABLE fund_use_plans ENABLE ROW LEVEL SECURITY;
CREATE POLICY fund_use_plans_staff ON fund_use_plans TO jiangbu_bureau, jiangbu_auditor USING (true) WITH CHECK (true);
CREATE POLICY fund_use_plans_own_unit ON fund_use_plans TO jiangbu_unit
  USING (unit_id = (SELECT p.unit_id FROM principals p WHERE p.role_name = current_user))
  WITH CHECK (unit_id = (SELECT p.unit_id FROM principals p WHERE p.role_name = current_user));

ALTER TABLE fund_use_plan_lines ENABLE ROW LEVEL SECURITY;
CREATE POLICY fund_use_plan_lines_staff ON fund_use_plan_lines TO jiangbu_bureau, jiangbu_auditor USING (true) WITH CHECK (true);
CREATE POLICY fund_use_plan_lines_own_unit ON fund_use_plan_lines TO jiangbu_unit
  USING (plan_id IN (SELECT f.plan_id FROM fund_use_plans f WHERE f.unit_id = (SELECT p.unit_id FROM principals p WHERE p.role_name = current_user)))
  WITH CHECK (plan_id IN (SELECT f.plan_id FROM fund_use_plans f WHERE f.unit_id = (SELECT p.unit_id FROM principals p WHERE p.role_name = current_user)));

ALTER TABLE expenditures ENABLE ROW LEVEL SECURITY;
CREATE POLICY expenditures_staff ON expenditures TO jiangbu_bureau, jiangbu_auditor USING (true) WITH CHECK (true);
CREATE POLICY expenditures_own_unit ON expenditures TO jiangbu_unit
  USING (unit_id = (SELECT p.unit_id FROM principals p WHERE p.role_name = current_user))
  WITH CHECK (unit_id = (SELECT p.unit_id FROM principals p WHERE p.role_name = current_user));

ALTER TABLE expenditure_reversals ENABLE ROW LEVEL SECURITY;
CREATE POLICY expenditure_reversals_staff ON expenditure_reversals TO jiangbu_bureau, jiangbu_auditor USING (true) WITH CHECK (true);
CREATE POLICY expenditure_reversals_own_unit ON expenditure_reversals TO jiangbu_unit
  USING (expenditure_id IN (SELECT e.expenditure_id FROM expenditures e WHERE e.unit_id = (SELECT p.unit_id FROM principals p WHERE p.role_name = current_user)))
  WITH CHECK (expenditure_id IN (SELECT e.expenditure_id FROM expenditures e WHERE e.unit_id = (SELECT p.unit_id FROM principals p WHERE p.role_name = current_user)));

ALTER TABLE expenditure_exceptions ENABLE ROW LEVEL SECURITY;
CREATE POLICY expenditure_exceptions_staff ON expenditure_exceptions TO jiangbu_bureau, jiangbu_auditor USING (true) WITH CHECK (true);
CREATE POLICY expenditure_exceptions_own_unit ON expenditure_exceptions TO jiangbu_unit
  USING (unit_uscc = (SELECT p.unit_id FROM principals p WHERE p.role_name = current_user))
  WITH CHECK (unit_uscc = (SELECT p.unit_id FROM principals p WHERE p.role_name = current_user));

ALTER TABLE clawbacks ENABLE ROW LEVEL SECURITY;
CREATE POLICY clawbacks_staff ON clawbacks TO jiangbu_bureau, jiangbu_auditor USING (true) WITH CHECK (true);
CREATE POLICY clawbacks_own_unit ON clawbacks TO jiangbu_unit
  USING (unit_id = (SELECT p.unit_id FROM principals p WHERE p.role_name = current_user))
  WITH CHECK (unit_id = (SELECT p.unit_id FROM principals p WHERE p.role_name = current_user));

ALTER TABLE bank_statements ENABLE ROW LEVEL SECURITY;
CREATE POLICY bank_statements_staff ON bank_statements TO jiangbu_bureau, jiangbu_auditor USING (true) WITH CHECK (true);
CREATE POLICY bank_statements_own_unit ON bank_statements TO jiangbu_unit
  USING (unit_id = (SELECT p.unit_id FROM principals p WHERE p.role_name = current_user))
  WITH CHECK (unit_id = (SELECT p.unit_id FROM principals p WHERE p.role_name = current_user));

ALTER TABLE bank_statement_lines ENABLE ROW LEVEL SECURITY;
CREATE POLICY bank_statement_lines_staff ON bank_statement_lines TO jiangbu_bureau, jiangbu_auditor USING (true) WITH CHECK (true);
CREATE POLICY bank_statement_lines_own_unit ON bank_statement_lines TO jiangbu_unit
  USING (unit_id = (SELECT p.unit_id FROM principals p WHERE p.role_name = current_user))
  WITH CHECK (unit_id = (SELECT p.unit_id FROM principals p WHERE p.role_name = current_user));

ALTER TABLE unit_related_parties ENABLE ROW LEVEL SECURITY;
CREATE POLICY unit_related_parties_staff ON unit_related_parties TO jiangbu_bureau, jiangbu_auditor USING (true) WITH CHECK (true);
CREATE POLICY unit_related_parties_own_unit ON unit_related_parties TO jiangbu_unit
  USING (unit_id = (SELECT p.unit_id FROM principals p WHERE p.role_name = current_user))
  WITH CHECK (unit_id = (SELECT p.unit_id FROM principals p WHERE p.role_name = current_user));

ALTER TABLE journal_hashes ENABLE ROW LEVEL SECURITY;
CREATE POLICY journal_hashes_staff ON journal_hashes TO jiangbu_bureau, jiangbu_auditor USING (true) WITH CHECK (true);
CREATE POLICY journal_hashes_own_unit ON journal_hashes TO jiangbu_unit
  USING (book_id = (SELECT u.book_id FROM units u WHERE u.unit_id = (SELECT p.unit_id FROM principals p WHERE p.role_name = current_user)))
  WITH CHECK (book_id = (SELECT u.book_id FROM units u WHERE u.unit_id = (SELECT p.unit_id FROM principals p WHERE p.role_name = current_user)));

-- The duplicate-invoice rule must see a claim made by any unit (DOMAIN: one
-- invoice, one claim), so every principal reads invoice_claims: an invoice
-- key and an expenditure id the unit cannot follow. A unit adds only its own
-- expenditures' claims.
ALTER TABLE invoice_claims ENABLE ROW LEVEL SECURITY;
CREATE POLICY invoice_claims_staff ON invoice_claims TO jiangbu_bureau, jiangbu_auditor USING (true) WITH CHECK (true);
CREATE POLICY invoice_claims_read ON invoice_claims FOR SELECT TO jiangbu_unit USING (true);
CREATE POLICY invoice_claims_own_insert ON invoice_claims FOR INSERT TO jiangbu_unit
  WITH CHECK (expenditure_id IN (SELECT e.expenditure_id FROM expenditures e WHERE e.unit_id = (SELECT p.unit_id FROM principals p WHERE p.role_name = current_user)));
-- Only a reversed expenditure's claim may be freed (the reversal row comes
-- first in the same transaction), so raw SQL cannot free a live invoice.
CREATE POLICY invoice_claims_own_delete ON invoice_claims FOR DELETE TO jiangbu_unit
  USING (expenditure_id IN (SELECT r.expenditure_id FROM expenditure_reversals r JOIN expenditures e
                            ON e.expenditure_id = r.expenditure_id
                            WHERE e.unit_id = (SELECT p.unit_id FROM principals p WHERE p.role_name = current_user)));

ALTER TABLE principals ENABLE ROW LEVEL SECURITY;
CREATE POLICY principals_staff ON principals FOR SELECT TO jiangbu_bureau, jiangbu_auditor USING (true);
CREATE POLICY principals_own ON principals FOR SELECT TO jiangbu_unit USING (role_name = current_user);

-- Everyone writes the trail as themselves and nobody else; the bureau and
-- the auditor read all of it, a unit its own logins' rows.
ALTER TABLE audit_trail ENABLE ROW LEVEL SECURITY;
CREATE POLICY audit_trail_read ON audit_trail FOR SELECT TO jiangbu_bureau, jiangbu_auditor USING (true);
CREATE POLICY audit_trail_own_read ON audit_trail FOR SELECT TO jiangbu_unit USING (database_role = current_user);
CREATE POLICY audit_trail_write ON audit_trail FOR INSERT TO jiangbu_bureau, jiangbu_unit
  WITH CHECK (database_role = current_user);

-- jiangbu schema 0010: accounts of the web front (jiangbu serve). A person
-- signs in with a user name and password and then acts as the principal the
-- account names (bureau, auditor or unit:<USCC>), under the same permission
-- table as the CLI (src/access/permission.cpp). The password is kept only as
-- an argon2id hash in libsodium's encoded form (algorithm, parameters, salt
-- and hash in one string). Repeated wrong passwords lock the account until
-- locked_until_unix (seconds since 1970, UTC). On PostgreSQL an account may
-- name a login role bound to the same principal (jiangbu role bind): the
-- server then runs each of its requests as that role (SET ROLE), so that
-- the database's grants and row-level security guard the web as they guard
-- the CLI. No grant to the bound login
-- roles of 0007: only the server's own login reads the hashes. Mirrors
-- sql/sqlite/0010.
CREATE TABLE web_users (
  user_name         TEXT COLLATE "C" PRIMARY KEY,
  password_hash     TEXT NOT NULL CHECK (password_hash LIKE '$argon2id$%'),
  principal         TEXT NOT NULL CHECK (principal IN ('bureau', 'auditor') OR principal LIKE 'unit:%'),
  database_role     TEXT,  -- PostgreSQL: the bound login role each request of this account runs as
  failed_sign_ins   INTEGER NOT NULL DEFAULT 0 CHECK (failed_sign_ins >= 0),
  locked_until_unix BIGINT NOT NULL DEFAULT 0,
  created_at        TEXT NOT NULL
);

-- Accounts on a shared database (twin of postgres/0009_accounts.sql, where
-- they live: PostgreSQL roles, grants and row-level security). A SQLite
-- file has one person at the desk and no accounts, so here the accounts
-- table stays empty and the two new columns of the audit trail stay '':
-- db_user is the database user who made an entry (PostgreSQL's
-- session_user), region the outflow region (the home city) of the trainee
-- the entry concerns, by which a region account sees its own entries.
ALTER TABLE audit_log ADD COLUMN db_user TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_log ADD COLUMN region TEXT NOT NULL DEFAULT '';
CREATE INDEX audit_log_region ON audit_log (region, id);

CREATE TABLE accounts (
    name       TEXT    NOT NULL PRIMARY KEY,
    role       TEXT    NOT NULL CHECK (role IN ('admin', 'staff', 'region', 'viewer')),
    region     TEXT    NOT NULL DEFAULT '',
    disabled   INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
    created_at TEXT    NOT NULL,
    updated_at TEXT    NOT NULL,
    CHECK ((role = 'region') = (region <> ''))
);


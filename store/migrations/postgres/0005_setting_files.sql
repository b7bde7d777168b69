-- Files a setting names, copied in when the setting is saved (twin of
-- ../0005_setting_files.sql).
CREATE TABLE IF NOT EXISTS setting_files (
    key        TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    type       TEXT NOT NULL,
    data       BYTEA NOT NULL,
    sha256     TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- Files a setting names, copied in when the setting is saved (the
-- certificate's background image), so that printing never depends on a
-- path that may move. The setting itself keeps the path it was copied
-- from, for people to read.
CREATE TABLE IF NOT EXISTS setting_files (
    key        TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    type       TEXT NOT NULL,
    data       BLOB NOT NULL,
    sha256     TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

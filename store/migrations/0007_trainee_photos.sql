-- A trainee's photo (证件照): one JPEG of 295 × 413 pixels (25 × 35 mm at
-- 300 dpi, made by package photo), some 4 to 30 KB. A table of its own,
-- so that reading trainees never reads photos; the photo goes with its
-- trainee.
CREATE TABLE IF NOT EXISTS trainee_photos (
    trainee_id INTEGER PRIMARY KEY REFERENCES trainees(id) ON DELETE CASCADE,
    jpeg       BLOB    NOT NULL,
    updated_at TEXT    NOT NULL
);

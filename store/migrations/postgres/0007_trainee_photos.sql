-- A trainee's photo (twin of ../0007_trainee_photos.sql): one JPEG in a
-- table of its own, going with its trainee.
CREATE TABLE IF NOT EXISTS trainee_photos (
    trainee_id BIGINT  PRIMARY KEY REFERENCES trainees(id) ON DELETE CASCADE,
    jpeg       BYTEA   NOT NULL,
    updated_at TEXT    NOT NULL
);

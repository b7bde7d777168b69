-- The audit trail: who did what to which record, and when. Append-only:
-- triggers refuse every UPDATE and DELETE. before and after hold the record
-- as JSON text, with ID numbers and phone numbers masked, so that the log
-- itself leaks no personal data; for events that change nothing (prints,
-- exports, reveals, backups) after holds the event's detail.
CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    at        TEXT    NOT NULL,
    os_user   TEXT    NOT NULL DEFAULT '',
    user_name TEXT    NOT NULL DEFAULT '',
    action    TEXT    NOT NULL CHECK (action <> ''),
    entity    TEXT    NOT NULL DEFAULT '',
    entity_id TEXT    NOT NULL DEFAULT '',
    before    TEXT,
    after     TEXT
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id);
CREATE INDEX audit_log_action ON audit_log (action, at);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log cannot be changed');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log cannot be changed');
END;

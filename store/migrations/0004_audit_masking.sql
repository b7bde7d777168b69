-- The masking policy (models/privacy.go) now hides the birth date and
-- sequence digits of ID numbers (511421***********X) and shows birth dates
-- to the month: the older entries of the trail held the first six and last
-- four characters beside the full birth date, from which the full number
-- could be rebuilt, even after retention had removed it from the trainee.
-- Mask those entries again, this once: the triggers that keep the trail
-- append-only are lifted for it and put back as they were. The writer
-- deletes securely, so the old values do not stay in free pages.
DROP TRIGGER audit_log_no_update;

UPDATE audit_log SET before = json_set(before, '$.id_number',
        substr(json_extract(before, '$.id_number'), 1, 6) || '***********' || substr(json_extract(before, '$.id_number'), 18, 1))
    WHERE json_valid(before) AND json_type(before, '$.id_number') = 'text'
        AND length(json_extract(before, '$.id_number')) = 18;
UPDATE audit_log SET after = json_set(after, '$.id_number',
        substr(json_extract(after, '$.id_number'), 1, 6) || '***********' || substr(json_extract(after, '$.id_number'), 18, 1))
    WHERE json_valid(after) AND json_type(after, '$.id_number') = 'text'
        AND length(json_extract(after, '$.id_number')) = 18;
UPDATE audit_log SET before = json_set(before, '$.birth_date', substr(json_extract(before, '$.birth_date'), 1, 7))
    WHERE json_valid(before) AND json_type(before, '$.birth_date') = 'text'
        AND length(json_extract(before, '$.birth_date')) > 7;
UPDATE audit_log SET after = json_set(after, '$.birth_date', substr(json_extract(after, '$.birth_date'), 1, 7))
    WHERE json_valid(after) AND json_type(after, '$.birth_date') = 'text'
        AND length(json_extract(after, '$.birth_date')) > 7;

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log cannot be changed');
END;

-- Say so in the trail, when it held any trainee's entry.
INSERT INTO audit_log (at, action, entity, after)
    SELECT strftime('%Y-%m-%dT%H:%M:%S', 'now') || '.000000Z', 'remask', 'audit_log',
        '{"policy":"ID numbers show the region code and the check character, birth dates the month"}'
    WHERE EXISTS (SELECT 1 FROM audit_log WHERE entity = 'trainees');

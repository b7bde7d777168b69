-- The masking policy of ID numbers and birth dates (twin of
-- ../0004_audit_masking.sql): older entries of the trail are masked again,
-- this once, with the trigger that refuses updates disabled for the
-- statement and enabled again in the same transaction.
ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update;

UPDATE audit_log SET before = jsonb_set(before::jsonb, '{id_number}',
        to_jsonb(substr(before::jsonb->>'id_number', 1, 6) || '***********' || substr(before::jsonb->>'id_number', 18, 1)))::text
    WHERE before IS NOT NULL AND before LIKE '{%' AND jsonb_typeof(before::jsonb->'id_number') = 'string'
        AND length(before::jsonb->>'id_number') = 18;
UPDATE audit_log SET after = jsonb_set(after::jsonb, '{id_number}',
        to_jsonb(substr(after::jsonb->>'id_number', 1, 6) || '***********' || substr(after::jsonb->>'id_number', 18, 1)))::text
    WHERE after IS NOT NULL AND after LIKE '{%' AND jsonb_typeof(after::jsonb->'id_number') = 'string'
        AND length(after::jsonb->>'id_number') = 18;
UPDATE audit_log SET before = jsonb_set(before::jsonb, '{birth_date}', to_jsonb(substr(before::jsonb->>'birth_date', 1, 7)))::text
    WHERE before IS NOT NULL AND before LIKE '{%' AND jsonb_typeof(before::jsonb->'birth_date') = 'string'
        AND length(before::jsonb->>'birth_date') > 7;
UPDATE audit_log SET after = jsonb_set(after::jsonb, '{birth_date}', to_jsonb(substr(after::jsonb->>'birth_date', 1, 7)))::text
    WHERE after IS NOT NULL AND after LIKE '{%' AND jsonb_typeof(after::jsonb->'birth_date') = 'string'
        AND length(after::jsonb->>'birth_date') > 7;

ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update;

INSERT INTO audit_log (at, action, entity, after)
    SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS') || '.000000Z', 'remask', 'audit_log',
        '{"policy":"ID numbers show the region code and the check character, birth dates the month"}'
    WHERE EXISTS (SELECT 1 FROM audit_log WHERE entity = 'trainees');

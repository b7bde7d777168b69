-- The certificate's new defaults (twin of ../0006_certificate_defaults.sql,
-- which explains them): a database that has issued certificates under the
-- old serial format keeps it as its setting; the drawn seal's settings go.
-- Each change is recorded in the audit trail.

INSERT INTO audit_log (at, os_user, user_name, action, entity, entity_id, before, after)
SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), '', 'schema 6', 'create',
       'settings', 'certificate.serial_format',
       NULL, jsonb_build_object('key', 'certificate.serial_format', 'value', '〔{year}〕第{seq}号')::text
WHERE EXISTS (SELECT 1 FROM certificates)
  AND NOT EXISTS (SELECT 1 FROM settings WHERE key = 'certificate.serial_format' AND trim(value) <> '');

INSERT INTO settings (key, value)
SELECT 'certificate.serial_format', '〔{year}〕第{seq}号'
WHERE EXISTS (SELECT 1 FROM certificates)
  AND NOT EXISTS (SELECT 1 FROM settings WHERE key = 'certificate.serial_format' AND trim(value) <> '')
ON CONFLICT (key) DO UPDATE SET value = excluded.value;

INSERT INTO audit_log (at, os_user, user_name, action, entity, entity_id, before, after)
SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), '', 'schema 6', 'delete',
       'settings', key, jsonb_build_object('key', key, 'value', value)::text, NULL
FROM settings WHERE key IN ('certificate.seal', 'certificate.seal_color');

DELETE FROM settings WHERE key IN ('certificate.seal', 'certificate.seal_color');

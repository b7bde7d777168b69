-- The certificate's new defaults (issue 12): a serial format that carries
-- the organisation's short name (org.short_name), or a plain 2025-0012,
-- instead of 〔2025〕第0012号; no seal drawn by the program (the unit stamps
-- its own, or sets a scan of it, certificate.seal_image).
--
-- 1. A database that has issued certificates under the old default keeps
--    it, written out as its setting, so that its serials do not change
--    style in the middle of a year; the office may change it in the
--    settings. Issued serials never change.
-- 2. The settings of the drawn seal go: certificate.seal and
--    certificate.seal_color.
-- Each change is recorded in the audit trail.

INSERT INTO audit_log (at, os_user, user_name, action, entity, entity_id, before, after)
SELECT strftime('%Y-%m-%dT%H:%M:%f000Z', 'now'), '', 'schema 6', 'create', 'settings', 'certificate.serial_format',
       NULL, json_object('key', 'certificate.serial_format', 'value', '〔{year}〕第{seq}号')
WHERE EXISTS (SELECT 1 FROM certificates)
  AND NOT EXISTS (SELECT 1 FROM settings WHERE key = 'certificate.serial_format' AND trim(value) <> '');

INSERT INTO settings (key, value)
SELECT 'certificate.serial_format', '〔{year}〕第{seq}号'
WHERE EXISTS (SELECT 1 FROM certificates)
  AND NOT EXISTS (SELECT 1 FROM settings WHERE key = 'certificate.serial_format' AND trim(value) <> '')
ON CONFLICT (key) DO UPDATE SET value = excluded.value;

INSERT INTO audit_log (at, os_user, user_name, action, entity, entity_id, before, after)
SELECT strftime('%Y-%m-%dT%H:%M:%f000Z', 'now'), '', 'schema 6', 'delete', 'settings', key,
       json_object('key', key, 'value', value), NULL
FROM settings WHERE key IN ('certificate.seal', 'certificate.seal_color');

DELETE FROM settings WHERE key IN ('certificate.seal', 'certificate.seal_color');

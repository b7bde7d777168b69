-- Live updates (twin of postgres/0010_change_notices.sql, where triggers
-- send a notice per changed table to every open window). A SQLite file
-- has no notices: nothing changes here but the schema's version.
SELECT 1;

-- A region account's name searches read only its region's keys (twin of
-- postgres/0012_search_names_by_region.sql, an index by region of the name
-- keys). A SQLite file has no region accounts: nothing changes here but
-- the schema's version.
SELECT 1;

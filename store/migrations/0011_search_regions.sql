-- The search keys carry their trainee's outflow region on PostgreSQL (twin
-- of postgres/0011_search_regions.sql), where a region account's searches
-- read only the keys of its region. A SQLite file has no region accounts:
-- the column is there, as in the twin, and stays ''. A copy or a backup
-- restored into PostgreSQL takes each key's region from its trainee
-- (store/copy.go).
ALTER TABLE trainee_search ADD COLUMN region TEXT NOT NULL DEFAULT '';

-- The search keys carry their trainee's outflow region (twin of
-- ../0011_search_regions.sql), so that the row-level policy of a region
-- account on the keys is a plain comparison with a column of the primary
-- key's index (INCLUDE): a search reads a range of keys from that one
-- index, as an admin's does, and passes over other regions' keys without
-- looking up their trainees. 0009's policy looked up the trainee of every
-- key it passed: a fragment most of whose matches are other regions'
-- trainees read every one of them, hundreds of milliseconds at 250,000
-- trainees. A second index, (region, key) or the keys by trainee, would
-- make every write of keys (a demo, an import, a copy) two to three times
-- slower; the included column costs a few bytes a key.
--
-- The store writes each key with the trainee's home city (region_city),
-- and when it changes one moves the trainee's keys by their primary key.
-- When a trainee's home city changes any other way (plain SQL, a DBA
-- renaming a city), the trigger below moves the keys of every trainee the
-- statement moved, before the statement ends: a key is never visible to a
-- region its trainee has left. The store tells the trigger which trainee
-- it moves itself (peiyang.search_keys_moved, for its transaction), which
-- spares a pass over the keys; only someone who may change trainees
-- anyway (admin, staff) can set it.
-- No ? appears below: the store numbers ? as a placeholder.

ALTER TABLE trainee_search DROP CONSTRAINT trainee_search_pkey;
ALTER TABLE trainee_search ADD COLUMN region TEXT NOT NULL DEFAULT '';
UPDATE trainee_search s SET region = t.region_city FROM trainees t WHERE t.id = s.trainee_id AND t.region_city <> '';
ALTER TABLE trainee_search ADD CONSTRAINT trainee_search_pkey PRIMARY KEY (key, trainee_id) INCLUDE (region);

CREATE FUNCTION trainees_region_moves_keys() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    skip text := COALESCE(current_setting('peiyang.search_keys_moved', true), '');
BEGIN
    IF NOT EXISTS (SELECT 1 FROM moved_new n JOIN moved_old o ON o.id = n.id
                   WHERE n.region_city IS DISTINCT FROM o.region_city AND n.id::text <> skip) THEN
        RETURN NULL;
    END IF;
    UPDATE trainee_search s SET region = n.region_city
        FROM moved_new n JOIN moved_old o ON o.id = n.id
        WHERE s.trainee_id = n.id AND n.region_city IS DISTINCT FROM o.region_city
            AND n.id::text <> skip AND s.region <> n.region_city;
    RETURN NULL;
END
$$;

CREATE TRIGGER trainees_region_moves_keys AFTER UPDATE ON trainees
    REFERENCING OLD TABLE AS moved_old NEW TABLE AS moved_new
    FOR EACH STATEMENT EXECUTE FUNCTION trainees_region_moves_keys();

-- A region account reads the keys of its region; it adds keys only of its
-- region and only for its own members (the trainees it sees), as before.
ALTER POLICY own_region ON trainee_search
    USING (region = (SELECT peiyang_region()))
    WITH CHECK (region = (SELECT peiyang_region()) AND EXISTS (SELECT 1 FROM trainees t WHERE t.id = trainee_id));

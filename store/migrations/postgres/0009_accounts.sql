-- Accounts and region-scoped access (twin of ../0009_accounts.sql), enforced
-- by the database itself, whoever connects and with whatever program:
--
--   * four group roles, shared by the server's Peiyang databases:
--     peiyang_admin, peiyang_staff, peiyang_region and peiyang_viewer; an
--     account is a LOGIN role that is a member of one of them, listed in
--     the accounts table (its region, whether it is disabled);
--   * grants per group (peiyang_grant_access, which a migration adding a
--     table calls again): every group reads; admin and staff write the
--     records, staff not the settings (but those the program keeps
--     itself) and never voids a certificate; a region account writes
--     only nominees, returns and elections; a viewer writes nothing but
--     the audit entries of its own prints and exports;
--   * row-level security: a region account sees, and writes, only the
--     trainees whose home city is its region and what belongs to them
--     (search keys, photos, enrolments, attendance, certificates,
--     placements, mentorships and their contacts, returns, elections,
--     review items, audit entries); other regions' rows are not there for
--     it, not even counted;
--   * the audit trail names the database user of every entry
--     (session_user, set by a trigger, so it cannot be forged) and the
--     region the entry concerns; no group may update or delete an entry
--     (no grant, and the triggers of 0002 refuse it anyway);
--   * accounts are managed through SECURITY DEFINER functions owned by
--     the database's owner, which must be allowed to create roles
--     (CREATEROLE): an admin account needs no such right itself, so it can
--     make, change and disable accounts, and nothing else of the server's.
--
-- The owner of the tables (the role that set the database up and runs its
-- upgrades) and superusers are outside all this, as PostgreSQL has it.
-- No ? appears below: the store numbers ? as a placeholder.

ALTER TABLE audit_log ADD COLUMN db_user TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_log ADD COLUMN region TEXT NOT NULL DEFAULT '';
CREATE INDEX audit_log_region ON audit_log (region, id);

CREATE TABLE accounts (
    name       TEXT    NOT NULL PRIMARY KEY,
    role       TEXT    NOT NULL CHECK (role IN ('admin', 'staff', 'region', 'viewer')),
    region     TEXT    NOT NULL DEFAULT '',
    disabled   INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
    created_at TEXT    NOT NULL,
    updated_at TEXT    NOT NULL,
    CHECK ((role = 'region') = (region <> ''))
);

-- The group roles. Two databases migrated at once may both try to make
-- one: the second finds it made.
DO $$
DECLARE
    r text;
BEGIN
    FOREACH r IN ARRAY ARRAY['peiyang_admin', 'peiyang_staff', 'peiyang_region', 'peiyang_viewer'] LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) THEN
            BEGIN
                EXECUTE format('CREATE ROLE %I NOLOGIN', r);
            EXCEPTION
                WHEN duplicate_object OR unique_violation THEN NULL;
                WHEN insufficient_privilege THEN
                    RAISE EXCEPTION 'Peiyang''s accounts need the database owner % to be allowed to create roles: ALTER ROLE % CREATEROLE', current_user, current_user
                        USING ERRCODE = 'insufficient_privilege';
            END;
        END IF;
    END LOOP;
END
$$;

-- The outflow region of the session's account, NULL for any other
-- account: the row-level policies compare trainees' home city with it.
CREATE FUNCTION peiyang_region() RETURNS text
    LANGUAGE sql STABLE SECURITY DEFINER AS $$
    SELECT region FROM accounts WHERE name = session_user AND role = 'region' AND disabled = 0
$$;

-- peiyang_is_admin says whether the session's user may manage accounts:
-- a member of peiyang_admin, the database's owner or a superuser.
CREATE FUNCTION peiyang_is_admin() RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER AS $$
    SELECT pg_has_role(session_user, 'peiyang_admin', 'MEMBER')
        OR EXISTS (SELECT 1 FROM pg_roles WHERE rolname = session_user AND rolsuper)
        OR EXISTS (SELECT 1 FROM pg_database WHERE datname = current_database()
                   AND pg_get_userbyid(datdba) = session_user)
$$;

-- The grants of every table to the four groups; a migration that adds a
-- table calls it again (and gives the table its policies if it holds
-- anything of a trainee's).
CREATE FUNCTION peiyang_grant_access() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    t text;
    everyone text := 'peiyang_admin, peiyang_staff, peiyang_region, peiyang_viewer';
BEGIN
    -- The schema itself: public's is everyone's already, but a restore
    -- builds another and renames it (store/pgrestore.go).
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO %s', current_schema(), everyone);
    FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = current_schema() LOOP
        EXECUTE format('REVOKE ALL ON TABLE %I FROM %s', t, everyone);
        EXECUTE format('GRANT SELECT ON TABLE %I TO %s', t, everyone);
        IF t NOT IN ('audit_log', 'accounts', 'schema_migrations', 'certificates') THEN
            EXECUTE format('GRANT INSERT, UPDATE, DELETE ON TABLE %I TO peiyang_admin', t);
        END IF;
        IF t NOT IN ('audit_log', 'accounts', 'schema_migrations', 'settings', 'setting_files', 'certificates') THEN
            EXECUTE format('GRANT INSERT, UPDATE, DELETE ON TABLE %I TO peiyang_staff', t);
        END IF;
    END LOOP;
    EXECUTE format('GRANT INSERT ON TABLE audit_log TO %s', everyone);
    -- Staff issue certificates; voiding and reissuing are the admin's; a
    -- certificate is never deleted.
    GRANT INSERT ON TABLE certificates TO peiyang_staff;
    GRANT INSERT, UPDATE ON TABLE certificates TO peiyang_admin;
    -- Staff write only the settings the program keeps itself (policies).
    GRANT INSERT, UPDATE ON TABLE settings TO peiyang_staff;
    -- A region account takes in nominees and follows its members' return.
    GRANT INSERT ON TABLE trainees, trainee_search TO peiyang_region;
    GRANT INSERT, UPDATE ON TABLE returns TO peiyang_region;
    GRANT INSERT, UPDATE, DELETE ON TABLE elections TO peiyang_region;
    -- A viewer reads a trainee's ID number, phone and birth date only
    -- masked, through trainees_masked: not those columns themselves.
    REVOKE SELECT ON TABLE trainees FROM peiyang_viewer;
    EXECUTE (SELECT format('GRANT SELECT (%s) ON TABLE trainees TO peiyang_viewer', string_agg(quote_ident(attname), ', '))
        FROM pg_attribute WHERE attrelid = 'trainees'::regclass AND attnum > 0 AND NOT attisdropped
            AND attname NOT IN ('id_number', 'phone', 'birth_date'));
END
$$;
REVOKE ALL ON FUNCTION peiyang_grant_access() FROM PUBLIC;
SELECT peiyang_grant_access();

-- The trainees as a viewer reads them: the ID number, the phone and the
-- birth date masked as models/privacy.go masks them (511421***********X,
-- 138****1234 or 028-****1234, 1990-01), the other columns as they are.
-- The view runs with its owner's rights, so that the viewer needs none on
-- the full columns; only viewers may read it. A migration that adds a
-- column to trainees adds it here too.
CREATE VIEW trainees_masked AS
SELECT id, name, gender, ethnicity, left(birth_date, 7) AS birth_date,
    CASE WHEN char_length(id_number) = 18 THEN left(id_number, 6) || repeat('*', 11) || right(id_number, 1)
        ELSE repeat('*', char_length(id_number)) END AS id_number,
    CASE WHEN char_length(phone) < 8 THEN repeat('*', char_length(phone))
        WHEN strpos(phone, '-') > 1 THEN
            CASE WHEN char_length(phone) - strpos(phone, '-') - 4 < 1 THEN repeat('*', char_length(phone))
                ELSE left(phone, strpos(phone, '-')) || repeat('*', char_length(phone) - strpos(phone, '-') - 4) || right(phone, 4) END
        ELSE left(phone, 3) || repeat('*', char_length(phone) - 7) || right(phone, 4) END AS phone,
    education, joined_party, branch, direction, region_province, region_city, region_county, region_town,
    region_village, region_code, region_text, current_district, employer, nominated_by_id, cohort_id,
    key_target, notes, created_at, updated_at
FROM trainees;
REVOKE ALL ON trainees_masked FROM PUBLIC;
GRANT SELECT ON trainees_masked TO peiyang_viewer;

-- Row-level security. Every table that holds anything of a trainee gets a
-- policy letting the other groups see every row and one scoping region
-- accounts to their own members; the trainee's home city decides. A table
-- with row-level security and no policy for a group shows that group
-- nothing.
DO $$
DECLARE
    t text;
    scope text;
BEGIN
    FOR t, scope IN VALUES
        ('trainees', 'region_city = (SELECT peiyang_region())'),
        ('trainee_search', 'EXISTS (SELECT 1 FROM trainees t WHERE t.id = trainee_id)'),
        ('trainee_photos', 'EXISTS (SELECT 1 FROM trainees t WHERE t.id = trainee_id)'),
        ('enrolments', 'EXISTS (SELECT 1 FROM trainees t WHERE t.id = trainee_id)'),
        ('attendance', 'EXISTS (SELECT 1 FROM trainees t WHERE t.id = trainee_id)'),
        ('certificates', 'EXISTS (SELECT 1 FROM trainees t WHERE t.id = trainee_id)'),
        ('placements', 'EXISTS (SELECT 1 FROM trainees t WHERE t.id = trainee_id)'),
        ('mentorships', 'EXISTS (SELECT 1 FROM trainees t WHERE t.id = trainee_id)'),
        ('contacts', 'EXISTS (SELECT 1 FROM mentorships m WHERE m.id = mentorship_id)'),
        ('returns', 'EXISTS (SELECT 1 FROM trainees t WHERE t.id = trainee_id)'),
        ('elections', 'EXISTS (SELECT 1 FROM trainees t WHERE t.id = trainee_id)'),
        ('review_items', 'entity <> ''elections'' OR EXISTS (SELECT 1 FROM elections e WHERE e.id = entity_id)')
    LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY everyone ON %I TO peiyang_admin, peiyang_staff, peiyang_viewer USING (true) WITH CHECK (true)', t);
        EXECUTE format('CREATE POLICY own_region ON %I TO peiyang_region USING (%s) WITH CHECK (%s)', t, scope, scope);
    END LOOP;
END
$$;

-- The search keys of ID numbers (d) and phones (t) hold them in clear: a
-- viewer reads the keys of names alone, and so searches by name.
ALTER POLICY everyone ON trainee_search TO peiyang_admin, peiyang_staff;
CREATE POLICY names_only ON trainee_search FOR SELECT TO peiyang_viewer USING (left(key, 1) NOT IN ('d', 't'));

-- The audit trail: a region account sees the entries about its members
-- and its own; a viewer appends only the entries of what it reads.
ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
CREATE POLICY read_all ON audit_log FOR SELECT TO peiyang_admin, peiyang_staff, peiyang_viewer USING (true);
CREATE POLICY read_own_region ON audit_log FOR SELECT TO peiyang_region
    USING (region = (SELECT peiyang_region()) OR db_user = session_user);
CREATE POLICY append ON audit_log FOR INSERT TO peiyang_admin, peiyang_staff
    WITH CHECK (db_user = session_user);
CREATE POLICY append_own_region ON audit_log FOR INSERT TO peiyang_region
    WITH CHECK (db_user = session_user AND region IN ('', (SELECT peiyang_region())));
CREATE POLICY append_reads ON audit_log FOR INSERT TO peiyang_viewer
    WITH CHECK (db_user = session_user AND action IN ('print', 'export', 'backup', 'password'));

-- The settings: the signing key is not for region accounts and viewers;
-- staff write only the settings the program keeps itself, and make the
-- signing key but never replace it.
ALTER TABLE settings ENABLE ROW LEVEL SECURITY;
CREATE POLICY read_all ON settings FOR SELECT TO peiyang_admin, peiyang_staff USING (true);
CREATE POLICY read_public ON settings FOR SELECT TO peiyang_region, peiyang_viewer
    USING (key <> 'certificate.signing_key');
CREATE POLICY admin_writes ON settings TO peiyang_admin USING (true) WITH CHECK (true);
CREATE POLICY staff_makes ON settings FOR INSERT TO peiyang_staff
    WITH CHECK (key IN ('certificate.signing_key', 'store.search_index_version', 'backup.last_auto'));
CREATE POLICY staff_keeps ON settings FOR UPDATE TO peiyang_staff
    USING (key IN ('store.search_index_version', 'backup.last_auto'))
    WITH CHECK (key IN ('store.search_index_version', 'backup.last_auto'));

-- Accounts: each sees its own; admins every one. Changes go through the
-- functions below.
ALTER TABLE accounts ENABLE ROW LEVEL SECURITY;
CREATE POLICY own ON accounts FOR SELECT USING (name = session_user OR (SELECT peiyang_is_admin()));

-- Every entry of the audit trail: the database user, and the outflow
-- region of the trainee it concerns ('' for none), read from the entry's
-- record (a trainee's home city, or the trainee its trainee_id names) or,
-- for an event about a trainee, from its ID. Only the owner of the tables
-- (or a superuser) copying a whole database in (store.Copy sets
-- peiyang.copying for its transaction) keeps the user its entries bring,
-- and their region when they have one; it could switch the trigger off
-- anyway.
CREATE FUNCTION audit_log_stamp() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER AS $$
DECLARE
    doc jsonb;
    tid bigint;
    reg text;
BEGIN
    IF current_setting('peiyang.copying', true) = 'on'
            AND (EXISTS (SELECT 1 FROM pg_tables WHERE tablename = 'audit_log' AND schemaname = current_schema()
                         AND tableowner = session_user)
                 OR EXISTS (SELECT 1 FROM pg_roles WHERE rolname = session_user AND rolsuper)) THEN
        IF NEW.region <> '' THEN
            RETURN NEW;
        END IF;
    ELSE
        NEW.db_user := session_user;
    END IF;
    BEGIN
        doc := COALESCE(NEW.after, NEW.before)::jsonb;
        IF jsonb_typeof(doc) <> 'object' THEN
            doc := NULL;
        END IF;
    EXCEPTION WHEN others THEN
        doc := NULL;
    END;
    IF NEW.entity = 'trainees' AND doc IS NOT NULL AND doc->>'region_city' IS NOT NULL THEN
        reg := doc->>'region_city';
    ELSIF doc IS NOT NULL AND doc->>'trainee_id' ~ '^[0-9]{1,18}$' THEN
        tid := (doc->>'trainee_id')::bigint;
    ELSIF NEW.entity = 'contacts' AND doc IS NOT NULL AND doc->>'mentorship_id' ~ '^[0-9]{1,18}$' THEN
        SELECT m.trainee_id INTO tid FROM mentorships m WHERE m.id = (doc->>'mentorship_id')::bigint;
    ELSIF NEW.entity IN ('trainee', 'trainees') AND NEW.entity_id ~ '^[0-9]{1,18}$' THEN
        tid := NEW.entity_id::bigint;
    END IF;
    IF reg IS NULL AND tid IS NOT NULL THEN
        SELECT t.region_city INTO reg FROM trainees t WHERE t.id = tid;
    END IF;
    NEW.region := COALESCE(reg, '');
    RETURN NEW;
END
$$;

CREATE TRIGGER audit_log_stamp BEFORE INSERT ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_stamp();

-- Managing accounts, for admins (peiyang_is_admin). The functions run as
-- the database's owner, which may create roles, and do only this: make a
-- LOGIN role in one group, move it to another group, let it log in or
-- not, set its password. A password arrives as a SCRAM-SHA-256 verifier
-- made by Peiyang, never as the password itself, so it appears in no log.
-- Only the roles listed in accounts are theirs to change.
CREATE FUNCTION peiyang_account_check(p_name text, p_role text, p_region text) RETURNS void
    LANGUAGE plpgsql STABLE SECURITY DEFINER AS $$
BEGIN
    IF NOT peiyang_is_admin() THEN
        RAISE EXCEPTION 'only an admin manages accounts' USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF p_name !~ '^[a-z][a-z0-9_.-]{0,62}$' OR p_name LIKE 'pg\_%' OR p_name LIKE 'peiyang\_%' THEN
        RAISE EXCEPTION 'invalid account name' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF p_role IS NOT NULL AND p_role NOT IN ('admin', 'staff', 'region', 'viewer') THEN
        RAISE EXCEPTION 'invalid role' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF p_role IS NOT NULL AND (p_role = 'region') <> (COALESCE(p_region, '') <> '') THEN
        RAISE EXCEPTION 'a region account, and only it, has a region' USING ERRCODE = 'invalid_parameter_value';
    END IF;
END
$$;

CREATE FUNCTION peiyang_account_verifier(p_verifier text) RETURNS void
    LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
    IF p_verifier !~ '^SCRAM-SHA-256\$[0-9]+:[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$' THEN
        RAISE EXCEPTION 'a password is set as a SCRAM-SHA-256 verifier' USING ERRCODE = 'invalid_parameter_value';
    END IF;
END
$$;

CREATE FUNCTION peiyang_account_managed(p_name text) RETURNS accounts
    LANGUAGE plpgsql STABLE SECURITY DEFINER AS $$
DECLARE
    a accounts;
BEGIN
    SELECT * INTO a FROM accounts WHERE name = p_name;
    IF NOT FOUND OR NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = p_name) THEN
        RAISE EXCEPTION 'no such account' USING ERRCODE = 'undefined_object';
    END IF;
    RETURN a;
END
$$;

CREATE FUNCTION peiyang_account_add(p_name text, p_role text, p_region text, p_verifier text, p_at text) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER AS $$
BEGIN
    PERFORM peiyang_account_check(p_name, p_role, p_region);
    PERFORM peiyang_account_verifier(p_verifier);
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = p_name) THEN
        RAISE EXCEPTION 'the role exists already' USING ERRCODE = 'duplicate_object';
    END IF;
    EXECUTE format('CREATE ROLE %I LOGIN INHERIT PASSWORD %L IN ROLE %I', p_name, p_verifier, 'peiyang_' || p_role);
    BEGIN
        EXECUTE format('GRANT CONNECT ON DATABASE %I TO %I', current_database(), p_name);
    EXCEPTION WHEN insufficient_privilege THEN NULL; -- the owner is not the database's: CONNECT stays PUBLIC's
    END;
    INSERT INTO accounts (name, role, region, disabled, created_at, updated_at)
        VALUES (p_name, p_role, COALESCE(p_region, ''), 0, p_at, p_at);
END
$$;

CREATE FUNCTION peiyang_account_set_role(p_name text, p_role text, p_region text, p_at text) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER AS $$
DECLARE
    a accounts;
BEGIN
    PERFORM peiyang_account_check(p_name, p_role, p_region);
    a := peiyang_account_managed(p_name);
    IF a.role <> p_role THEN
        EXECUTE format('REVOKE %I FROM %I', 'peiyang_' || a.role, p_name);
        EXECUTE format('GRANT %I TO %I', 'peiyang_' || p_role, p_name);
    END IF;
    UPDATE accounts SET role = p_role, region = COALESCE(p_region, ''), updated_at = p_at WHERE name = p_name;
END
$$;

CREATE FUNCTION peiyang_account_disable(p_name text, p_disabled boolean, p_at text) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER AS $$
BEGIN
    PERFORM peiyang_account_check(p_name, NULL, NULL);
    PERFORM peiyang_account_managed(p_name);
    IF p_disabled THEN
        EXECUTE format('ALTER ROLE %I NOLOGIN', p_name);
    ELSE
        EXECUTE format('ALTER ROLE %I LOGIN', p_name);
    END IF;
    UPDATE accounts SET disabled = CASE WHEN p_disabled THEN 1 ELSE 0 END, updated_at = p_at WHERE name = p_name;
END
$$;

-- Anyone sets their own password; an admin anyone's.
CREATE FUNCTION peiyang_account_password(p_name text, p_verifier text, p_at text) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER AS $$
BEGIN
    PERFORM peiyang_account_verifier(p_verifier);
    IF p_name <> session_user THEN
        PERFORM peiyang_account_check(p_name, NULL, NULL);
        PERFORM peiyang_account_managed(p_name);
    END IF;
    EXECUTE format('ALTER ROLE %I PASSWORD %L', p_name, p_verifier);
    UPDATE accounts SET updated_at = p_at WHERE name = p_name;
END
$$;

REVOKE ALL ON FUNCTION peiyang_account_check(text, text, text), peiyang_account_managed(text),
    peiyang_account_add(text, text, text, text, text), peiyang_account_set_role(text, text, text, text),
    peiyang_account_disable(text, boolean, text), peiyang_account_password(text, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION peiyang_account_add(text, text, text, text, text), peiyang_account_set_role(text, text, text, text),
    peiyang_account_disable(text, boolean, text) TO peiyang_admin;
GRANT EXECUTE ON FUNCTION peiyang_account_password(text, text, text)
    TO peiyang_admin, peiyang_staff, peiyang_region, peiyang_viewer;

-- The functions that run as the owner (SECURITY DEFINER) search the
-- schema of Peiyang's tables, then the catalog, and a session's
-- temporary tables last: otherwise a session could shadow accounts or
-- pg_roles with a temporary table of its own (searched first by default)
-- and make itself another region's account. A restore that builds the
-- schema under another name and renames it (store/pgrestore.go) pins them
-- again after the swap.
CREATE FUNCTION peiyang_pin_search_path() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    f regprocedure;
BEGIN
    FOR f IN SELECT p.oid FROM pg_proc p WHERE p.pronamespace = current_schema()::regnamespace AND p.prosecdef LOOP
        EXECUTE format('ALTER FUNCTION %s SET search_path = %I, pg_catalog, pg_temp', f, current_schema());
    END LOOP;
END
$$;
REVOKE ALL ON FUNCTION peiyang_pin_search_path() FROM PUBLIC;
SELECT peiyang_pin_search_path();

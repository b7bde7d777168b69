-- Live updates (twin of ../0010_change_notices.sql): every statement that
-- changes one of the programme's tables sends, when its transaction
-- commits, a notice on the channel peiyang_changes whose payload is the
-- table's name (PostgreSQL folds repeats within a transaction into one).
-- Every open window LISTENs (store/watch.go) and reloads what shows that
-- table. The notice carries no row and no count: a region account learns
-- only that some table changed, and reads what it may see. The audit
-- trail, the search keys and the migrations send none (their changes come
-- with a change of a record that does). A migration that adds a table
-- calls peiyang_notify_changes() again.
CREATE FUNCTION peiyang_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('peiyang_changes', TG_TABLE_NAME);
    RETURN NULL;
END
$$;

CREATE FUNCTION peiyang_notify_changes() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    t text;
BEGIN
    FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = current_schema()
            AND tablename NOT IN ('schema_migrations', 'audit_log', 'trainee_search') LOOP
        EXECUTE format('DROP TRIGGER IF EXISTS notify_change ON %I', t);
        EXECUTE format('CREATE TRIGGER notify_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I
            FOR EACH STATEMENT EXECUTE FUNCTION peiyang_notify_change()', t);
    END LOOP;
END
$$;
REVOKE ALL ON FUNCTION peiyang_notify_changes() FROM PUBLIC;
SELECT peiyang_notify_changes();

-- Least privilege. Three roles, none of them a superuser:
--   owner     the login that runs `schoolnet db migrate` and owns every table, view and function
--             (whoever applies this migration); the only one that may change the schema
--   runtime   the group role schoolnet_runtime: `schoolnet serve` and the CLI log in as a member of
--             it (`schoolnet db grant-runtime LOGIN`). Rows only: SELECT/INSERT/UPDATE/DELETE on the
--             tables, nothing on audit_log (the audit trigger writes it as the owner), no TRUNCATE, no
--             DDL (not the owner of anything, no CREATE on the schema), and it cannot disable triggers
--             (ALTER TABLE needs ownership; session_replication_role needs a superuser).
--   analyst   `schoolnet db grant-analyst LOGIN`: the analytics views only (sql/analytics/900_access.sql).
-- Passwords are never here: login roles are created by whoever administers the cluster.
--
-- Roles belong to the cluster, not the database: the group role is created when missing, which needs
-- CREATEROLE; a database owner without it gets an error saying what to run first.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'schoolnet_runtime') THEN
        BEGIN
            CREATE ROLE schoolnet_runtime NOLOGIN;
        EXCEPTION
            WHEN duplicate_object OR unique_violation THEN NULL;   -- another database's migrator, at the same moment
            WHEN insufficient_privilege THEN
                RAISE EXCEPTION 'role schoolnet_runtime does not exist and % may not create it', current_user
                    USING HINT = 'as a superuser: CREATE ROLE schoolnet_runtime NOLOGIN; then migrate again',
                          ERRCODE = 'insufficient_privilege';
        END;
    END IF;
END
$$;

-- Nobody but the owner creates objects in public (PostgreSQL 15's default for new databases; older
-- clusters upgraded in place still grant CREATE to PUBLIC).
REVOKE CREATE ON SCHEMA public FROM PUBLIC;

GRANT USAGE ON SCHEMA public TO schoolnet_runtime;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO schoolnet_runtime;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO schoolnet_runtime;
-- Tables later migrations create (as the same owner) get the same rights.
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO schoolnet_runtime;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO schoolnet_runtime;

-- The migrator's own tables: readable (`db status`), never writable.
REVOKE ALL ON schema_migrations FROM schoolnet_runtime;
GRANT SELECT ON schema_migrations TO schoolnet_runtime;
DO $$
BEGIN
    IF to_regclass('schema_analytics') IS NOT NULL THEN
        REVOKE ALL ON schema_analytics FROM schoolnet_runtime;
        GRANT SELECT ON schema_analytics TO schoolnet_runtime;
    END IF;
END
$$;

-- The audit log: no right at all. Rows reach it through the audit trigger, which runs as its owner,
-- and through audit_note() for entries that are no row change (a result correction's reason).
REVOKE ALL ON audit_log FROM schoolnet_runtime;
ALTER FUNCTION audit_row() SECURITY DEFINER SET search_path = public, pg_temp;

CREATE FUNCTION audit_note(p_entity text, p_entity_id bigint, p_action text, p_before jsonb, p_after jsonb, p_at timestamptz)
RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp
BEGIN ATOMIC
    INSERT INTO audit_log (occurred_at, actor, token_id, entity, entity_id, action, before, after)
    VALUES (p_at, nullif(current_setting('schoolnet.actor', true), ''),
            nullif(current_setting('schoolnet.token_id', true), '')::bigint,
            p_entity, p_entity_id, p_action, p_before, p_after);
END;
COMMENT ON FUNCTION audit_note(text, bigint, text, jsonb, jsonb, timestamptz) IS
    'an audit entry that is no row change (e.g. the reason of a correction), with the transaction''s actor';

-- The report reads the analytics views: USAGE here, SELECT on the views from 900_access.sql (which
-- re-grants it to every role with USAGE whenever the views are re-created).
CREATE SCHEMA IF NOT EXISTS analytics;
GRANT USAGE ON SCHEMA analytics TO schoolnet_runtime;

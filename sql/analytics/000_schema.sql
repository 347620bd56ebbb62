-- The analytics schema: read-only views over the registration data for the regional centre's
-- analysts and the annual report. Every file in sql/analytics is applied by the migrator after
-- the migrations, on every migrate, in one transaction and in name order, so the files must be
-- idempotent: this first file empties the schema of its views and functions, the others
-- re-create them. The schema itself is kept (not dropped): the USAGE granted on it to analyst
-- roles survives, and 900_access.sql re-grants SELECT on the re-created views.

SET LOCAL client_min_messages = warning;  -- the CASCADE notices below are expected
CREATE SCHEMA IF NOT EXISTS analytics;
COMMENT ON SCHEMA analytics IS
    'aggregates and de-personalised facts for analysts: ids, kinds, grades, ages in years, organisations; no names of people, birth dates, contacts or tokens';

DO $$
DECLARE
    r record;
BEGIN
    -- CASCADE: views on views; IF EXISTS: an earlier CASCADE may have dropped one already
    FOR r IN SELECT c.relname, c.relkind FROM pg_class c
             WHERE c.relnamespace = 'analytics'::regnamespace AND c.relkind IN ('v', 'm')
    LOOP
        EXECUTE format('DROP %s IF EXISTS analytics.%I CASCADE',
                       CASE r.relkind WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'VIEW' END, r.relname);
    END LOOP;
    FOR r IN SELECT p.oid::regprocedure AS signature FROM pg_proc p
             WHERE p.pronamespace = 'analytics'::regnamespace
    LOOP
        EXECUTE format('DROP ROUTINE IF EXISTS %s CASCADE', r.signature);
    END LOOP;
END
$$;

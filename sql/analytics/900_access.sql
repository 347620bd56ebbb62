-- Who may read the analytics: analyst roles get USAGE on the schema and SELECT on its views and
-- nothing else. The views run with their owner's rights (the migrating role), so an analyst reads
-- them without any right on the base tables; the functions in the schema are SECURITY INVOKER
-- and read only the views. Personal data (person.birth_date, names, application contacts,
-- consents, api_token, audit_log) stays out of reach: no view exposes it and no table is granted.

-- Base tables are never readable by PUBLIC (PostgreSQL's default; this guards against a manual grant).
REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC;
REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM PUBLIC;

-- Views re-created by this migrate lost their grants: give them back to every role that has
-- USAGE on the schema (granted by grant_analyst, which survives because the schema is kept).
DO $$
DECLARE
    r record;
BEGIN
    FOR r IN SELECT DISTINCT acl.grantee::regrole AS analyst
             FROM pg_namespace n, aclexplode(n.nspacl) acl
             WHERE n.nspname = 'analytics' AND acl.privilege_type = 'USAGE'
               AND acl.grantee <> n.nspowner AND acl.grantee <> 0
    LOOP
        EXECUTE format('GRANT SELECT ON ALL TABLES IN SCHEMA analytics TO %s', r.analyst);
    END LOOP;
END
$$;

-- grant_analyst('role'): USAGE + SELECT on analytics, nothing else (rights on public tables and
-- sequences are revoked from the role). Refuses superusers (they bypass every check) and roles
-- that own tables here (revoking would lock the owner out of nothing, but means a mistake).
CREATE OR REPLACE FUNCTION public.grant_analyst(analyst name) RETURNS void
LANGUAGE plpgsql
AS $$
DECLARE
    superuser boolean;
BEGIN
    SELECT r.rolsuper INTO superuser FROM pg_roles r WHERE r.rolname = analyst;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'role "%" does not exist', analyst USING ERRCODE = 'undefined_object';
    END IF;
    IF superuser THEN
        RAISE EXCEPTION 'role "%" is a superuser: analytics rights would mean nothing', analyst
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF EXISTS (SELECT 1 FROM pg_class c WHERE c.relowner = analyst::regrole AND c.relnamespace = 'public'::regnamespace) THEN
        RAISE EXCEPTION 'role "%" owns SchoolNet tables: use a separate role for analysts', analyst
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    EXECUTE format('REVOKE ALL ON ALL TABLES IN SCHEMA public FROM %I', analyst);
    EXECUTE format('REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM %I', analyst);
    EXECUTE format('GRANT USAGE ON SCHEMA analytics TO %I', analyst);
    EXECUTE format('GRANT SELECT ON ALL TABLES IN SCHEMA analytics TO %I', analyst);
END
$$;
REVOKE ALL ON FUNCTION public.grant_analyst(name) FROM PUBLIC;
COMMENT ON FUNCTION public.grant_analyst(name) IS 'USAGE + SELECT on the analytics schema for an analyst role, nothing else';

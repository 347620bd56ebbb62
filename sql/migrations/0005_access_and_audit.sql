-- API tokens and the audit log.

CREATE TYPE token_role AS ENUM ('school', 'organiser', 'admin');

-- A token is shown once; only its SHA-256 is stored.
CREATE TABLE api_token (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    token_hash      bytea NOT NULL CONSTRAINT api_token_hash_unique UNIQUE
                    CONSTRAINT api_token_hash_is_sha256 CHECK (octet_length(token_hash) = 32),
    role            token_role NOT NULL,
    organisation_id bigint REFERENCES organisation (id),
    label           text NOT NULL DEFAULT '',
    created_at      timestamptz NOT NULL DEFAULT now(),
    expires_at      timestamptz,
    revoked_at      timestamptz,
    last_used_at    timestamptz,
    -- schools and organisers act for one organisation; the regional admin for none in particular
    CONSTRAINT api_token_scope CHECK (role = 'admin' OR organisation_id IS NOT NULL),
    CONSTRAINT api_token_dates_in_order CHECK (
        (expires_at IS NULL OR expires_at > created_at) AND (revoked_at IS NULL OR revoked_at >= created_at))
);
CREATE INDEX api_token_organisation ON api_token (organisation_id);

ALTER TABLE personal_data_consent
    ADD CONSTRAINT personal_data_consent_recorded_by_token_id_fkey
    FOREIGN KEY (recorded_by_token_id) REFERENCES api_token (id);
CREATE INDEX personal_data_consent_token ON personal_data_consent (recorded_by_token_id);

-- Who did what. Written by the audit trigger below for every change to events, applications,
-- members, entries, advancement and results, so nothing the application forgets goes unrecorded.
-- The actor comes from transaction-local settings the store sets:
--   SELECT set_config('schoolnet.actor', 'user or token label', true),
--          set_config('schoolnet.token_id', '42', true);
-- PERSONAL DATA: before/after hold whole rows (contacts); not granted to analytics.
CREATE TABLE audit_log (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    occurred_at timestamptz NOT NULL DEFAULT now(),
    actor       text,
    token_id    bigint,          -- no FK: the log outlives tokens
    entity      text NOT NULL,   -- table name
    entity_id   bigint,
    action      text NOT NULL CHECK (action IN ('insert', 'update', 'delete')),
    before      jsonb,
    after       jsonb
);
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id, occurred_at);
CREATE INDEX audit_log_occurred_at ON audit_log USING brin (occurred_at);
CREATE INDEX audit_log_token ON audit_log (token_id) WHERE token_id IS NOT NULL;

-- Trigger arguments: keys to leave out of the logged rows (e.g. secrets).
CREATE FUNCTION audit_row() RETURNS trigger
LANGUAGE plpgsql
AS $$
DECLARE
    b jsonb := CASE WHEN TG_OP IN ('UPDATE', 'DELETE') THEN to_jsonb(OLD) END;
    a jsonb := CASE WHEN TG_OP IN ('INSERT', 'UPDATE') THEN to_jsonb(NEW) END;
    k text;
BEGIN
    FOREACH k IN ARRAY coalesce(TG_ARGV, '{}'::text[]) LOOP
        b := b - k;
        a := a - k;
    END LOOP;
    IF TG_OP = 'UPDATE' AND a = b THEN
        RETURN NULL;   -- nothing changed
    END IF;
    INSERT INTO audit_log (actor, token_id, entity, entity_id, action, before, after)
    VALUES (nullif(current_setting('schoolnet.actor', true), ''),
            nullif(current_setting('schoolnet.token_id', true), '')::bigint,
            TG_TABLE_NAME,
            (coalesce(a, b) ->> 'id')::bigint,
            lower(TG_OP), b, a);
    RETURN NULL;
END
$$;

CREATE TRIGGER api_token_audit AFTER INSERT OR UPDATE OR DELETE ON api_token
    FOR EACH ROW EXECUTE FUNCTION audit_row('token_hash');
CREATE TRIGGER network_agreement_audit AFTER INSERT OR UPDATE OR DELETE ON network_agreement
    FOR EACH ROW EXECUTE FUNCTION audit_row();
CREATE TRIGGER personal_data_consent_audit AFTER INSERT OR UPDATE OR DELETE ON personal_data_consent
    FOR EACH ROW EXECUTE FUNCTION audit_row();

-- Personal accounts (issue 13): people who sign in with a password, bound to organisations with a role,
-- single-use links (invitations, password resets), login throttling and sessions. API tokens stay for scripts.
-- Secrets (link secrets, session ids) are stored only as their SHA-256, like api_token; passwords as bcrypt.

CREATE TYPE account_role AS ENUM ('coordinator', 'organiser', 'juror', 'regional_admin');

CREATE TABLE account (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- lower-cased and trimmed by the service; the login name
    email         text NOT NULL CONSTRAINT account_email_unique UNIQUE
                  CONSTRAINT account_email_shape CHECK (email = lower(btrim(email)) AND email LIKE '_%@_%' AND length(email) <= 254),
    display_name  text NOT NULL CHECK (btrim(display_name) <> ''),
    -- the person record this account belongs to, when known (a juror, a teacher)
    person_id     bigint REFERENCES person (id),
    -- bcrypt ("$2b$..."); NULL until an invitation is accepted
    password_hash text CONSTRAINT account_password_hash_is_bcrypt CHECK (password_hash LIKE '$2_$%'),
    created_at    timestamptz NOT NULL DEFAULT now(),
    password_set_at timestamptz,
    disabled_at   timestamptz
);
CREATE INDEX account_person ON account (person_id) WHERE person_id IS NOT NULL;

CREATE TABLE account_membership (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id      bigint NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    organisation_id bigint REFERENCES organisation (id),
    role            account_role NOT NULL,
    granted_at      timestamptz NOT NULL DEFAULT now(),
    granted_by      text NOT NULL CHECK (btrim(granted_by) <> ''),
    -- like api_token_scope: everyone but the regional admin acts for one organisation
    CONSTRAINT account_membership_scope CHECK ((role = 'regional_admin') = (organisation_id IS NULL)),
    CONSTRAINT account_membership_unique UNIQUE NULLS NOT DISTINCT (account_id, organisation_id, role)
);
CREATE INDEX account_membership_organisation ON account_membership (organisation_id);

CREATE TYPE account_link_purpose AS ENUM ('invitation', 'password_reset');

-- A link's secret is shown once (to the inviter, until e-mail exists); it works once, until expires_at.
CREATE TABLE account_link (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id  bigint NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    purpose     account_link_purpose NOT NULL,
    secret_hash bytea NOT NULL CONSTRAINT account_link_secret_unique UNIQUE
                CONSTRAINT account_link_secret_is_sha256 CHECK (octet_length(secret_hash) = 32),
    created_at  timestamptz NOT NULL,
    created_by  text NOT NULL CHECK (btrim(created_by) <> ''),
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz,
    cancelled_at timestamptz,
    CONSTRAINT account_link_dates_in_order CHECK (expires_at > created_at)
);
CREATE INDEX account_link_account ON account_link (account_id);

-- Login throttling: one counter per key ('account:<email>' or 'address:<ip>') in a fixed window, so every
-- server sharing the database agrees. An attempt is counted (one upsert, which locks the row) BEFORE the
-- password is checked, so N parallel guesses can never check more than the limit.
CREATE TABLE login_throttle (
    key          text PRIMARY KEY,
    window_start timestamptz NOT NULL,
    attempts     integer NOT NULL CHECK (attempts >= 0)
);

-- Sessions: the cookie holds the id; only its SHA-256 is stored. Idle expiry slides with use
-- (last_seen_at); the absolute expiry does not.
CREATE TABLE account_session (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id   bigint NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    id_hash      bytea NOT NULL CONSTRAINT account_session_id_unique UNIQUE
                 CONSTRAINT account_session_id_is_sha256 CHECK (octet_length(id_hash) = 32),
    created_at   timestamptz NOT NULL,
    last_seen_at timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL,
    revoked_at   timestamptz,
    address      text,
    -- what the web layer keeps with the session (a CSRF token, a flash message): opaque JSON, no secrets
    data         jsonb NOT NULL DEFAULT '{}',
    CONSTRAINT account_session_dates_in_order CHECK (expires_at > created_at AND last_seen_at >= created_at)
);
CREATE INDEX account_session_account ON account_session (account_id) WHERE revoked_at IS NULL;
CREATE INDEX account_session_expires ON account_session (expires_at);

-- What a person does is signed with the person: schoolnet.account_id (set by AuditActor.set(actor:accountID:))
-- is copied into audit_log.account_id, beside the token id a script would leave.
ALTER TABLE audit_log ADD COLUMN account_id bigint;   -- no FK: the log outlives accounts
CREATE INDEX audit_log_account ON audit_log (account_id) WHERE account_id IS NOT NULL;

-- SECURITY DEFINER as 0014 made it: CREATE OR REPLACE resets every property the command does not name.
CREATE OR REPLACE FUNCTION audit_row() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
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
    INSERT INTO audit_log (actor, token_id, account_id, entity, entity_id, action, before, after)
    VALUES (nullif(current_setting('schoolnet.actor', true), ''),
            nullif(current_setting('schoolnet.token_id', true), '')::bigint,
            nullif(current_setting('schoolnet.account_id', true), '')::bigint,
            TG_TABLE_NAME,
            (coalesce(a, b) ->> 'id')::bigint,
            lower(TG_OP), b, a);
    RETURN NULL;
END
$$;

CREATE TRIGGER account_audit AFTER INSERT OR UPDATE OR DELETE ON account
    FOR EACH ROW EXECUTE FUNCTION audit_row('password_hash');
CREATE TRIGGER account_membership_audit AFTER INSERT OR UPDATE OR DELETE ON account_membership
    FOR EACH ROW EXECUTE FUNCTION audit_row();
CREATE TRIGGER account_link_audit AFTER INSERT OR UPDATE OR DELETE ON account_link
    FOR EACH ROW EXECUTE FUNCTION audit_row('secret_hash');

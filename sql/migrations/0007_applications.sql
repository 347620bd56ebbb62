-- Applications (заявки), their members and entries (works, performances).
--
-- A place is an application: a team in a team event, one person in an individual event.
-- event.capacity and event.per_organisation_limit count ACTIVE (submitted or accepted)
-- applications; the database enforces both, race-free, through application_tally.

CREATE TYPE application_status AS ENUM ('submitted', 'accepted', 'rejected', 'withdrawn');

CREATE TABLE application (
    id                     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id               bigint NOT NULL REFERENCES event (id),
    organisation_id        bigint NOT NULL REFERENCES organisation (id),
    team_name              text CHECK (btrim(team_name) <> ''),
    nomination_id          bigint,
    status                 application_status NOT NULL DEFAULT 'submitted',
    is_active              boolean GENERATED ALWAYS AS (status IN ('submitted', 'accepted')) STORED,
    status_reason          text CHECK (btrim(status_reason) <> ''),
    status_changed_at      timestamptz NOT NULL DEFAULT now(),
    submitted_by_token_id  bigint REFERENCES api_token (id),
    submitted_by           text NOT NULL CHECK (btrim(submitted_by) <> ''),   -- the user, as they signed
    -- the teacher responsible for the application and how to reach them (PERSONAL DATA)
    responsible_teacher_id bigint REFERENCES person (id),
    responsible_name       text CHECK (btrim(responsible_name) <> ''),
    contact_email          text,
    contact_phone          text,
    headcount              integer CONSTRAINT application_headcount_positive CHECK (headcount > 0),  -- people not named one by one
    member_count           integer NOT NULL DEFAULT 0 CHECK (member_count >= 0),  -- kept by triggers
    idempotency_key        text CHECK (length(idempotency_key) BETWEEN 1 AND 200),
    request_hash           bytea,
    submitted_at           timestamptz NOT NULL DEFAULT now(),
    updated_at             timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT application_responsible_given CHECK (responsible_teacher_id IS NOT NULL OR responsible_name IS NOT NULL),
    CONSTRAINT application_contact_given CHECK (contact_email IS NOT NULL OR contact_phone IS NOT NULL),
    CONSTRAINT application_contact_email_format CHECK (contact_email ~ '^[^@[:space:]]+@[^@[:space:]]+\.[^@[:space:]]+$'),
    CONSTRAINT application_contact_phone_format CHECK (contact_phone ~ '^\+?[0-9][0-9 ()-]{4,24}$'),
    CONSTRAINT application_rejection_has_reason CHECK (status <> 'rejected' OR status_reason IS NOT NULL),
    CONSTRAINT application_idempotency_pair CHECK ((idempotency_key IS NULL) = (request_hash IS NULL)),
    CONSTRAINT application_idempotency_unique UNIQUE (organisation_id, idempotency_key),
    CONSTRAINT application_id_event UNIQUE (id, event_id),
    CONSTRAINT application_id_event_active UNIQUE (id, event_id, is_active),
    CONSTRAINT application_nomination_fkey FOREIGN KEY (nomination_id, event_id) REFERENCES nomination (id, event_id)
);
-- organisation_id leads application_idempotency_unique, which serves that FK.
CREATE INDEX application_event ON application (event_id, status);
CREATE INDEX application_event_organisation ON application (event_id, organisation_id);
CREATE INDEX application_nomination ON application (nomination_id, event_id) WHERE nomination_id IS NOT NULL;
CREATE INDEX application_token ON application (submitted_by_token_id);
CREATE INDEX application_responsible ON application (responsible_teacher_id) WHERE responsible_teacher_id IS NOT NULL;
-- a team name is taken once among the active applications of an event
CREATE UNIQUE INDEX application_team_name_unique ON application (event_id, normalize_person_name(team_name))
    WHERE is_active AND team_name IS NOT NULL;

-- Active applications per event (organisation_id NULL) and per event and organisation.
-- Every activation increments a row with UPDATE, so two racing registrations for the last place
-- serialise on that row: under READ COMMITTED the second sees the first's count; under
-- REPEATABLE READ / SERIALIZABLE it fails with 40001 and is retried.
CREATE TABLE application_tally (
    event_id        bigint NOT NULL REFERENCES event (id) ON DELETE CASCADE,
    organisation_id bigint REFERENCES organisation (id),
    active          integer NOT NULL DEFAULT 0 CHECK (active >= 0),
    CONSTRAINT application_tally_key UNIQUE NULLS NOT DISTINCT (event_id, organisation_id)
);
CREATE INDEX application_tally_organisation ON application_tally (organisation_id);

CREATE FUNCTION application_tally_add(ev bigint, org bigint, delta integer) RETURNS integer
LANGUAGE plpgsql
AS $$
DECLARE
    n integer;
BEGIN
    -- a place being freed always has its row; a place being taken may be the first
    IF delta < 0 THEN
        UPDATE application_tally t SET active = t.active + delta
        WHERE t.event_id = ev AND t.organisation_id IS NOT DISTINCT FROM org
        RETURNING t.active INTO n;
    ELSE
        INSERT INTO application_tally AS t (event_id, organisation_id, active) VALUES (ev, org, delta)
        ON CONFLICT (event_id, organisation_id) DO UPDATE SET active = t.active + excluded.active
        RETURNING t.active INTO n;
    END IF;
    RETURN n;
END
$$;

CREATE FUNCTION application_enforce_places() RETURNS trigger
LANGUAGE plpgsql
AS $$
DECLARE
    ev record;
    total integer;
    mine integer;
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.is_active THEN
        IF TG_OP = 'UPDATE' AND NEW.is_active
           AND NEW.event_id = OLD.event_id AND NEW.organisation_id = OLD.organisation_id THEN
            RETURN NULL;   -- still holds the same place
        END IF;
        PERFORM application_tally_add(OLD.event_id, NULL, -1);
        PERFORM application_tally_add(OLD.event_id, OLD.organisation_id, -1);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.is_active THEN
        total := application_tally_add(NEW.event_id, NULL, 1);
        mine := application_tally_add(NEW.event_id, NEW.organisation_id, 1);
        SELECT e.capacity, e.per_organisation_limit, e.members_only, e.starts_on INTO ev
        FROM event e WHERE e.id = NEW.event_id;
        IF total > ev.capacity THEN
            RAISE EXCEPTION 'event % is full (% places)', NEW.event_id, ev.capacity
                USING ERRCODE = 'check_violation', CONSTRAINT = 'application_event_capacity', TABLE = 'application';
        END IF;
        IF mine > ev.per_organisation_limit THEN
            RAISE EXCEPTION 'organisation % already holds % places in event %', NEW.organisation_id,
                  ev.per_organisation_limit, NEW.event_id
                USING ERRCODE = 'check_violation', CONSTRAINT = 'application_per_organisation_limit', TABLE = 'application';
        END IF;
        IF ev.members_only AND NOT is_member(NEW.organisation_id, ev.starts_on) THEN
            RAISE EXCEPTION 'event % is for network members only', NEW.event_id
                USING ERRCODE = 'check_violation', CONSTRAINT = 'application_members_only', TABLE = 'application';
        END IF;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER application_enforce_places AFTER INSERT OR DELETE OR UPDATE OF status, event_id, organisation_id
    ON application FOR EACH ROW EXECUTE FUNCTION application_enforce_places();
CREATE TRIGGER application_audit AFTER INSERT OR UPDATE OR DELETE ON application
    FOR EACH ROW EXECUTE FUNCTION audit_row('member_count', 'updated_at');

-- Members of an application. event_id and application_active copy the application's and are
-- kept equal to them by the composite FK (ON UPDATE CASCADE): withdrawing an application frees
-- its members at once, and the partial unique index below sees only active applications.
CREATE TABLE application_member (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    application_id     bigint NOT NULL,
    event_id           bigint NOT NULL,          -- filled from the application when omitted
    application_active boolean NOT NULL,         -- likewise
    person_id          bigint NOT NULL REFERENCES person (id),
    role               participant_role NOT NULL DEFAULT 'participant',
    created_at         timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT application_member_application_fkey FOREIGN KEY (application_id, event_id, application_active)
        REFERENCES application (id, event_id, is_active) ON UPDATE CASCADE ON DELETE CASCADE,
    CONSTRAINT application_member_once_per_application UNIQUE (application_id, person_id)
);
-- A person takes part at most once per event among its active applications.
CREATE UNIQUE INDEX application_member_once_per_event ON application_member (event_id, person_id)
    WHERE application_active;
CREATE INDEX application_member_person ON application_member (person_id);

-- Fill event_id/application_active, and keep application.member_count, which serialises
-- concurrent additions to one team (an UPDATE of the application row) and enforces the team
-- size maximum (an individual application has one member).
CREATE FUNCTION application_member_sync() RETURNS trigger
LANGUAGE plpgsql
AS $$
DECLARE
    n integer;
    max_size integer;
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF NEW.event_id IS NULL OR NEW.application_active IS NULL THEN
            SELECT coalesce(NEW.event_id, a.event_id), coalesce(NEW.application_active, a.is_active)
            INTO NEW.event_id, NEW.application_active
            FROM application a WHERE a.id = NEW.application_id;
        END IF;
    END IF;
    IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND NEW.application_id <> OLD.application_id) THEN
        UPDATE application SET member_count = member_count - 1 WHERE id = OLD.application_id;
    END IF;
    IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.application_id <> OLD.application_id) THEN
        UPDATE application a SET member_count = a.member_count + 1
        FROM event e
        WHERE a.id = NEW.application_id AND e.id = a.event_id
        RETURNING a.member_count, CASE e.participation WHEN 'team' THEN e.team_max_size ELSE 1 END
        INTO n, max_size;
        IF n > max_size THEN
            RAISE EXCEPTION 'application % would have % members, at most % allowed', NEW.application_id, n, max_size
                USING ERRCODE = 'check_violation', CONSTRAINT = 'application_member_team_max_size',
                      TABLE = 'application_member';
        END IF;
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END
$$;

CREATE TRIGGER application_member_sync BEFORE INSERT OR DELETE OR UPDATE OF application_id
    ON application_member FOR EACH ROW EXECUTE FUNCTION application_member_sync();
CREATE TRIGGER application_member_audit AFTER INSERT OR UPDATE OR DELETE ON application_member
    FOR EACH ROW EXECUTE FUNCTION audit_row();

CREATE TYPE entry_kind AS ENUM ('work', 'performance', 'project');

-- What is judged when it is not (only) a person: a work, a performance (номер), a project.
CREATE TABLE entry (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    application_id bigint NOT NULL,
    event_id       bigint NOT NULL,
    nomination_id  bigint,
    kind           entry_kind NOT NULL,
    title          text NOT NULL CHECK (btrim(title) <> ''),
    -- a group entry whose performers are not named one by one (a choir, a dance group)
    headcount      integer CONSTRAINT entry_headcount_positive CHECK (headcount > 0),
    created_at     timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT entry_application_fkey FOREIGN KEY (application_id, event_id)
        REFERENCES application (id, event_id) ON DELETE CASCADE,
    CONSTRAINT entry_nomination_fkey FOREIGN KEY (nomination_id, event_id) REFERENCES nomination (id, event_id),
    CONSTRAINT entry_id_application UNIQUE (id, application_id)
);
CREATE INDEX entry_application ON entry (application_id, event_id);
CREATE INDEX entry_event ON entry (event_id, nomination_id);
CREATE INDEX entry_nomination ON entry (nomination_id, event_id) WHERE nomination_id IS NOT NULL;

CREATE TABLE entry_author (
    entry_id  bigint NOT NULL REFERENCES entry (id) ON DELETE CASCADE,
    person_id bigint NOT NULL REFERENCES person (id),
    PRIMARY KEY (entry_id, person_id)
);
CREATE INDEX entry_author_person ON entry_author (person_id);

CREATE TRIGGER entry_audit AFTER INSERT OR UPDATE OR DELETE ON entry
    FOR EACH ROW EXECUTE FUNCTION audit_row();

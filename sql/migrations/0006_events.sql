-- Events (итоговые образовательные события), their stages and nominations.

CREATE TYPE event_kind AS ENUM (
    'festival', 'contest', 'conference', 'exhibition', 'proektoria', 'webinar', 'seminar',
    'game', 'master_class', 'other');
CREATE TYPE event_format AS ENUM ('in_person', 'distance', 'mixed');
CREATE TYPE participation_kind AS ENUM ('individual', 'team');
-- A person's role inside one application.
CREATE TYPE participant_role AS ENUM (
    'participant', 'captain', 'mentor', 'young_teacher', 'presenter', 'supervisor');

CREATE TABLE event (
    id                     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    school_year_id         bigint NOT NULL REFERENCES school_year (id),
    module_id              bigint REFERENCES programme_module (id),  -- NULL: outside the modules
    organiser_id           bigint NOT NULL REFERENCES organisation (id),
    parent_event_id        bigint REFERENCES event (id),             -- a section of that event
    title                  text NOT NULL CHECK (btrim(title) <> ''),
    kind                   event_kind NOT NULL,
    edition                smallint CONSTRAINT event_edition_positive CHECK (edition > 0),  -- "IX" = 9
    format                 event_format NOT NULL,
    audience               text,                                     -- as announced: '1-9 классы'
    starts_on              date NOT NULL,
    ends_on                date NOT NULL,
    time_zone              text NOT NULL DEFAULT 'Asia/Tomsk',       -- IANA; checked by a trigger
    -- registration window: opens at an instant, closes at the end of closes_on in time_zone,
    -- or earlier if the organiser closed it by hand
    registration_opens_at  timestamptz,
    registration_closes_on date,
    registration_closes_at timestamptz GENERATED ALWAYS AS (
                               ((registration_closes_on + 1)::timestamp) AT TIME ZONE time_zone) STORED,
    closed_early_at        timestamptz,
    capacity               integer CONSTRAINT event_capacity_positive CHECK (capacity > 0),
    per_organisation_limit integer CONSTRAINT event_per_organisation_limit_positive CHECK (per_organisation_limit > 0),
    members_only           boolean NOT NULL DEFAULT false,
    participation          participation_kind NOT NULL DEFAULT 'individual',
    team_min_size          smallint,
    team_max_size          smallint,
    team_required_roles    participant_role[] NOT NULL DEFAULT '{}',
    -- eligibility: grade in the event's school year, age on age_reference_date (default starts_on)
    grade_min              smallint,
    grade_max              smallint,
    age_min                smallint,
    age_max                smallint,
    age_reference_date     date,
    allow_preschoolers     boolean NOT NULL DEFAULT false,
    allow_pupils           boolean NOT NULL DEFAULT true,
    allow_teachers         boolean NOT NULL DEFAULT false,
    allow_students         boolean NOT NULL DEFAULT false,
    results_published_at   timestamptz,
    results_published      boolean GENERATED ALWAYS AS (results_published_at IS NOT NULL) STORED,
    created_at             timestamptz NOT NULL DEFAULT now(),
    updated_at             timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT event_dates_in_order CHECK (ends_on >= starts_on),
    CONSTRAINT event_registration_in_order CHECK (
        registration_opens_at IS NULL OR registration_closes_at IS NULL
        OR registration_opens_at < registration_closes_at),
    CONSTRAINT event_closes_before_event_ends CHECK (
        registration_closes_on IS NULL OR registration_closes_on <= ends_on),
    CONSTRAINT event_team_rules CHECK (
        CASE participation
            WHEN 'team' THEN team_min_size IS NOT NULL AND team_max_size IS NOT NULL
                             AND team_min_size >= 1 AND team_min_size <= team_max_size
                             AND cardinality(team_required_roles) <= team_max_size
            ELSE team_min_size IS NULL AND team_max_size IS NULL AND team_required_roles = '{}'
        END),
    CONSTRAINT event_grade_range CHECK (
        (grade_min IS NULL OR grade_min BETWEEN 0 AND 11)
        AND (grade_max IS NULL OR grade_max BETWEEN 0 AND 11)
        AND (grade_min IS NULL OR grade_max IS NULL OR grade_min <= grade_max)),
    CONSTRAINT event_age_range CHECK (
        (age_min IS NULL OR age_min BETWEEN 0 AND 120)
        AND (age_max IS NULL OR age_max BETWEEN 0 AND 120)
        AND (age_min IS NULL OR age_max IS NULL OR age_min <= age_max)),
    CONSTRAINT event_someone_may_take_part CHECK (allow_preschoolers OR allow_pupils OR allow_teachers OR allow_students),
    CONSTRAINT event_not_own_parent CHECK (parent_event_id <> id),
    CONSTRAINT event_title_unique UNIQUE (organiser_id, school_year_id, title, edition)
);
-- organiser_id leads event_title_unique, which serves that FK.
CREATE INDEX event_school_year ON event (school_year_id, starts_on);
CREATE INDEX event_module ON event (module_id, school_year_id);
CREATE INDEX event_parent ON event (parent_event_id) WHERE parent_event_id IS NOT NULL;
CREATE INDEX event_starts_on ON event (starts_on);

-- IANA zone validity and "the event lies in its school year", which CHECKs cannot express.
CREATE FUNCTION event_validate() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
    IF NOT is_valid_time_zone(NEW.time_zone) THEN
        RAISE EXCEPTION 'unknown time zone "%"', NEW.time_zone
            USING ERRCODE = 'check_violation', CONSTRAINT = 'event_time_zone_valid',
                  TABLE = 'event', COLUMN = 'time_zone',
                  HINT = 'use an IANA name from pg_timezone_names, e.g. Asia/Tomsk';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM school_year y
                   WHERE y.id = NEW.school_year_id AND NEW.starts_on BETWEEN y.starts_on AND y.ends_on) THEN
        RAISE EXCEPTION 'event starts on % outside its school year', NEW.starts_on
            USING ERRCODE = 'check_violation', CONSTRAINT = 'event_in_school_year', TABLE = 'event';
    END IF;
    RETURN NEW;
END
$$;

-- BEFORE triggers run before generated columns are computed, so a bad zone is reported here
-- rather than as "time zone not recognized" from registration_closes_at.
CREATE TRIGGER event_validate BEFORE INSERT OR UPDATE ON event
    FOR EACH ROW EXECUTE FUNCTION event_validate();
CREATE TRIGGER event_audit AFTER INSERT OR UPDATE OR DELETE ON event
    FOR EACH ROW EXECUTE FUNCTION audit_row();

-- Ordered stages: отборочный, заключительный, ...
CREATE TABLE event_stage (
    id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id  bigint NOT NULL REFERENCES event (id) ON DELETE CASCADE,
    position  smallint NOT NULL CHECK (position >= 1),
    title     text NOT NULL CHECK (btrim(title) <> ''),
    starts_on date,
    ends_on   date,
    capacity  integer CONSTRAINT event_stage_capacity_positive CHECK (capacity > 0),
    CONSTRAINT event_stage_dates_in_order CHECK (ends_on IS NULL OR starts_on IS NULL OR ends_on >= starts_on),
    CONSTRAINT event_stage_position_unique UNIQUE (event_id, position),
    CONSTRAINT event_stage_id_event UNIQUE (id, event_id)
);

-- Nominations (categories) of an event; is_special marks the jury's additional nominations.
CREATE TABLE nomination (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id   bigint NOT NULL REFERENCES event (id) ON DELETE CASCADE,
    title      text NOT NULL CHECK (btrim(title) <> ''),
    title_norm text GENERATED ALWAYS AS (normalize_person_name(title)) STORED,
    is_special boolean NOT NULL DEFAULT false,
    position   smallint,
    CONSTRAINT nomination_title_unique UNIQUE (event_id, title_norm),
    CONSTRAINT nomination_id_event UNIQUE (id, event_id)
);

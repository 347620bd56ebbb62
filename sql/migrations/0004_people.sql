-- People: pupils, preschoolers, teachers, students.
-- PERSONAL DATA: person.birth_date, personal_data_consent.*. Pupils are minors; the analytics
-- role is never granted these columns (analytics views expose ids, kinds and ages in years only).

CREATE TYPE person_kind AS ENUM ('pupil', 'preschooler', 'teacher', 'student');

CREATE TABLE person (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind            person_kind NOT NULL,
    last_name       text NOT NULL CHECK (btrim(last_name) <> ''),
    first_name      text NOT NULL CHECK (btrim(first_name) <> ''),
    patronymic      text CHECK (btrim(patronymic) <> ''),
    birth_date      date CHECK (birth_date >= DATE '1900-01-01'),
    -- the organisation the person is usually listed with (a teacher's school, a student's
    -- university); a pupil's school per year is in pupil_grade
    organisation_id bigint REFERENCES organisation (id),
    -- "фамилия имя" normalised: the matching key, patronymic being often missing from lists
    name_key        text GENERATED ALWAYS AS (
                        normalize_person_name(last_name) || ' ' || normalize_person_name(first_name)) STORED,
    full_name_norm  text GENERATED ALWAYS AS (
                        normalize_person_name(last_name) || ' ' || normalize_person_name(first_name)
                        || coalesce(' ' || normalize_person_name(patronymic), '')) STORED,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX person_match ON person (name_key, birth_date);
CREATE INDEX person_organisation ON person (organisation_id);
CREATE INDEX person_full_name_trgm ON person USING gin (full_name_norm gin_trgm_ops);

-- Согласие на обработку персональных данных: who recorded it and when; withdrawal keeps history.
CREATE TABLE personal_data_consent (
    id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    person_id            bigint NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    given_by             text NOT NULL CHECK (btrim(given_by) <> ''),   -- the pupil's parent, the teacher
    recorded_by          text NOT NULL CHECK (btrim(recorded_by) <> ''), -- user who entered it
    recorded_by_token_id bigint,                                        -- FK added in 0005
    recorded_at          timestamptz NOT NULL,
    withdrawn_at         timestamptz,
    CONSTRAINT personal_data_consent_dates_in_order CHECK (withdrawn_at IS NULL OR withdrawn_at >= recorded_at)
);
CREATE INDEX personal_data_consent_person ON personal_data_consent (person_id, recorded_at DESC);
-- at most one consent in force per person
CREATE UNIQUE INDEX personal_data_consent_one_active ON personal_data_consent (person_id) WHERE withdrawn_at IS NULL;

CREATE FUNCTION has_consent(p_id bigint) RETURNS boolean
LANGUAGE sql STABLE STRICT PARALLEL SAFE
RETURN EXISTS (SELECT 1 FROM personal_data_consent c WHERE c.person_id = p_id AND c.withdrawn_at IS NULL);

-- A pupil's (or preschooler's) grade and school in one school year. grade 0 = preschool.
CREATE TABLE pupil_grade (
    person_id       bigint NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    school_year_id  bigint NOT NULL REFERENCES school_year (id),
    organisation_id bigint NOT NULL REFERENCES organisation (id),
    grade           smallint NOT NULL CONSTRAINT pupil_grade_range CHECK (grade BETWEEN 0 AND 11),
    class_letter    text CHECK (class_letter ~ '^[А-ЯЁA-Z]{1,2}$'),  -- "6А" -> grade 6, letter 'А'
    PRIMARY KEY (person_id, school_year_id)
);
CREATE INDEX pupil_grade_school_year ON pupil_grade (school_year_id, grade);
CREATE INDEX pupil_grade_organisation ON pupil_grade (organisation_id, school_year_id);

-- A teacher's roles at an organisation (teacher, coordinator of the school, mentor, ...).
CREATE TYPE staff_role AS ENUM ('teacher', 'coordinator', 'mentor', 'young_teacher', 'expert', 'administrator');

CREATE TABLE teacher_role (
    person_id       bigint NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    organisation_id bigint NOT NULL REFERENCES organisation (id),
    role            staff_role NOT NULL,
    since           date,
    until           date,
    PRIMARY KEY (person_id, organisation_id, role),
    CONSTRAINT teacher_role_dates_in_order CHECK (until IS NULL OR since IS NULL OR until >= since)
);
CREATE INDEX teacher_role_organisation ON teacher_role (organisation_id, role);

-- Candidates for "is this the same person?": same surname and first name (normalised), same
-- birth date, patronymic equal or missing on either side; the same organisation ranks first.
CREATE FUNCTION match_people(p_last text, p_first text, p_patronymic text, p_birth date, p_org bigint DEFAULT NULL)
RETURNS TABLE (person_id bigint, same_patronymic boolean, same_organisation boolean)
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
    SELECT p.id,
           p.patronymic IS NOT NULL AND p_patronymic IS NOT NULL
               AND normalize_person_name(p.patronymic) = normalize_person_name(p_patronymic),
           p_org IS NOT NULL AND (p.organisation_id = p_org
               OR EXISTS (SELECT 1 FROM pupil_grade g WHERE g.person_id = p.id AND g.organisation_id = p_org))
    FROM person p
    WHERE p.name_key = normalize_person_name(p_last) || ' ' || normalize_person_name(p_first)
      AND p.birth_date = p_birth
      AND (p.patronymic IS NULL OR p_patronymic IS NULL
           OR normalize_person_name(p.patronymic) = normalize_person_name(p_patronymic))
    ORDER BY 3 DESC, 2 DESC, p.id
$$;

-- People by a fragment of the full name ("иванова мария"), best first.
CREATE FUNCTION search_people(q text, lim integer DEFAULT 10)
RETURNS TABLE (person_id bigint, full_name_norm text, score real)
LANGUAGE sql STABLE PARALLEL SAFE
SET pg_trgm.word_similarity_threshold = 0.6
AS $$
    SELECT p.id, p.full_name_norm, word_similarity(normalize_person_name(q), p.full_name_norm)
    FROM person p
    WHERE normalize_person_name(q) <% p.full_name_norm
    ORDER BY 3 DESC, p.id
    LIMIT greatest(lim, 0)
$$;

-- Geography, organisations and the network agreements that make an organisation a member.

CREATE TABLE country (
    code text PRIMARY KEY CHECK (code ~ '^[A-Z]{2}$'),     -- ISO 3166-1 alpha-2
    name text NOT NULL UNIQUE CHECK (btrim(name) <> '')
);

INSERT INTO country (code, name) VALUES ('RU', 'Россия'), ('KZ', 'Казахстан');

CREATE TABLE region (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    country_code text NOT NULL REFERENCES country (code),
    name         text NOT NULL CHECK (btrim(name) <> ''),
    name_norm    text GENERATED ALWAYS AS (normalize_person_name(name)) STORED,
    CONSTRAINT region_name_unique UNIQUE (country_code, name_norm)
);

CREATE TYPE municipality_kind AS ENUM ('city', 'district', 'urban_okrug', 'zato', 'other');

CREATE TABLE municipality (
    id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    region_id bigint NOT NULL REFERENCES region (id),
    name      text NOT NULL CHECK (btrim(name) <> ''),       -- 'г. Томск', 'Томский район'
    kind      municipality_kind NOT NULL DEFAULT 'other',
    name_norm text GENERATED ALWAYS AS (normalize_person_name(name)) STORED,
    CONSTRAINT municipality_name_unique UNIQUE (region_id, name_norm)
);
-- region_id is the leading column of municipality_name_unique: that index serves the FK.

CREATE TYPE organisation_kind AS ENUM (
    'school',               -- СОШ, ООШ, школа
    'gymnasium',            -- гимназия
    'lyceum',               -- лицей
    'kindergarten',         -- ДОУ, детский сад
    'additional_education', -- МБОУ ДО, МАУ ДО: ДДТ, ДДиЮ
    'university',           -- НИ ТГУ, ТГПУ, ТПУ
    'regional_centre',      -- ОГБУ РЦРО
    'other'
);

CREATE TABLE organisation (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    municipality_id bigint NOT NULL REFERENCES municipality (id),
    kind            organisation_kind NOT NULL,
    legal_form      text CHECK (btrim(legal_form) <> ''),       -- 'МАОУ', 'МБОУ ДО', 'КГУ', ...
    full_name       text NOT NULL CHECK (btrim(full_name) <> ''),
    short_name      text CHECK (btrim(short_name) <> ''),
    name_norm       text GENERATED ALWAYS AS (normalize_name(full_name)) STORED,
    short_name_norm text GENERATED ALWAYS AS (normalize_name(short_name)) STORED,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT organisation_name_norm_not_empty CHECK (name_norm <> ''),
    -- two spellings of one school in one municipality are one organisation
    CONSTRAINT organisation_name_unique UNIQUE (municipality_id, name_norm)
);
CREATE INDEX organisation_name_trgm ON organisation USING gin (name_norm gin_trgm_ops);
CREATE INDEX organisation_short_name_trgm ON organisation USING gin (short_name_norm gin_trgm_ops);

-- Other spellings seen in lists and reports ("гимназия 13", "Гимназия №13 г. Томска").
CREATE TABLE organisation_alias (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organisation_id bigint NOT NULL REFERENCES organisation (id) ON DELETE CASCADE,
    alias           text NOT NULL CHECK (btrim(alias) <> ''),
    alias_norm      text GENERATED ALWAYS AS (normalize_name(alias)) STORED,
    CONSTRAINT organisation_alias_unique UNIQUE (organisation_id, alias_norm)
);
CREATE INDEX organisation_alias_trgm ON organisation_alias USING gin (alias_norm gin_trgm_ops);

-- Договор о сетевом взаимодействии. ends_on NULL: open-ended. One organisation's agreements
-- never overlap, so "member on date D" is a single-row question.
CREATE TABLE network_agreement (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organisation_id bigint NOT NULL REFERENCES organisation (id),
    number          text,                                -- the agreement's own number, if any
    starts_on       date NOT NULL,
    ends_on         date,
    created_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT network_agreement_dates_in_order CHECK (ends_on IS NULL OR ends_on >= starts_on),
    CONSTRAINT network_agreement_no_overlap EXCLUDE USING gist (
        organisation_id WITH =,
        daterange(starts_on, ends_on, '[]') WITH &&
    )
);
-- The exclusion constraint's GiST index (organisation_id, daterange) serves the FK and is_member().

CREATE FUNCTION is_member(org_id bigint, on_date date) RETURNS boolean
LANGUAGE sql STABLE STRICT PARALLEL SAFE
RETURN EXISTS (
    SELECT 1 FROM network_agreement a
    WHERE a.organisation_id = org_id
      AND daterange(a.starts_on, a.ends_on, '[]') @> on_date
);

COMMENT ON FUNCTION is_member(bigint, date) IS 'was the organisation a network member (under an agreement) on that date';

-- Ranked organisation search over full names, short names and aliases.
-- Every number in the query must appear as a word of the name: "гимназия 13" never offers
-- "гимназия 18", however similar the letters. Word similarity lets "томск" match "томска".
CREATE FUNCTION search_organisations(q text, lim integer DEFAULT 10)
RETURNS TABLE (organisation_id bigint, full_name text, short_name text, matched_name text, score real)
LANGUAGE sql STABLE PARALLEL SAFE
SET pg_trgm.word_similarity_threshold = 0.5
AS $$
    WITH query AS (
        SELECT nq,
               ARRAY(SELECT w FROM unnest(string_to_array(nq, ' ')) AS w WHERE w ~ '^[0-9]+$') AS numbers
        FROM (SELECT normalize_name(q) AS nq) s
        WHERE nq <> ''
    ),
    names AS (
        SELECT o.id, o.name_norm AS norm FROM organisation o, query WHERE query.nq <% o.name_norm
        UNION ALL
        SELECT o.id, o.short_name_norm FROM organisation o, query WHERE query.nq <% o.short_name_norm
        UNION ALL
        SELECT a.organisation_id, a.alias_norm FROM organisation_alias a, query WHERE query.nq <% a.alias_norm
    ),
    scored AS (
        SELECT DISTINCT ON (n.id)
               n.id, n.norm,
               (word_similarity(query.nq, n.norm) + 0.25 * similarity(query.nq, n.norm))::real AS score
        FROM names n, query
        WHERE query.numbers <@ string_to_array(n.norm, ' ')
        ORDER BY n.id, 3 DESC
    )
    SELECT o.id, o.full_name, o.short_name, s.norm, s.score
    FROM scored s JOIN organisation o ON o.id = s.id
    ORDER BY s.score DESC, o.id
    LIMIT greatest(lim, 0)
$$;

COMMENT ON FUNCTION search_organisations(text, integer) IS
    'organisations whose normalised full/short name or alias word-matches q, best first';

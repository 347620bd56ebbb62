-- School years and programme modules.

-- A school year runs 1 September to 31 August; its label is '2020-2021'.
CREATE TABLE school_year (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    start_year integer NOT NULL UNIQUE CHECK (start_year BETWEEN 2000 AND 2100),
    label      text GENERATED ALWAYS AS (start_year::text || '-' || (start_year + 1)::text) STORED UNIQUE,
    starts_on  date GENERATED ALWAYS AS (make_date(start_year, 9, 1)) STORED,
    ends_on    date GENERATED ALWAYS AS (make_date(start_year + 1, 8, 31)) STORED
);

-- The start year of the school year a date falls in: 2021-05-11 -> 2020.
CREATE FUNCTION school_year_start(d date) RETURNS integer
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN extract(year FROM d)::integer - CASE WHEN extract(month FROM d) < 9 THEN 1 ELSE 0 END;

CREATE TYPE module_audience AS ENUM ('pupils', 'teachers');

-- «Человек XXI века», «Истоки», «Тайны науки», «Мир искусств» (pupils'); «Точки роста» (teachers').
CREATE TABLE programme_module (
    id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name      text NOT NULL CHECK (btrim(name) <> ''),
    name_norm text GENERATED ALWAYS AS (normalize_person_name(name)) STORED UNIQUE,
    audience  module_audience NOT NULL
);

-- Who and what the figures are about: organisations with their geography, events with their
-- school year, module and audience, award classes.

-- An organisation and where it is: municipality -> region -> country.
CREATE VIEW analytics.organisation AS
SELECT o.id            AS organisation_id,
       o.kind::text    AS kind,
       o.legal_form,
       o.full_name,
       coalesce(o.short_name, o.full_name) AS short_name,
       m.id            AS municipality_id,
       m.name          AS municipality,
       m.kind::text    AS municipality_kind,
       r.id            AS region_id,
       r.name          AS region,
       c.code          AS country_code,
       c.name          AS country
FROM organisation o
JOIN municipality m ON m.id = o.municipality_id
JOIN region r ON r.id = m.region_id
JOIN country c ON c.code = r.country_code;

-- An event with its school year, module and audience. The audience is the module's; an event
-- outside the modules (module_id NULL) is a teachers' event when only teachers may take part,
-- otherwise a pupils' event. Every event row counts as one event, sections included (the
-- teachers' section of the projects festival is an event of «Точки роста»).
CREATE VIEW analytics.event AS
SELECT e.id               AS event_id,
       e.school_year_id,
       y.label            AS school_year,
       y.start_year,
       e.module_id,
       pm.name            AS module,
       CASE WHEN pm.audience IS NOT NULL THEN pm.audience::text
            WHEN e.allow_teachers AND NOT (e.allow_pupils OR e.allow_preschoolers OR e.allow_students) THEN 'teachers'
            ELSE 'pupils'
       END                AS audience,
       e.parent_event_id,
       e.title,
       e.edition,
       e.kind::text       AS kind,
       e.format::text     AS format,
       e.audience         AS audience_note,
       e.starts_on,
       e.ends_on,
       e.participation::text AS participation,
       e.grade_min, e.grade_max, e.age_min, e.age_max,
       e.allow_preschoolers, e.allow_pupils, e.allow_teachers, e.allow_students,
       e.members_only,
       e.organiser_id,
       o.full_name        AS organiser,
       coalesce(o.short_name, o.full_name) AS organiser_short_name,
       e.results_published
FROM event e
JOIN school_year y ON y.id = e.school_year_id
JOIN organisation o ON o.id = e.organiser_id
LEFT JOIN programme_module pm ON pm.id = e.module_id;

-- 1 (absolute winner) .. 8 (certificate): lower is better; the domain's Award.rank.
CREATE FUNCTION analytics.award_rank(a award) RETURNS integer
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN CASE a
    WHEN 'absolute_winner' THEN 1 WHEN 'winner' THEN 2 WHEN 'diploma_1' THEN 3 WHEN 'diploma_2' THEN 4
    WHEN 'diploma_3' THEN 5 WHEN 'prizewinner' THEN 6 WHEN 'special' THEN 7 ELSE 8 END;

-- The report's "победители и призёры" split: winners (absolute winner, winner, diploma I),
-- prizewinners (diplomas II and III, prizewinner), special (jury's nominations), certificate.
CREATE FUNCTION analytics.award_class(award_rank integer) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN CASE WHEN award_rank <= 3 THEN 'winner' WHEN award_rank <= 6 THEN 'prizewinner'
            WHEN award_rank = 7 THEN 'special' ELSE 'certificate' END;

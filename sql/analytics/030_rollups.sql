-- Participations and unique people per school year and module, organisation, municipality,
-- region and country. Only counted participations (see analytics.participation): the event's
-- audience plus jurors. A person is placed with the organisation they came with (a juror with
-- their usual organisation; NULL when unknown); unique people are counted within each row, so a
-- pupil who took part for two schools counts once for each school but once for the region.
-- Columns common to all: participations (jurors included), pupil_participations,
-- teacher_participations, jurors, unique_pupils, unique_teachers (named people only: a group's
-- headcount adds participations, never unique people).

-- Counted participations with the geography of their organisation.
CREATE VIEW analytics.counted_participation AS
SELECT p.source, p.event_id, p.school_year_id, p.school_year, p.module_id, p.event_audience,
       p.application_id, p.organisation_id, p.person_id, p.person_kind, p.audience, p.people,
       p.grade, p.age,
       o.municipality_id, o.region_id, o.country_code
FROM analytics.participation p
LEFT JOIN analytics.organisation o ON o.organisation_id = p.organisation_id
WHERE p.counted;

-- Per school year, module (NULL: outside the modules) and audience: events, participations and
-- unique people. Answers "events by module and audience" too (events with nobody yet included).
CREATE VIEW analytics.module_participation AS
SELECT e.school_year_id, e.school_year, e.module_id, e.module, e.audience, e.events,
       coalesce(x.participations, 0)         AS participations,
       coalesce(x.pupil_participations, 0)   AS pupil_participations,
       coalesce(x.teacher_participations, 0) AS teacher_participations,
       coalesce(x.jurors, 0)                 AS jurors,
       coalesce(x.unique_pupils, 0)          AS unique_pupils,
       coalesce(x.unique_teachers, 0)        AS unique_teachers
FROM (SELECT school_year_id, school_year, module_id, module, audience, count(*) AS events
      FROM analytics.event
      GROUP BY school_year_id, school_year, module_id, module, audience) e
LEFT JOIN (
    SELECT p.school_year_id, p.module_id, p.event_audience,
           sum(p.people)::bigint                                          AS participations,
           sum(p.people) FILTER (WHERE p.audience = 'pupils')::bigint     AS pupil_participations,
           sum(p.people) FILTER (WHERE p.audience = 'teachers')::bigint   AS teacher_participations,
           sum(p.people) FILTER (WHERE p.source = 'juror')::bigint        AS jurors,
           count(DISTINCT p.person_id) FILTER (WHERE p.audience = 'pupils')   AS unique_pupils,
           count(DISTINCT p.person_id) FILTER (WHERE p.audience = 'teachers') AS unique_teachers
    FROM analytics.counted_participation p
    GROUP BY p.school_year_id, p.module_id, p.event_audience
) x ON x.school_year_id = e.school_year_id AND x.module_id IS NOT DISTINCT FROM e.module_id
   AND x.event_audience = e.audience;

-- Per school year and organisation (NULL: jurors whose organisation is unknown).
CREATE VIEW analytics.organisation_participation AS
SELECT p.school_year_id, p.school_year, p.organisation_id, o.short_name, o.kind,
       o.municipality_id, o.municipality, o.region_id, o.region, o.country_code,
       count(DISTINCT p.event_id)                                        AS events,
       sum(p.people)::bigint                                             AS participations,
       coalesce(sum(p.people) FILTER (WHERE p.audience = 'pupils'), 0)::bigint   AS pupil_participations,
       coalesce(sum(p.people) FILTER (WHERE p.audience = 'teachers'), 0)::bigint AS teacher_participations,
       coalesce(sum(p.people) FILTER (WHERE p.source = 'juror'), 0)::bigint      AS jurors,
       count(DISTINCT p.person_id) FILTER (WHERE p.audience = 'pupils')   AS unique_pupils,
       count(DISTINCT p.person_id) FILTER (WHERE p.audience = 'teachers') AS unique_teachers
FROM analytics.counted_participation p
LEFT JOIN analytics.organisation o ON o.organisation_id = p.organisation_id
GROUP BY p.school_year_id, p.school_year, p.organisation_id, o.short_name, o.kind,
         o.municipality_id, o.municipality, o.region_id, o.region, o.country_code;

-- Per school year and municipality.
CREATE VIEW analytics.municipality_participation AS
SELECT p.school_year_id, p.school_year, p.municipality_id, m.name AS municipality, m.region_id,
       count(DISTINCT p.event_id)                                        AS events,
       count(DISTINCT p.organisation_id)                                 AS organisations,
       sum(p.people)::bigint                                             AS participations,
       coalesce(sum(p.people) FILTER (WHERE p.audience = 'pupils'), 0)::bigint   AS pupil_participations,
       coalesce(sum(p.people) FILTER (WHERE p.audience = 'teachers'), 0)::bigint AS teacher_participations,
       coalesce(sum(p.people) FILTER (WHERE p.source = 'juror'), 0)::bigint      AS jurors,
       count(DISTINCT p.person_id) FILTER (WHERE p.audience = 'pupils')   AS unique_pupils,
       count(DISTINCT p.person_id) FILTER (WHERE p.audience = 'teachers') AS unique_teachers
FROM analytics.counted_participation p
LEFT JOIN municipality m ON m.id = p.municipality_id
GROUP BY p.school_year_id, p.school_year, p.municipality_id, m.name, m.region_id;

-- Per school year and region.
CREATE VIEW analytics.region_participation AS
SELECT p.school_year_id, p.school_year, p.region_id, r.name AS region, r.country_code,
       count(DISTINCT p.event_id)                                        AS events,
       count(DISTINCT p.organisation_id)                                 AS organisations,
       count(DISTINCT p.municipality_id)                                 AS municipalities,
       sum(p.people)::bigint                                             AS participations,
       coalesce(sum(p.people) FILTER (WHERE p.audience = 'pupils'), 0)::bigint   AS pupil_participations,
       coalesce(sum(p.people) FILTER (WHERE p.audience = 'teachers'), 0)::bigint AS teacher_participations,
       coalesce(sum(p.people) FILTER (WHERE p.source = 'juror'), 0)::bigint      AS jurors,
       count(DISTINCT p.person_id) FILTER (WHERE p.audience = 'pupils')   AS unique_pupils,
       count(DISTINCT p.person_id) FILTER (WHERE p.audience = 'teachers') AS unique_teachers
FROM analytics.counted_participation p
LEFT JOIN region r ON r.id = p.region_id
GROUP BY p.school_year_id, p.school_year, p.region_id, r.name, r.country_code;

-- Per school year and country.
CREATE VIEW analytics.country_participation AS
SELECT p.school_year_id, p.school_year, p.country_code, c.name AS country,
       count(DISTINCT p.event_id)                                        AS events,
       count(DISTINCT p.organisation_id)                                 AS organisations,
       count(DISTINCT p.region_id)                                       AS regions,
       sum(p.people)::bigint                                             AS participations,
       coalesce(sum(p.people) FILTER (WHERE p.audience = 'pupils'), 0)::bigint   AS pupil_participations,
       coalesce(sum(p.people) FILTER (WHERE p.audience = 'teachers'), 0)::bigint AS teacher_participations,
       coalesce(sum(p.people) FILTER (WHERE p.source = 'juror'), 0)::bigint      AS jurors,
       count(DISTINCT p.person_id) FILTER (WHERE p.audience = 'pupils')   AS unique_pupils,
       count(DISTINCT p.person_id) FILTER (WHERE p.audience = 'teachers') AS unique_teachers
FROM analytics.counted_participation p
LEFT JOIN country c ON c.code = p.country_code
GROUP BY p.school_year_id, p.school_year, p.country_code, c.name;

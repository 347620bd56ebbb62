-- School-year totals, the annual report's figures, and the change from the year before.

-- Per school year: the audiences it has data for, i.e. at least one event of that audience. A year
-- entered only from an earlier report's pupils' totals (2019-2020 of the reference year) has no
-- teachers' events: its teachers' figures are unknown, not 0, and so are its totals. ("Nothing
-- recorded" and "a recorded 0" cannot be told apart otherwise: an event is what is recorded.)
-- Read from `event` alone, so the report can ask it without a pass over the participations.
CREATE VIEW analytics.year_audiences AS
SELECT y.id AS school_year_id, y.label AS school_year, y.start_year,
       coalesce(array_agg(DISTINCT e.audience ORDER BY e.audience) FILTER (WHERE e.audience IS NOT NULL),
                '{}')::text[] AS audiences
FROM school_year y
LEFT JOIN analytics.event e ON e.school_year_id = y.id
GROUP BY y.id, y.label, y.start_year;

-- Per school year: events and participations as the report counts them.
--   pupil_participations   = participants of pupils' events
--   teacher_participations = participants of teachers' events + jurors of any event
--   participations         = both (the report's "общее количество участников")
--   other_participations   = people outside an event's audience (not in the report's figures)
-- A figure of an audience the year has no data for (year_audiences) is NULL, not 0; events and
-- participations, which add both audiences, are NULL unless the year has data for both.
CREATE VIEW analytics.year_totals AS
WITH t AS (
    SELECT y.id AS school_year_id, y.label AS school_year, y.start_year,
           count(ep.event_id)                                                   AS events,
           count(ep.event_id) FILTER (WHERE ep.audience = 'pupils')             AS pupil_events,
           count(ep.event_id) FILTER (WHERE ep.audience = 'teachers')           AS teacher_events,
           coalesce(sum(ep.participants) FILTER (WHERE ep.audience = 'pupils'), 0)::bigint AS pupil_participations,
           (coalesce(sum(ep.participants) FILTER (WHERE ep.audience = 'teachers'), 0)
            + coalesce(sum(ep.jurors), 0))::bigint                              AS teacher_participations,
           coalesce(sum(ep.jurors), 0)::bigint                                  AS jurors,
           (coalesce(sum(ep.participants), 0) + coalesce(sum(ep.jurors), 0))::bigint AS participations,
           coalesce(sum(ep.other_participants), 0)::bigint                      AS other_participations
    FROM school_year y
    LEFT JOIN analytics.event_participation ep ON ep.school_year_id = y.id
    GROUP BY y.id, y.label, y.start_year
), a AS (
    SELECT t.*, ya.audiences,
           'pupils' = ANY(ya.audiences) AS has_pupils, 'teachers' = ANY(ya.audiences) AS has_teachers
    FROM t JOIN analytics.year_audiences ya USING (school_year_id)
)
SELECT school_year_id, school_year, start_year, audiences,
       CASE WHEN has_pupils AND has_teachers THEN events END                 AS events,
       CASE WHEN has_pupils THEN pupil_events END                            AS pupil_events,
       CASE WHEN has_teachers THEN teacher_events END                        AS teacher_events,
       CASE WHEN has_pupils THEN pupil_participations END                    AS pupil_participations,
       CASE WHEN has_teachers THEN teacher_participations END                AS teacher_participations,
       CASE WHEN has_teachers THEN jurors END                                AS jurors,
       CASE WHEN has_pupils AND has_teachers THEN participations END         AS participations,
       other_participations
FROM a;

-- Per school year: unique people among the counted participations (named people only).
CREATE VIEW analytics.year_people AS
SELECT p.school_year_id, p.school_year,
       count(DISTINCT p.person_id) FILTER (WHERE p.audience = 'pupils')   AS unique_pupils,
       count(DISTINCT p.person_id) FILTER (WHERE p.audience = 'teachers') AS unique_teachers,
       count(DISTINCT p.person_id)                                        AS unique_people,
       sum(p.people) FILTER (WHERE p.person_id IS NULL)::bigint           AS unnamed_participations
FROM analytics.participation p
WHERE p.counted
GROUP BY p.school_year_id, p.school_year;

-- Each school year's totals next to the previous school year's (start_year - 1), with the change.
-- previous_* are NULL when the previous year is not in school_year, or when it has no data for the
-- figure (see year_totals): a change is computed only where both years have the figure, so totals
-- are compared only when both years have data for both audiences. change_pct is rounded to 0.1.
-- One pass over year_totals (a window, not a self-join: each year_totals is a pass over every
-- participation).
CREATE VIEW analytics.year_over_year AS
WITH t AS (
    SELECT y.*,
           lag(y) OVER (ORDER BY y.start_year) AS prev
    FROM analytics.year_totals y
), paired AS (
    SELECT t.*, CASE WHEN (t.prev).start_year = t.start_year - 1 THEN t.prev END AS before
    FROM t
)
SELECT school_year_id, school_year, start_year, (before).school_year AS previous_school_year,
       audiences, (before).audiences AS previous_audiences,
       events, (before).events AS previous_events, events - (before).events AS events_change,
       pupil_events, (before).pupil_events AS previous_pupil_events,
       pupil_events - (before).pupil_events AS pupil_events_change,
       teacher_events, (before).teacher_events AS previous_teacher_events,
       teacher_events - (before).teacher_events AS teacher_events_change,
       pupil_participations, (before).pupil_participations AS previous_pupil_participations,
       pupil_participations - (before).pupil_participations AS pupil_participations_change,
       round(100.0 * (pupil_participations - (before).pupil_participations)
             / nullif((before).pupil_participations, 0), 1) AS pupil_participations_change_pct,
       teacher_participations, (before).teacher_participations AS previous_teacher_participations,
       teacher_participations - (before).teacher_participations AS teacher_participations_change,
       participations, (before).participations AS previous_participations,
       participations - (before).participations AS participations_change,
       round(100.0 * (participations - (before).participations) / nullif((before).participations, 0), 1) AS participations_change_pct
FROM paired;

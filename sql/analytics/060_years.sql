-- School-year totals, the annual report's figures, and the change from the year before.

-- Per school year: events and participations as the report counts them.
--   pupil_participations   = participants of pupils' events
--   teacher_participations = participants of teachers' events + jurors of any event
--   participations         = both (the report's "общее количество участников")
--   other_participations   = people outside an event's audience (not in the report's figures)
CREATE VIEW analytics.year_totals AS
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
GROUP BY y.id, y.label, y.start_year;

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
-- previous_* are NULL when the previous year is not in school_year; change_pct is rounded to 0.1.
CREATE VIEW analytics.year_over_year AS
SELECT t.school_year_id, t.school_year, t.start_year, p.school_year AS previous_school_year,
       t.events, p.events AS previous_events, t.events - p.events AS events_change,
       t.pupil_events, p.pupil_events AS previous_pupil_events,
       t.teacher_events, p.teacher_events AS previous_teacher_events,
       t.pupil_participations, p.pupil_participations AS previous_pupil_participations,
       t.pupil_participations - p.pupil_participations AS pupil_participations_change,
       t.teacher_participations, p.teacher_participations AS previous_teacher_participations,
       t.teacher_participations - p.teacher_participations AS teacher_participations_change,
       t.participations, p.participations AS previous_participations,
       t.participations - p.participations AS participations_change,
       round(100.0 * (t.participations - p.participations) / nullif(p.participations, 0), 1) AS participations_change_pct
FROM analytics.year_totals t
LEFT JOIN analytics.year_totals p ON p.start_year = t.start_year - 1;

-- Participations: the unit every figure counts.
--
-- One row per named person in an event, or per group of people not named one by one:
--   member  a member of an ACTIVE (submitted/accepted) application: people = 1
--   author  an author of an entry of an active application who is not also a member of an
--           active application of that event (counted once however many entries): people = 1
--   group   application.headcount or entry.headcount of an active application: people = n
--   juror   an expert juror of the event (jury_assignment, once per event): people = 1;
--           jurors are teachers' participations of the school year
-- A person is at most once among an event's active applications (application_member_once_per_event),
-- so per event the named rows are unique people.
--
-- audience: 'teachers' for a teacher or a juror, 'pupils' for a pupil, preschooler or student,
-- the event's audience for a group. counted: the row is in the report's figures, i.e. the
-- person belongs to the event's audience (a teacher accompanying a pupils' team is not) or is a
-- juror. The report's per-event "participants" = counted rows without jurors.
CREATE VIEW analytics.participation AS
WITH src AS (
    SELECT 'member'::text AS source, m.event_id, m.application_id, NULL::bigint AS entry_id,
           m.person_id, m.role::text AS role, 1 AS people
    FROM application_member m
    WHERE m.application_active
  UNION ALL
    SELECT DISTINCT ON (en.event_id, ea.person_id)
           'author', en.event_id, en.application_id, en.id, ea.person_id, NULL, 1
    FROM entry_author ea
    JOIN entry en ON en.id = ea.entry_id
    JOIN application a ON a.id = en.application_id AND a.is_active
    WHERE NOT EXISTS (SELECT 1 FROM application_member m
                      WHERE m.event_id = en.event_id AND m.person_id = ea.person_id AND m.application_active)
  UNION ALL
    SELECT 'group', a.event_id, a.id, NULL, NULL, NULL, a.headcount
    FROM application a
    WHERE a.is_active AND a.headcount IS NOT NULL
  UNION ALL
    SELECT 'group', en.event_id, en.application_id, en.id, NULL, NULL, en.headcount
    FROM entry en
    JOIN application a ON a.id = en.application_id AND a.is_active
    WHERE en.headcount IS NOT NULL
  UNION ALL
    SELECT DISTINCT 'juror', j.event_id, NULL::bigint, NULL::bigint, j.person_id, 'juror', 1
    FROM jury_assignment j
)
SELECT s.source,
       s.event_id,
       e.school_year_id,
       e.school_year,
       e.module_id,
       e.audience                            AS event_audience,
       s.application_id,
       s.entry_id,
       -- the organisation a person came with; a juror's usual organisation
       coalesce(a.organisation_id, p.organisation_id) AS organisation_id,
       s.person_id,
       p.kind::text                          AS person_kind,
       a2.audience,
       s.source = 'juror' OR a2.audience = e.audience AS counted,
       s.role,
       s.people,
       g.grade,
       -- whole years on the event's age reference date; never the birth date itself
       date_part('year', age(coalesce(ev.age_reference_date, ev.starts_on), p.birth_date))::integer AS age
FROM src s
JOIN analytics.event e ON e.event_id = s.event_id
JOIN event ev ON ev.id = s.event_id
LEFT JOIN application a ON a.id = s.application_id
LEFT JOIN person p ON p.id = s.person_id
LEFT JOIN pupil_grade g ON g.person_id = s.person_id AND g.school_year_id = e.school_year_id
CROSS JOIN LATERAL (
    SELECT CASE WHEN s.source = 'juror' OR p.kind = 'teacher' THEN 'teachers'
                WHEN s.person_id IS NULL THEN e.audience
                ELSE 'pupils' END AS audience
) a2;

-- Per event: the report's figure and its parts.
--   participants          counted participations without jurors: the report's per-event figure
--   other_participants    people outside the event's audience (teachers accompanying pupils)
--   jurors                expert jurors of the event
--   pupil_participations / teacher_participations: counted, by audience, jurors included
--   named / group         participants named one by one / counted by headcount
-- Named participants of one event are distinct people, so named = unique people there.
CREATE VIEW analytics.event_participation AS
SELECT e.event_id, e.school_year_id, e.school_year, e.start_year, e.module_id, e.module, e.audience,
       e.parent_event_id, e.title, e.edition, e.kind, e.format, e.audience_note, e.starts_on, e.ends_on,
       e.organiser_id, e.organiser, e.organiser_short_name,
       coalesce(x.participants, 0)           AS participants,
       coalesce(x.other_participants, 0)     AS other_participants,
       coalesce(x.jurors, 0)                 AS jurors,
       coalesce(x.pupil_participations, 0)   AS pupil_participations,
       coalesce(x.teacher_participations, 0) AS teacher_participations,
       coalesce(x.named, 0)                  AS named,
       coalesce(x.grouped, 0)                AS grouped
FROM analytics.event e
LEFT JOIN (
    SELECT p.event_id,
           sum(p.people) FILTER (WHERE p.counted AND p.source <> 'juror')::bigint           AS participants,
           sum(p.people) FILTER (WHERE NOT p.counted)::bigint                               AS other_participants,
           sum(p.people) FILTER (WHERE p.source = 'juror')::bigint                          AS jurors,
           sum(p.people) FILTER (WHERE p.counted AND p.audience = 'pupils')::bigint         AS pupil_participations,
           sum(p.people) FILTER (WHERE p.counted AND p.audience = 'teachers')::bigint       AS teacher_participations,
           sum(p.people) FILTER (WHERE p.counted AND p.source IN ('member', 'author'))::bigint AS named,
           sum(p.people) FILTER (WHERE p.counted AND p.source = 'group')::bigint            AS grouped
    FROM analytics.participation p
    GROUP BY p.event_id
) x ON x.event_id = e.event_id;

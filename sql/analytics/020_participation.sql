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
       -- whole years on the event's age reference date (registration's rule: age_in_years); never the birth date itself
       public.age_in_years(p.birth_date, coalesce(ev.age_reference_date, ev.starts_on)) AS age
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
--   named / grouped       participants named one by one / counted by headcount
-- Named participants of one event are distinct people, so named = unique people there.
-- The same figures as summing analytics.participation per event (tested). The members (nearly
-- all rows) are read from event_member_tally (migration 0010: members of active applications
-- per event and person kind, kept by trigger), a few rows per event, never a pass over
-- application_member: the report's time no longer grows with the participations
-- (docs/BENCHMARKS.md, "National scale: annual report"). Pupils are the members who are not
-- teachers.
CREATE VIEW analytics.event_participation AS
WITH members AS (
    SELECT t.event_id, sum(t.members) AS people,
           coalesce(sum(t.members) FILTER (WHERE t.person_kind = 'teacher'), 0) AS teachers
    FROM event_member_tally t
    GROUP BY t.event_id
), authors AS (
    -- authors who are not members (rare): the participation view's rows, a few person lookups
    SELECT p.event_id,
           count(*) FILTER (WHERE p.counted)     AS counted,
           count(*) FILTER (WHERE NOT p.counted) AS other
    FROM analytics.participation p
    WHERE p.source = 'author'
    GROUP BY p.event_id
), groups AS (
    -- headcounts are of the event's audience
    SELECT g.event_id, sum(g.headcount) AS people
    FROM (SELECT a.event_id, a.headcount FROM application a WHERE a.is_active AND a.headcount IS NOT NULL
          UNION ALL
          SELECT en.event_id, en.headcount FROM entry en JOIN application a ON a.id = en.application_id AND a.is_active
          WHERE en.headcount IS NOT NULL) g
    GROUP BY g.event_id
), jurors AS (
    SELECT j.event_id, count(DISTINCT j.person_id) AS people
    FROM jury_assignment j
    GROUP BY j.event_id
), counts AS (
    SELECT e.event_id, e.audience,
           -- members of the event's audience: teachers at a teachers' event, the others elsewhere
           CASE e.audience WHEN 'teachers' THEN coalesce(m.teachers, 0)
                           ELSE coalesce(m.people - m.teachers, 0) END
           + coalesce(au.counted, 0)                                   AS named,
           CASE e.audience WHEN 'teachers' THEN coalesce(m.people - m.teachers, 0)
                           ELSE coalesce(m.teachers, 0) END
           + coalesce(au.other, 0)                                     AS other,
           coalesce(g.people, 0)                                       AS grouped,
           coalesce(j.people, 0)                                       AS jurors
    FROM analytics.event e
    LEFT JOIN members m ON m.event_id = e.event_id
    LEFT JOIN authors au ON au.event_id = e.event_id
    LEFT JOIN groups g ON g.event_id = e.event_id
    LEFT JOIN jurors j ON j.event_id = e.event_id
)
SELECT e.event_id, e.school_year_id, e.school_year, e.start_year, e.module_id, e.module, e.audience,
       e.parent_event_id, e.title, e.edition, e.kind, e.format, e.audience_note, e.starts_on, e.ends_on,
       e.organiser_id, e.organiser, e.organiser_short_name,
       (c.named + c.grouped)::bigint                                             AS participants,
       c.other::bigint                                                           AS other_participants,
       c.jurors::bigint                                                          AS jurors,
       (CASE e.audience WHEN 'pupils' THEN c.named + c.grouped ELSE 0 END)::bigint AS pupil_participations,
       (CASE e.audience WHEN 'teachers' THEN c.named + c.grouped ELSE 0 END + c.jurors)::bigint AS teacher_participations,
       c.named::bigint                                                           AS named,
       c.grouped::bigint                                                         AS grouped
FROM analytics.event e
JOIN counts c ON c.event_id = e.event_id;

-- The most active organisations of a school year: by counted participations of people they
-- sent (jurors included), then events they took part in, then events they organised.
CREATE VIEW analytics.organisation_activity AS
WITH took_part AS (
    SELECT p.school_year_id, p.organisation_id,
           count(DISTINCT p.event_id) FILTER (WHERE p.source <> 'juror') AS events_taken_part,
           sum(p.people)::bigint AS participations,
           coalesce(sum(p.people) FILTER (WHERE p.audience = 'pupils'), 0)::bigint   AS pupil_participations,
           coalesce(sum(p.people) FILTER (WHERE p.audience = 'teachers'), 0)::bigint AS teacher_participations,
           coalesce(sum(p.people) FILTER (WHERE p.source = 'juror'), 0)::bigint      AS jurors
    FROM analytics.counted_participation p
    WHERE p.organisation_id IS NOT NULL
    GROUP BY p.school_year_id, p.organisation_id
), organised AS (
    SELECT e.school_year_id, e.organiser_id AS organisation_id, count(*) AS events_organised
    FROM event e
    GROUP BY e.school_year_id, e.organiser_id
), activity AS (
    SELECT coalesce(t.school_year_id, g.school_year_id) AS school_year_id,
           coalesce(t.organisation_id, g.organisation_id) AS organisation_id,
           coalesce(t.events_taken_part, 0) AS events_taken_part,
           coalesce(g.events_organised, 0)  AS events_organised,
           coalesce(t.participations, 0)    AS participations,
           coalesce(t.pupil_participations, 0)   AS pupil_participations,
           coalesce(t.teacher_participations, 0) AS teacher_participations,
           coalesce(t.jurors, 0)            AS jurors
    FROM took_part t
    FULL JOIN organised g ON g.school_year_id = t.school_year_id AND g.organisation_id = t.organisation_id
)
SELECT y.label AS school_year, a.school_year_id, a.organisation_id, o.short_name, o.kind, o.municipality, o.region,
       a.events_taken_part, a.events_organised, a.participations, a.pupil_participations,
       a.teacher_participations, a.jurors,
       rank() OVER (PARTITION BY a.school_year_id
                    ORDER BY a.participations DESC, a.events_taken_part DESC, a.events_organised DESC) AS rank
FROM activity a
JOIN school_year y ON y.id = a.school_year_id
JOIN analytics.organisation o ON o.organisation_id = a.organisation_id;

-- The top `lim` organisations of a school year ('2020-2021'), ties at the cut included.
CREATE FUNCTION analytics.most_active_organisations(year_label text, lim integer DEFAULT 10)
RETURNS SETOF analytics.organisation_activity
LANGUAGE sql STABLE
AS $$
    SELECT * FROM analytics.organisation_activity a
    WHERE a.school_year = year_label AND a.rank <= lim
    ORDER BY a.rank, a.organisation_id
$$;

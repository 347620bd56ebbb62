-- Winners' and prizewinners' share.
--
-- An award recorded for the application (entry_id NULL) goes to every participation of the
-- application; an award of an entry goes to the entry's authors and headcount, or, when the
-- entry names nobody, to the whole application. A participation's best award is the best of
-- those. Jurors are not in these figures.

-- Counted participations (jurors left out) with their best award, if any.
CREATE VIEW analytics.participation_award AS
SELECT p.source, p.event_id, p.school_year_id, p.school_year, p.module_id, p.event_audience,
       p.application_id, p.entry_id, p.organisation_id, p.person_id, p.audience, p.people,
       b.best_rank,
       analytics.award_class(b.best_rank) AS award_class
FROM analytics.participation p
LEFT JOIN LATERAL (
    SELECT min(analytics.award_rank(r.award)) AS best_rank
    FROM result r
    WHERE r.application_id = p.application_id
      AND (r.entry_id IS NULL
           OR r.entry_id = p.entry_id
           OR EXISTS (SELECT 1 FROM entry_author ea WHERE ea.entry_id = r.entry_id AND ea.person_id = p.person_id)
           OR NOT EXISTS (SELECT 1 FROM entry en WHERE en.id = r.entry_id AND en.headcount IS NOT NULL)
              AND NOT EXISTS (SELECT 1 FROM entry_author ea WHERE ea.entry_id = r.entry_id))
) b ON true
WHERE p.counted AND p.source <> 'juror';

-- Per event: applications and participations by their best award, and the winners' share.
--   awarded_applications: active applications with a winner's or prizewinner's award (own or an entry's)
--   winner_share: (winners + prizewinners) / participants, 0..1, NULL without participants
CREATE VIEW analytics.event_results AS
SELECT e.event_id, e.school_year_id, e.school_year, e.module_id, e.audience,
       coalesce(a.applications, 0)          AS applications,
       coalesce(a.awarded_applications, 0)  AS awarded_applications,
       coalesce(x.participants, 0)          AS participants,
       coalesce(x.winners, 0)               AS winners,
       coalesce(x.prizewinners, 0)          AS prizewinners,
       coalesce(x.special, 0)               AS special,
       coalesce(x.certificates, 0)          AS certificates,
       round((coalesce(x.winners, 0) + coalesce(x.prizewinners, 0))::numeric / nullif(x.participants, 0), 3) AS winner_share
FROM analytics.event e
LEFT JOIN (
    SELECT pa.event_id,
           sum(pa.people)::bigint                                               AS participants,
           coalesce(sum(pa.people) FILTER (WHERE pa.award_class = 'winner'), 0)::bigint      AS winners,
           coalesce(sum(pa.people) FILTER (WHERE pa.award_class = 'prizewinner'), 0)::bigint AS prizewinners,
           coalesce(sum(pa.people) FILTER (WHERE pa.award_class = 'special'), 0)::bigint     AS special,
           coalesce(sum(pa.people) FILTER (WHERE pa.award_class = 'certificate'), 0)::bigint AS certificates
    FROM analytics.participation_award pa
    GROUP BY pa.event_id
) x ON x.event_id = e.event_id
LEFT JOIN (
    SELECT ap.event_id, count(*) AS applications,
           count(*) FILTER (WHERE EXISTS (SELECT 1 FROM result r
                                          WHERE r.application_id = ap.id AND analytics.award_rank(r.award) <= 6)) AS awarded_applications
    FROM application ap
    WHERE ap.is_active
    GROUP BY ap.event_id
) a ON a.event_id = e.event_id;

-- Per school year and event audience: the same, summed over the year's events.
CREATE VIEW analytics.year_results AS
SELECT r.school_year_id, r.school_year, r.audience,
       sum(r.applications)::bigint         AS applications,
       sum(r.awarded_applications)::bigint AS awarded_applications,
       sum(r.participants)::bigint         AS participants,
       sum(r.winners)::bigint              AS winners,
       sum(r.prizewinners)::bigint         AS prizewinners,
       sum(r.special)::bigint              AS special,
       sum(r.certificates)::bigint         AS certificates,
       round((sum(r.winners) + sum(r.prizewinners)) / nullif(sum(r.participants), 0), 3) AS winner_share
FROM analytics.event_results r
GROUP BY r.school_year_id, r.school_year, r.audience;

-- Member versus non-member organisations, membership taken on the event's start date
-- (is_member(): a network agreement covering that day).

-- Per event and organisation that took part: its counted participations and membership.
CREATE VIEW analytics.event_organisation AS
SELECT x.event_id, e.school_year_id, e.school_year, x.organisation_id,
       EXISTS (SELECT 1 FROM network_agreement na
               WHERE na.organisation_id = x.organisation_id
                 AND daterange(na.starts_on, na.ends_on, '[]') @> e.starts_on) AS is_member,
       x.organisation_id = e.organiser_id AS is_organiser,
       x.participations, x.pupil_participations, x.teacher_participations, x.unique_people
FROM (SELECT p.event_id, p.organisation_id,
             sum(p.people) FILTER (WHERE p.source <> 'juror')::bigint AS participations,
             coalesce(sum(p.people) FILTER (WHERE p.audience = 'pupils' AND p.source <> 'juror'), 0)::bigint AS pupil_participations,
             coalesce(sum(p.people) FILTER (WHERE p.audience = 'teachers' AND p.source <> 'juror'), 0)::bigint AS teacher_participations,
             count(DISTINCT p.person_id) FILTER (WHERE p.source <> 'juror') AS unique_people
      FROM analytics.counted_participation p
      WHERE p.organisation_id IS NOT NULL AND p.source <> 'juror'
      GROUP BY p.event_id, p.organisation_id) x
JOIN analytics.event e ON e.event_id = x.event_id;

-- Per event: how many organisations, member or not, and from how far.
CREATE VIEW analytics.event_reach AS
SELECT eo.event_id, eo.school_year_id, eo.school_year,
       count(*)                                 AS organisations,
       count(*) FILTER (WHERE eo.is_member)     AS member_organisations,
       count(*) FILTER (WHERE NOT eo.is_member) AS non_member_organisations,
       coalesce(sum(eo.participations) FILTER (WHERE eo.is_member), 0)::bigint     AS member_participations,
       coalesce(sum(eo.participations) FILTER (WHERE NOT eo.is_member), 0)::bigint AS non_member_participations,
       count(DISTINCT o.municipality_id)        AS municipalities,
       count(DISTINCT o.region_id)              AS regions,
       count(DISTINCT o.country_code)           AS countries
FROM analytics.event_organisation eo
JOIN analytics.organisation o ON o.organisation_id = eo.organisation_id
GROUP BY eo.event_id, eo.school_year_id, eo.school_year;

-- Per school year, member and non-member organisations: how many took part, and their
-- participations. An organisation can be in both rows (it joined during the year).
CREATE VIEW analytics.year_membership AS
SELECT eo.school_year_id, eo.school_year, eo.is_member,
       count(DISTINCT eo.organisation_id)  AS organisations,
       count(DISTINCT eo.event_id)         AS events,
       sum(eo.participations)::bigint      AS participations,
       sum(eo.pupil_participations)::bigint   AS pupil_participations,
       sum(eo.teacher_participations)::bigint AS teacher_participations
FROM analytics.event_organisation eo
GROUP BY eo.school_year_id, eo.school_year, eo.is_member;

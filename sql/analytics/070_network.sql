-- Network growth: members and agreements per school year. An organisation is a member in a
-- school year when an agreement covers any day of it (the domain's NetworkMembership.covers);
-- it joined in the year its first agreement starts. An agreement is "signed" in the year it starts
-- (the schema keeps no separate signing date).

-- Organisations whose first agreement starts in the school year.
CREATE VIEW analytics.network_joined AS
SELECT y.id AS school_year_id, y.label AS school_year, f.organisation_id, o.short_name, o.full_name,
       o.municipality, o.region, f.first_starts_on AS joined_on
FROM (SELECT organisation_id, min(starts_on) AS first_starts_on FROM network_agreement GROUP BY organisation_id) f
JOIN school_year y ON f.first_starts_on BETWEEN y.starts_on AND y.ends_on
JOIN analytics.organisation o ON o.organisation_id = f.organisation_id;

CREATE VIEW analytics.network_growth AS
SELECT y.id AS school_year_id, y.label AS school_year, y.start_year,
       (SELECT count(DISTINCT a.organisation_id) FROM network_agreement a
        WHERE a.starts_on <= y.ends_on AND (a.ends_on IS NULL OR a.ends_on >= y.starts_on)) AS members,
       (SELECT count(DISTINCT a.organisation_id) FROM network_agreement a
        WHERE daterange(a.starts_on, a.ends_on, '[]') @> y.starts_on)                      AS members_at_start,
       (SELECT count(DISTINCT a.organisation_id) FROM network_agreement a
        WHERE daterange(a.starts_on, a.ends_on, '[]') @> y.ends_on)                        AS members_at_end,
       (SELECT count(*) FROM analytics.network_joined j WHERE j.school_year_id = y.id)     AS joined,
       (SELECT count(*) FROM network_agreement a
        WHERE a.starts_on BETWEEN y.starts_on AND y.ends_on)                               AS agreements_signed,
       (SELECT count(*) FROM network_agreement a
        WHERE a.ends_on BETWEEN y.starts_on AND y.ends_on)                                 AS agreements_ended
FROM school_year y;

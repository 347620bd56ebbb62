-- After the benchmark: every capacity, limit and duplicate rule still holds, counted from the rows
-- themselves (not from the counters the triggers keep, which are checked against the rows too).
-- One line per rule: "rule|violations"; Benchmarks/http/run fails when any count is not 0.
WITH active AS (
    SELECT a.* FROM application a WHERE a.status IN ('submitted', 'accepted')
)
SELECT 'event over capacity', count(*) FROM (
    SELECT e.id FROM event e JOIN active a ON a.event_id = e.id
    WHERE e.capacity IS NOT NULL GROUP BY e.id, e.capacity HAVING count(*) > e.capacity) x
UNION ALL
SELECT 'organisation over its limit', count(*) FROM (
    SELECT e.id, a.organisation_id FROM event e JOIN active a ON a.event_id = e.id
    WHERE e.per_organisation_limit IS NOT NULL
    GROUP BY e.id, e.per_organisation_limit, a.organisation_id HAVING count(*) > e.per_organisation_limit) x
UNION ALL
SELECT 'person twice among an event''s active applications', count(*) FROM (
    SELECT a.event_id, m.person_id FROM active a JOIN application_member m ON m.application_id = a.id
    GROUP BY a.event_id, m.person_id HAVING count(*) > 1) x
UNION ALL
SELECT 'team name twice among an event''s active applications', count(*) FROM (
    SELECT a.event_id, normalize_person_name(a.team_name) FROM active a WHERE a.team_name IS NOT NULL
    GROUP BY 1, 2 HAVING count(*) > 1) x
UNION ALL
SELECT 'team size outside the event''s rules', count(*) FROM (
    SELECT a.id FROM active a JOIN event e ON e.id = a.event_id
    LEFT JOIN application_member m ON m.application_id = a.id
    WHERE e.participation = 'team'
    GROUP BY a.id, e.team_min_size, e.team_max_size, a.headcount
    HAVING count(m.id) + coalesce(a.headcount, 0) NOT BETWEEN e.team_min_size AND e.team_max_size) x
UNION ALL
SELECT 'idempotency key twice for an organisation', count(*) FROM (
    SELECT organisation_id, idempotency_key FROM application WHERE idempotency_key IS NOT NULL
    GROUP BY 1, 2 HAVING count(*) > 1) x
UNION ALL
SELECT 'member row out of step with its application', count(*)
FROM application_member m JOIN application a ON a.id = m.application_id
WHERE m.event_id <> a.event_id OR m.application_active <> (a.status IN ('submitted', 'accepted'))
UNION ALL
SELECT 'member_count out of step with the members', count(*) FROM (
    SELECT a.id FROM application a LEFT JOIN application_member m ON m.application_id = a.id
    GROUP BY a.id, a.member_count HAVING count(m.id) <> a.member_count) x
UNION ALL
SELECT 'application_tally out of step with the applications', count(*) FROM (
    SELECT t.event_id FROM application_tally t
    WHERE t.active <> (SELECT count(*) FROM active a
                       WHERE a.event_id = t.event_id
                         AND (t.organisation_id IS NULL OR a.organisation_id = t.organisation_id))) x;

-- Realistic volume (2 000 organisations, 50 000 people, 100 events, 20 000 team applications,
-- 200 000 members) and the plans of the main lookups. Rolled back at the end.
--   psql "$DATABASE_URL" -X -v ON_ERROR_STOP=1 -f sql/tests/volume.sql
\set ON_ERROR_STOP 1
\timing on
BEGIN;
SET LOCAL synchronous_commit = off;

INSERT INTO region (id, country_code, name) OVERRIDING SYSTEM VALUE VALUES (801, 'RU', 'Объёмная область');
INSERT INTO municipality (id, region_id, name) OVERRIDING SYSTEM VALUE
    SELECT 800 + i, 801, 'Район ' || i FROM generate_series(1, 50) i;
INSERT INTO organisation (id, municipality_id, kind, legal_form, full_name) OVERRIDING SYSTEM VALUE
    SELECT 10000 + i, 801 + i % 50, 'school', 'МБОУ',
           format('МБОУ «%s СОШ №%s» %s района', (ARRAY['Октябрьская','Богашевская','Зональненская','Кисловская','Спасская'])[1 + i % 5], i, 'Томского')
    FROM generate_series(1, 2000) i;
INSERT INTO organisation (id, municipality_id, kind, legal_form, full_name) OVERRIDING SYSTEM VALUE
    VALUES (9013, 801, 'gymnasium', 'МАОУ', 'МАОУ гимназия №13 г. Томска');
INSERT INTO network_agreement (organisation_id, starts_on)
    SELECT 10000 + i, DATE '2018-09-01' + (i % 700) FROM generate_series(1, 2000, 3) i;
INSERT INTO school_year (id, start_year) OVERRIDING SYSTEM VALUE VALUES (801, 2020);
INSERT INTO person (id, kind, last_name, first_name, patronymic, birth_date) OVERRIDING SYSTEM VALUE
    SELECT i, 'pupil', 'Фамилия' || (i % 5000), 'Имя' || (i % 97), CASE WHEN i % 3 = 0 THEN NULL ELSE 'Отчество' || (i % 31) END,
           DATE '2004-01-01' + (i % 4000)
    FROM generate_series(1, 50000) i;
INSERT INTO pupil_grade (person_id, school_year_id, organisation_id, grade)
    SELECT i, 801, 10001 + i % 2000, i % 12 FROM generate_series(1, 50000) i;
INSERT INTO event (id, school_year_id, organiser_id, title, kind, format, starts_on, ends_on,
                   participation, team_min_size, team_max_size) OVERRIDING SYSTEM VALUE
    SELECT 800 + e, 801, 9013, 'Событие ' || e, 'contest', 'distance', DATE '2020-10-01' + e, DATE '2020-10-01' + e,
           'team', 1, 10
    FROM generate_series(1, 100) e;
INSERT INTO application (id, event_id, organisation_id, team_name, submitted_by, responsible_name, contact_email) OVERRIDING SYSTEM VALUE
    SELECT 100000 + a, 801 + a / 200, 10001 + a % 2000, 'Команда ' || a, 'volume', 'Учитель', 't@example.org'
    FROM generate_series(0, 19999) a;
INSERT INTO application_member (application_id, person_id)
    SELECT 100000 + a, 1 + ((a % 200) * 10 + k + (a / 200) * 2000) % 50000
    FROM generate_series(0, 19999) a, generate_series(0, 9) k;
INSERT INTO result (event_id, application_id, award)
    SELECT 801 + a / 200, 100000 + a, (ARRAY['winner','diploma_1','diploma_2','diploma_3','certificate'])[1 + a % 5]::award
    FROM generate_series(0, 19999, 4) a;
ANALYZE;
\timing off

\echo '--- organisation search (the body of search_organisations)'
SET LOCAL pg_trgm.word_similarity_threshold = 0.5;
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON)
SELECT o.id FROM organisation o WHERE 'кисловская сош 1234' <% o.name_norm
ORDER BY word_similarity('кисловская сош 1234', o.name_norm) DESC LIMIT 10;
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) SELECT * FROM search_organisations('Кисловская СОШ №1234', 10);
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON)
SELECT o.id FROM organisation o WHERE 'гимназия 13 томск' <% o.name_norm;

\echo '--- person matching: normalised name + birth date'
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON)
SELECT id FROM person WHERE name_key = 'фамилия123 имя26' AND birth_date = DATE '2004-01-01' + 123;

\echo '--- person search by a name fragment'
SET LOCAL pg_trgm.word_similarity_threshold = 0.6;
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON)
SELECT id FROM person WHERE 'фамилия1234 имя' <% full_name_norm LIMIT 10;

\echo '--- is this person already in an active application of the event?'
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON)
SELECT application_id FROM application_member WHERE event_id = 850 AND person_id = 12345 AND application_active;

\echo '--- a school''s applications to an event'
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON)
SELECT id, status FROM application WHERE event_id = 850 AND organisation_id = 10100;

\echo '--- an event''s roster (organiser view)'
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON)
SELECT a.id, a.team_name, m.person_id FROM application_member m JOIN application a ON a.id = m.application_id
WHERE m.event_id = 850 AND m.application_active;

\echo '--- one person''s participations'
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON)
SELECT m.event_id, a.organisation_id FROM application_member m JOIN application a ON a.id = m.application_id
WHERE m.person_id = 12345;

\echo '--- published results of an event'
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON)
SELECT r.award, a.organisation_id FROM result r JOIN application a ON a.id = r.application_id WHERE r.event_id = 850;

\echo '--- analytics: participations vs unique people, member vs non-member, per event'
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON)
SELECT e.id, count(*) AS participations, count(DISTINCT m.person_id) AS people,
       count(*) FILTER (WHERE is_member(a.organisation_id, e.starts_on)) AS from_members
FROM event e JOIN application a ON a.event_id = e.id AND a.is_active
JOIN application_member m ON m.application_id = a.id
WHERE e.school_year_id = 801 GROUP BY e.id;

ROLLBACK;

-- A national-scale synthetic network for timing the annual report (see docs/BENCHMARKS.md).
-- Run on a migrated database (with analytics) with psql -v scale=1.0:
--   85 regions, 2 125 municipalities, 40 000 organisations, 5 000 000 pupils, 400 000 teachers,
--   20 000 events in two school years, 20 000 000 application members (participations),
--   4 000 000 applications (1 % with an extra unnamed headcount), 100 000 jurors, ~400 000 results.
-- Everything but the 85 regions scales with :scale (floors keep tiny scales meaningful).
--
-- Set-based INSERT ... SELECT over generate_series. The audit, tally, member-count and validation
-- triggers (and the FK triggers with them) are off for the load: session_replication_role =
-- replica. Per-row triggers would write 25 million audit rows and update an application row per
-- member; the generator computes member_count and the members' person_kind itself, fills
-- event_member_tally set-based after the members (as the backfill of migration 0010 does; the
-- report reads it), leaves application_tally empty (only the registration path reads it) and
-- produces consistent keys by construction. Secondary indexes of
-- the big tables are dropped before the load and re-created after it (faster than maintaining
-- them row by row); primary keys and constraint indexes stay.

\set ON_ERROR_STOP on
\timing on
SET session_replication_role = replica;
SET maintenance_work_mem = '512MB';
SET work_mem = '64MB';

CREATE TEMP TABLE p AS
SELECT :scale::numeric                                           AS scale,
       85                                                        AS regions,
       25                                                        AS municipalities_per_region,
       greatest(100, round(40000 * :scale))::int                 AS organisations,
       greatest(2000, round(5000000 * :scale))::int              AS pupils,
       greatest(2000, round(400000 * :scale))::int               AS teachers,
       greatest(20, round(20000 * :scale))::int                  AS events,
       greatest(20000, round(20000000 * :scale))::bigint         AS members;
ALTER TABLE p ADD COLUMN per_event int, ADD COLUMN apps_per_event int;
UPDATE p SET per_event = ceil(members::numeric / events), apps_per_event = ceil(ceil(members::numeric / events) / 5);
SELECT * FROM p;

-- Secondary indexes of the tables loaded in bulk: remembered, dropped, re-created at the end.
CREATE TEMP TABLE dropped_index AS
SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition
FROM pg_index i
JOIN pg_class t ON t.oid = i.indrelid
WHERE t.relnamespace = 'public'::regnamespace
  AND t.relname IN ('person', 'pupil_grade', 'application', 'application_member', 'result', 'jury_assignment', 'audit_log')
  AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid);
DO $$ DECLARE r record; BEGIN
    FOR r IN SELECT name FROM dropped_index LOOP EXECUTE 'DROP INDEX ' || r.name; END LOOP;
END $$;

INSERT INTO school_year (start_year) VALUES (2019), (2020) ON CONFLICT DO NOTHING;
INSERT INTO programme_module (id, name, audience) OVERRIDING SYSTEM VALUE VALUES
    (1, 'Человек XXI века', 'pupils'), (2, 'Истоки', 'pupils'), (3, 'Тайны науки', 'pupils'),
    (4, 'Мир искусств', 'pupils'), (5, 'Точки роста', 'teachers');

INSERT INTO region (id, country_code, name) OVERRIDING SYSTEM VALUE
SELECT r, 'RU', 'Регион ' || r FROM p, generate_series(1, p.regions) r;
INSERT INTO municipality (id, region_id, name, kind) OVERRIDING SYSTEM VALUE
SELECT m, (m - 1) / p.municipalities_per_region + 1, 'Муниципалитет ' || m,
       (ARRAY['city', 'district', 'urban_okrug', 'zato'])[m % 4 + 1]::municipality_kind
FROM p, generate_series(1, p.regions * p.municipalities_per_region) m;

INSERT INTO organisation (id, municipality_id, kind, legal_form, full_name, short_name) OVERRIDING SYSTEM VALUE
SELECT o, (o - 1) % (p.regions * p.municipalities_per_region) + 1,
       (ARRAY['school', 'school', 'school', 'gymnasium', 'lyceum', 'kindergarten', 'additional_education'])[o % 7 + 1]::organisation_kind,
       'МАОУ', 'МАОУ СОШ №' || o || ' синтетическая', 'СОШ №' || o
FROM p, generate_series(1, p.organisations) o;
ANALYZE organisation;

-- 30 % of organisations are members; agreements start over ten years, a few end.
INSERT INTO network_agreement (organisation_id, starts_on, ends_on)
SELECT o, DATE '2012-09-01' + (o * 37 % 3650),
       CASE WHEN o % 20 = 0 THEN DATE '2012-09-01' + (o * 37 % 3650) + 1500 END
FROM p, generate_series(1, p.organisations) o
WHERE o % 10 < 3;

-- People: pupils 1..pupils, then teachers.
INSERT INTO person (id, kind, last_name, first_name, birth_date, organisation_id) OVERRIDING SYSTEM VALUE
SELECT i, 'pupil', 'Фамилия' || (i % 9973), 'Имя' || (i % 311), DATE '2004-01-01' + (i % 4000), NULL
FROM p, generate_series(1, p.pupils) i;
INSERT INTO person (id, kind, last_name, first_name, birth_date, organisation_id) OVERRIDING SYSTEM VALUE
SELECT p.pupils + i, 'teacher', 'Учитель' || (i % 9973), 'Имя' || (i % 311), DATE '1960-01-01' + (i % 12000),
       (i - 1) % p.organisations + 1
FROM p, generate_series(1, p.teachers) i;
INSERT INTO pupil_grade (person_id, school_year_id, organisation_id, grade)
SELECT i, (SELECT id FROM school_year WHERE start_year = 2020), (i - 1) % p.organisations + 1, i % 12
FROM p, generate_series(1, p.pupils) i;

-- Events: every 7th a teachers' event; 10 % of pupils' events outside the modules; 20 % in 2019-2020.
INSERT INTO event (id, school_year_id, module_id, organiser_id, title, kind, format, starts_on, ends_on,
                   participation, team_min_size, team_max_size, allow_pupils, allow_teachers)
OVERRIDING SYSTEM VALUE
SELECT e, y.id,
       CASE WHEN e % 7 = 0 THEN 5 WHEN e % 10 = 1 THEN NULL ELSE e % 4 + 1 END,
       (e * 13) % p.organisations + 1, 'Событие ' || e, 'contest', 'distance',
       make_date(y.start_year, 9, 1) + (e % 300), make_date(y.start_year, 9, 1) + (e % 300) + 1,
       'team', 1, 5, e % 7 <> 0, e % 7 = 0
FROM p, generate_series(1, p.events) e
JOIN school_year y ON y.start_year = CASE WHEN e % 5 = 0 THEN 2019 ELSE 2020 END;

-- Applications: apps_per_event per event, teams of 5 (the last one smaller); every 33rd withdrawn,
-- every 100th with 4 more people not named.
INSERT INTO application (id, event_id, organisation_id, status, headcount, member_count, submitted_by,
                         responsible_name, contact_email, submitted_at, status_changed_at, updated_at)
OVERRIDING SYSTEM VALUE
SELECT a.id, a.event_id, (a.event_id * 131 + a.k * 17) % p.organisations + 1,
       CASE WHEN a.id % 33 = 0 THEN 'withdrawn' WHEN a.id % 2 = 0 THEN 'accepted' ELSE 'submitted' END::application_status,
       CASE WHEN a.id % 100 = 0 THEN 4 END,
       least(5, p.per_event - a.k * 5),
       'bench', 'Ответственный', 'bench@example.org', now(), now(), now()
FROM p, LATERAL (
    SELECT (e - 1)::bigint * p.apps_per_event + k + 1 AS id, e AS event_id, k
    FROM generate_series(1, p.events) e, generate_series(0, p.apps_per_event - 1) k
) a;

-- Members: the k-th participant of event e is application k / 5 of the event; persons are distinct
-- within an event by construction (k < per_event <= pupils, teachers). person_kind is the
-- person's kind (teachers' events take teachers), as the foreign key to person (id, kind) wants.
INSERT INTO application_member (application_id, event_id, application_active, person_id, person_kind, role, created_at)
SELECT (e - 1)::bigint * p.apps_per_event + k / 5 + 1, e,
       ((e - 1)::bigint * p.apps_per_event + k / 5 + 1) % 33 <> 0,
       CASE WHEN e % 7 = 0 THEN p.pupils + ((e::bigint * 7919 + k) % p.teachers) + 1
            ELSE ((e::bigint * 7919 + k) % p.pupils) + 1 END,
       CASE WHEN e % 7 = 0 THEN 'teacher' ELSE 'pupil' END::person_kind,
       CASE WHEN k % 5 = 0 THEN 'captain' ELSE 'participant' END::participant_role,
       now()
FROM p, generate_series(1, p.events) e, generate_series(0, p.per_event - 1) k;

-- The per-event member counters the trigger would have kept: one pass, as a backfill would.
INSERT INTO event_member_tally (event_id, person_kind, members)
SELECT m.event_id, m.person_kind, count(*)
FROM application_member m
WHERE m.application_active
GROUP BY m.event_id, m.person_kind;

-- Jurors: 5 teachers per event.
INSERT INTO jury_assignment (event_id, person_id)
SELECT e, p.pupils + ((e * 31 + j * 101) % p.teachers) + 1
FROM p, generate_series(1, p.events) e, generate_series(0, 4) j;

-- Results for every 10th application.
INSERT INTO result (event_id, application_id, award, special_title)
SELECT a.event_id, a.id,
       (ARRAY['winner', 'diploma_1', 'diploma_2', 'diploma_3', 'prizewinner', 'certificate', 'special'])[a.id / 10 % 7 + 1]::award,
       CASE WHEN a.id / 10 % 7 = 6 THEN 'За волю к победе' END
FROM application a
WHERE a.id % 10 = 0;

-- Sequences past the explicit ids.
SELECT setval(pg_get_serial_sequence(t, 'id'), (SELECT coalesce(max(id), 0) + 1 FROM event))
FROM (VALUES ('event')) v(t);
SELECT setval(pg_get_serial_sequence('person', 'id'), (SELECT max(id) + 1 FROM person));
SELECT setval(pg_get_serial_sequence('application', 'id'), (SELECT max(id) + 1 FROM application));
SELECT setval(pg_get_serial_sequence('organisation', 'id'), (SELECT max(id) + 1 FROM organisation));

RESET session_replication_role;

DO $$ DECLARE r record; BEGIN
    FOR r IN SELECT definition FROM dropped_index LOOP EXECUTE r.definition; END LOOP;
END $$;

VACUUM ANALYZE;

-- pgbench script: one team registration (four new pupils) as the server's RegistrationService runs it,
-- statement for statement in the same order with the same locks (captured with log_statement = all from
-- `schoolnet serve` answering POST /v1/applications; the token lookup, its own transaction, is left out).
-- Variables (-D): ev0/nev first event id and count, org0/norg first school id and count, tok0 the first
-- school token's id (tokens were issued in school order), sy the school year id, phase and k=0.
-- Two departures, both of shape rather than work: the names, team name and key are spelled by SQL in a
-- statement of their own (pgbench cannot join strings), and `clock_timestamp()` comes back
-- from it as the client's clock.
\set k :k + 1
\set n (:phase * 64 + :client_id) * 1000000 + :k
\set ev :ev0 + (:n % :nev)
\set org :org0 + ((:n * 7) % :norg)
\set tok :tok0 + ((:n * 7) % :norg)
\set grade 5 + (:n % 5)
BEGIN ISOLATION LEVEL READ COMMITTED;
SELECT set_config('schoolnet.actor', 'bench school', true), set_config('schoolnet.token_id', coalesce(:tok::bigint::text, ''), true);
SELECT e.id, e.organiser_id, e.school_year_id, y.start_year, e.starts_on, e.ends_on, e.time_zone,
       e.registration_opens_at, e.registration_closes_on, e.closed_early_at,
       e.capacity, e.per_organisation_limit, e.members_only, e.participation::text AS participation,
       e.team_min_size, e.team_max_size, e.team_required_roles::text[] AS team_required_roles,
       e.grade_min, e.grade_max, e.age_min, e.age_max,
       coalesce(e.age_reference_date, e.starts_on) AS age_reference_date,
       e.allow_preschoolers, e.allow_pupils, e.allow_teachers, e.allow_students
FROM event e JOIN school_year y ON y.id = e.school_year_id
WHERE e.id = :ev FOR NO KEY UPDATE OF e;
SELECT title, capacity FROM event_stage WHERE event_id = :ev ORDER BY position LIMIT 1;
SELECT sha256(convert_to(:canonical::jsonb::text, 'UTF8')) AS hash \gset req_
SELECT id, request_hash FROM application WHERE organisation_id = :org AND idempotency_key = 'pgb-' || :n;
SELECT coalesce(short_name, full_name) AS name, is_member(id, current_date + 30) AS is_member FROM organisation WHERE id = :org;
SELECT s1, s2, s3, s4, 'Команда ' || :n AS team, 'pgb-' || :n AS key, clock_timestamp() AS ts,
       make_date(extract(year FROM current_date)::int - 6 - :grade, 1 + (:n + 1) % 12, 1 + (:n + 1) % 28) AS d1,
       make_date(extract(year FROM current_date)::int - 6 - :grade, 1 + (:n + 2) % 12, 1 + (:n + 2) % 28) AS d2,
       make_date(extract(year FROM current_date)::int - 6 - :grade, 1 + (:n + 3) % 12, 1 + (:n + 3) % 28) AS d3,
       make_date(extract(year FROM current_date)::int - 6 - :grade, 1 + (:n + 4) % 12, 1 + (:n + 4) % 28) AS d4
FROM (SELECT 'Иванов-' || :n AS s1, 'Петрова-' || :n AS s2, 'Сидоров-' || :n AS s3, 'Кузнецова-' || :n AS s4) AS names \gset
SELECT pg_advisory_xact_lock(k) FROM (
    SELECT DISTINCT person_identity_lock_key(s, g, d, :org) AS k
    FROM unnest(ARRAY[:s1::text, :s2::text, :s3::text, :s4::text], ARRAY['Иван', 'Мария', 'Пётр', 'Анна'],
                ARRAY[:d1::date, :d2::date, :d3::date, :d4::date]) AS u(s, g, d)
    ORDER BY k) keys
WHERE k IS NOT NULL;
SELECT m.person_id AS id, has_consent(m.person_id) AS has_consent, g.grade
FROM match_people(:s1, 'Иван', NULL, :d1, :org) m
LEFT JOIN pupil_grade g ON g.person_id = m.person_id AND g.school_year_id = :sy
WHERE m.same_organisation LIMIT 1;
SELECT m.person_id AS id, has_consent(m.person_id) AS has_consent, g.grade
FROM match_people(:s2, 'Мария', NULL, :d2, :org) m
LEFT JOIN pupil_grade g ON g.person_id = m.person_id AND g.school_year_id = :sy
WHERE m.same_organisation LIMIT 1;
SELECT m.person_id AS id, has_consent(m.person_id) AS has_consent, g.grade
FROM match_people(:s3, 'Пётр', NULL, :d3, :org) m
LEFT JOIN pupil_grade g ON g.person_id = m.person_id AND g.school_year_id = :sy
WHERE m.same_organisation LIMIT 1;
SELECT m.person_id AS id, has_consent(m.person_id) AS has_consent, g.grade
FROM match_people(:s4, 'Анна', NULL, :d4, :org) m
LEFT JOIN pupil_grade g ON g.person_id = m.person_id AND g.school_year_id = :sy
WHERE m.same_organisation LIMIT 1;
SELECT count(*) AS event, count(*) FILTER (WHERE organisation_id = :org) AS organisation
FROM application WHERE event_id = :ev AND is_active AND id IS DISTINCT FROM NULL;
SELECT id FROM application
WHERE event_id = :ev AND is_active AND team_name IS NOT NULL
  AND normalize_person_name(team_name) = normalize_person_name(:team) AND id IS DISTINCT FROM NULL
LIMIT 1;
INSERT INTO application (event_id, organisation_id, team_name, nomination_id, submitted_by_token_id,
    submitted_by, responsible_name, contact_email, contact_phone, headcount, idempotency_key, request_hash,
    submitted_at, status_changed_at, updated_at)
VALUES (:ev, :org, :team, NULL, :tok, 'bench school', 'Учитель ' || :n, 't' || :n || '@example.org', NULL, NULL, :key, :req_hash, :ts, :ts, :ts)
RETURNING id \gset app_
INSERT INTO person AS p (kind, last_name, first_name, patronymic, birth_date, organisation_id, created_at, updated_at)
VALUES ('pupil', :s1, 'Иван', NULL, :d1, :org, coalesce(:ts::timestamptz, now()), coalesce(:ts::timestamptz, now()))
RETURNING p.id, p.kind, p.last_name, p.first_name, p.patronymic, p.birth_date, p.organisation_id \gset p1_
INSERT INTO pupil_grade (person_id, school_year_id, organisation_id, grade) VALUES (:p1_id, :sy, :org, :grade)
ON CONFLICT (person_id, school_year_id) DO UPDATE SET grade = excluded.grade
WHERE pupil_grade.organisation_id = excluded.organisation_id AND pupil_grade.grade <> excluded.grade;
INSERT INTO personal_data_consent (person_id, given_by, recorded_by, recorded_by_token_id, recorded_at)
VALUES (:p1_id, 'Заявление организации «Школа»', 'bench school', :tok, :ts)
ON CONFLICT (person_id) WHERE withdrawn_at IS NULL DO NOTHING;
INSERT INTO person AS p (kind, last_name, first_name, patronymic, birth_date, organisation_id, created_at, updated_at)
VALUES ('pupil', :s2, 'Мария', NULL, :d2, :org, coalesce(:ts::timestamptz, now()), coalesce(:ts::timestamptz, now()))
RETURNING p.id, p.kind, p.last_name, p.first_name, p.patronymic, p.birth_date, p.organisation_id \gset p2_
INSERT INTO pupil_grade (person_id, school_year_id, organisation_id, grade) VALUES (:p2_id, :sy, :org, :grade)
ON CONFLICT (person_id, school_year_id) DO UPDATE SET grade = excluded.grade
WHERE pupil_grade.organisation_id = excluded.organisation_id AND pupil_grade.grade <> excluded.grade;
INSERT INTO personal_data_consent (person_id, given_by, recorded_by, recorded_by_token_id, recorded_at)
VALUES (:p2_id, 'Заявление организации «Школа»', 'bench school', :tok, :ts)
ON CONFLICT (person_id) WHERE withdrawn_at IS NULL DO NOTHING;
INSERT INTO person AS p (kind, last_name, first_name, patronymic, birth_date, organisation_id, created_at, updated_at)
VALUES ('pupil', :s3, 'Пётр', NULL, :d3, :org, coalesce(:ts::timestamptz, now()), coalesce(:ts::timestamptz, now()))
RETURNING p.id, p.kind, p.last_name, p.first_name, p.patronymic, p.birth_date, p.organisation_id \gset p3_
INSERT INTO pupil_grade (person_id, school_year_id, organisation_id, grade) VALUES (:p3_id, :sy, :org, :grade)
ON CONFLICT (person_id, school_year_id) DO UPDATE SET grade = excluded.grade
WHERE pupil_grade.organisation_id = excluded.organisation_id AND pupil_grade.grade <> excluded.grade;
INSERT INTO personal_data_consent (person_id, given_by, recorded_by, recorded_by_token_id, recorded_at)
VALUES (:p3_id, 'Заявление организации «Школа»', 'bench school', :tok, :ts)
ON CONFLICT (person_id) WHERE withdrawn_at IS NULL DO NOTHING;
INSERT INTO person AS p (kind, last_name, first_name, patronymic, birth_date, organisation_id, created_at, updated_at)
VALUES ('pupil', :s4, 'Анна', NULL, :d4, :org, coalesce(:ts::timestamptz, now()), coalesce(:ts::timestamptz, now()))
RETURNING p.id, p.kind, p.last_name, p.first_name, p.patronymic, p.birth_date, p.organisation_id \gset p4_
INSERT INTO pupil_grade (person_id, school_year_id, organisation_id, grade) VALUES (:p4_id, :sy, :org, :grade)
ON CONFLICT (person_id, school_year_id) DO UPDATE SET grade = excluded.grade
WHERE pupil_grade.organisation_id = excluded.organisation_id AND pupil_grade.grade <> excluded.grade;
INSERT INTO personal_data_consent (person_id, given_by, recorded_by, recorded_by_token_id, recorded_at)
VALUES (:p4_id, 'Заявление организации «Школа»', 'bench school', :tok, :ts)
ON CONFLICT (person_id) WHERE withdrawn_at IS NULL DO NOTHING;
SELECT person_id, role::text FROM application_member WHERE application_id = :app_id;
INSERT INTO application_member (application_id, person_id, role, created_at) VALUES (:app_id, :p1_id, 'participant'::participant_role, :ts);
INSERT INTO application_member (application_id, person_id, role, created_at) VALUES (:app_id, :p2_id, 'participant'::participant_role, :ts);
INSERT INTO application_member (application_id, person_id, role, created_at) VALUES (:app_id, :p3_id, 'participant'::participant_role, :ts);
INSERT INTO application_member (application_id, person_id, role, created_at) VALUES (:app_id, :p4_id, 'participant'::participant_role, :ts);
DELETE FROM entry WHERE application_id = :app_id;
SELECT a.id, a.event_id, a.organisation_id, a.team_name, a.nomination_id, a.status::text AS status, a.status_reason,
       a.responsible_name, a.contact_email, a.contact_phone, a.headcount, a.submitted_by,
       a.submitted_at, a.status_changed_at, a.updated_at
FROM application a WHERE a.id = :app_id;
SELECT m.application_id, m.person_id, p.last_name, p.first_name, p.patronymic, p.kind::text AS kind,
       m.role::text AS role, g.grade, has_consent(p.id) AS has_consent
FROM application_member m
JOIN person p ON p.id = m.person_id
JOIN event e ON e.id = m.event_id
LEFT JOIN pupil_grade g ON g.person_id = p.id AND g.school_year_id = e.school_year_id
WHERE m.application_id = ANY(ARRAY[:app_id]::bigint[])
ORDER BY m.application_id, m.id;
SELECT n.application_id, n.id, n.kind::text AS kind, n.title, n.nomination_id, n.headcount,
       coalesce(array_agg(a.person_id ORDER BY a.person_id) FILTER (WHERE a.person_id IS NOT NULL), '{}') AS authors
FROM entry n LEFT JOIN entry_author a ON a.entry_id = n.id
WHERE n.application_id = ANY(ARRAY[:app_id]::bigint[])
GROUP BY n.id
ORDER BY n.application_id, n.id;
COMMIT;

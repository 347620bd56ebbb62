-- Tries to break every invariant of the schema with raw SQL and checks that the database says
-- no with the expected SQLSTATE and constraint name; then checks name search and matching.
-- Runs in one transaction that is rolled back: the database is left as it was.
--   psql "$DATABASE_URL" -v ON_ERROR_STOP=1 -f sql/tests/constraints.sql
\set ON_ERROR_STOP 1
\set QUIET 1
\o /dev/null
BEGIN;

-- expect(statement, sqlstate, constraint): the statement must fail exactly so. It runs in a
-- sub-block (a savepoint), so its effects are undone either way.
CREATE FUNCTION pg_temp.expect(stmt text, state text, cons text DEFAULT NULL) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    got_cons text;
BEGIN
    BEGIN
        EXECUTE stmt;
    EXCEPTION WHEN others THEN
        GET STACKED DIAGNOSTICS got_cons = CONSTRAINT_NAME;
        IF SQLSTATE <> state OR (cons IS NOT NULL AND got_cons IS DISTINCT FROM cons) THEN
            RAISE EXCEPTION 'expected % (%), got % (%): % -- %', state, cons, SQLSTATE, got_cons, SQLERRM, stmt;
        END IF;
        RETURN;
    END;
    RAISE EXCEPTION 'expected % (%), but it succeeded: %', state, cons, stmt;
END
$$;

CREATE FUNCTION pg_temp.check(ok boolean, what text) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    IF ok IS NOT TRUE THEN RAISE EXCEPTION 'check failed: %', what; END IF;
END
$$;

-- Fixtures, with fixed ids so the statements below read plainly.
INSERT INTO region (id, country_code, name) OVERRIDING SYSTEM VALUE VALUES
    (901, 'RU', 'Томская область'), (902, 'KZ', 'Северо-Казахстанская область');
INSERT INTO municipality (id, region_id, name, kind) OVERRIDING SYSTEM VALUE VALUES
    (901, 901, 'г. Томск', 'city'), (902, 901, 'Томский район', 'district'), (903, 902, 'Мамлютский район', 'district');
INSERT INTO organisation (id, municipality_id, kind, legal_form, full_name, short_name) OVERRIDING SYSTEM VALUE VALUES
    (913, 901, 'gymnasium', 'МАОУ', 'Муниципальное автономное общеобразовательное учреждение гимназия №13 г. Томска', 'МАОУ гимназия №13 г. Томска'),
    (918, 901, 'gymnasium', 'МАОУ', 'МАОУ гимназия №18 г. Томска', NULL),
    (955, 901, 'gymnasium', 'МАОУ', 'МАОУ гимназия №55 им. Е.Г. Версткиной г. Томска', NULL),
    (950, 901, 'school', 'МАОУ', 'МАОУ СОШ №50 г. Томска', NULL),
    (931, 902, 'school', 'МБОУ', 'МБОУ «Богашевская СОШ им. А.И. Фёдорова» Томского района', 'Богашевская СОШ'),
    (932, 903, 'school', 'КГУ', 'КГУ «Дубровинская средняя школа имени С.Г. Гуденко»', NULL);
INSERT INTO organisation_alias (organisation_id, alias) VALUES (913, 'Ресурсно-внедренческий центр инноваций гимназия 13');
INSERT INTO network_agreement (organisation_id, starts_on, ends_on) VALUES
    (913, '2017-09-01', NULL), (950, '2019-09-01', '2020-08-31'), (931, '2020-11-01', NULL);
INSERT INTO school_year (id, start_year) OVERRIDING SYSTEM VALUE VALUES (901, 2020), (902, 2019);
INSERT INTO programme_module (id, name, audience) OVERRIDING SYSTEM VALUE VALUES (901, 'Истоки', 'pupils');
INSERT INTO event (id, school_year_id, module_id, organiser_id, title, kind, format, starts_on, ends_on,
                   registration_closes_on, capacity, per_organisation_limit, grade_min, grade_max)
    OVERRIDING SYSTEM VALUE VALUES
    (901, 901, 901, 913, 'Дни юности мятежной', 'contest', 'mixed', '2020-10-19', '2020-11-02', '2020-10-16', 3, 2, 8, 11);
INSERT INTO event (id, school_year_id, module_id, organiser_id, title, kind, format, starts_on, ends_on,
                   participation, team_min_size, team_max_size, team_required_roles, members_only)
    OVERRIDING SYSTEM VALUE VALUES
    (902, 901, 901, 913, 'Спортивная мозаика', 'festival', 'distance', '2020-10-02', '2020-10-02', 'team', 2, 3, '{captain}', true);
INSERT INTO event_stage (id, event_id, position, title) OVERRIDING SYSTEM VALUE VALUES
    (901, 901, 1, 'Отборочный'), (902, 901, 2, 'Заключительный'), (903, 902, 1, 'Финал');
INSERT INTO nomination (id, event_id, title) OVERRIDING SYSTEM VALUE VALUES
    (901, 901, 'Поэзия'), (902, 901, 'Проза'), (903, 902, 'Командный зачёт');
INSERT INTO person (id, kind, last_name, first_name, patronymic, birth_date) OVERRIDING SYSTEM VALUE VALUES
    (901, 'pupil', 'Иванова', 'Мария', 'Петровна', '2006-03-01'),
    (902, 'pupil', 'Семёнов', 'Илья', NULL, '2006-05-02'),
    (903, 'pupil', 'Петров', 'Пётр', 'Петрович', '2005-01-10'),
    (904, 'pupil', 'Сидорова', 'Анна', NULL, '2008-07-07'),
    (905, 'teacher', 'Кузнецова', 'Ольга', 'Ивановна', NULL);
INSERT INTO pupil_grade (person_id, school_year_id, organisation_id, grade) VALUES (901, 901, 913, 9), (902, 901, 918, 10);
INSERT INTO api_token (id, token_hash, role, organisation_id) OVERRIDING SYSTEM VALUE VALUES
    (901, sha256('secret-1'), 'school', 913);
INSERT INTO application (id, event_id, organisation_id, submitted_by, responsible_name, contact_email)
    OVERRIDING SYSTEM VALUE VALUES
    (901, 901, 913, 'test', 'Кузнецова О. И.', 'k@example.org'),
    (902, 901, 918, 'test', 'Смирнов', 'k@example.org');
INSERT INTO application_member (application_id, person_id) VALUES (901, 901), (902, 902);

-- Organisations, agreements, membership ----------------------------------------------------
SELECT pg_temp.expect($$INSERT INTO organisation (municipality_id, kind, full_name) VALUES (901, 'gymnasium', 'МАОУ «Гимназия № 13» г.Томска')$$,
    '23505', 'organisation_name_unique');
SELECT pg_temp.expect($$INSERT INTO organisation (municipality_id, kind, full_name) VALUES (901, 'school', 'МАОУ « »')$$,
    '23514', 'organisation_name_norm_not_empty');
SELECT pg_temp.expect($$INSERT INTO organisation (municipality_id, kind, full_name) VALUES (999, 'school', 'X школа')$$,
    '23503', 'organisation_municipality_id_fkey');
SELECT pg_temp.expect($$INSERT INTO network_agreement (organisation_id, starts_on, ends_on) VALUES (913, '2020-01-01', '2021-01-01')$$,
    '23P01', 'network_agreement_no_overlap');
SELECT pg_temp.expect($$INSERT INTO network_agreement (organisation_id, starts_on, ends_on) VALUES (918, '2021-01-01', '2020-01-01')$$,
    '23514', 'network_agreement_dates_in_order');
SELECT pg_temp.check(is_member(913, '2020-10-02'), 'гимназия 13 is a member');
SELECT pg_temp.check(is_member(950, '2020-08-31') AND NOT is_member(950, '2020-09-01'), 'СОШ 50 agreement ended 2020-08-31');
SELECT pg_temp.check(NOT is_member(931, '2020-10-31') AND is_member(931, '2020-11-01'), 'Богашевская joined 2020-11-01');
SELECT pg_temp.check(NOT is_member(918, '2020-10-02'), 'гимназия 18 is not a member');
SELECT pg_temp.expect($$INSERT INTO region (country_code, name) VALUES ('RU', 'ТОМСКАЯ  область')$$, '23505', 'region_name_unique');
SELECT pg_temp.expect($$INSERT INTO region (country_code, name) VALUES ('US', 'Ohio')$$, '23503', 'region_country_code_fkey');

-- School years --------------------------------------------------------------------------------
SELECT pg_temp.check((SELECT label = '2020-2021' AND starts_on = '2020-09-01' AND ends_on = '2021-08-31'
                      FROM school_year WHERE id = 901), 'school year label and bounds');
SELECT pg_temp.check(school_year_start('2021-05-11') = 2020 AND school_year_start('2020-09-01') = 2020
                     AND school_year_start('2020-08-31') = 2019, 'school_year_start');
SELECT pg_temp.expect($$INSERT INTO school_year (start_year) VALUES (2020)$$, '23505', 'school_year_start_year_key');

-- People ------------------------------------------------------------------------------------
SELECT pg_temp.expect($$INSERT INTO pupil_grade VALUES (903, 901, 913, 12)$$, '23514', 'pupil_grade_range');
SELECT pg_temp.expect($$INSERT INTO pupil_grade VALUES (903, 901, 913, -1)$$, '23514', 'pupil_grade_range');
SELECT pg_temp.expect($$INSERT INTO pupil_grade VALUES (901, 901, 918, 9)$$, '23505', 'pupil_grade_pkey');
SELECT pg_temp.expect($$INSERT INTO person (kind, last_name, first_name) VALUES ('pupil', ' ', 'Имя')$$, '23514', 'person_last_name_check');
INSERT INTO personal_data_consent (person_id, given_by, recorded_by, recorded_at) VALUES (901, 'мать', 'Кузнецова', now());
SELECT pg_temp.expect($$INSERT INTO personal_data_consent (person_id, given_by, recorded_by, recorded_at) VALUES (901, 'отец', 'Кузнецова', now())$$,
    '23505', 'personal_data_consent_one_active');
SELECT pg_temp.check(has_consent(901) AND NOT has_consent(902), 'has_consent');

-- Events --------------------------------------------------------------------------------------
SELECT pg_temp.expect($$UPDATE event SET ends_on = '2020-10-18' WHERE id = 901$$, '23514', 'event_dates_in_order');
SELECT pg_temp.expect($$UPDATE event SET time_zone = 'Mars/Olympus' WHERE id = 901$$, '23514', 'event_time_zone_valid');
SELECT pg_temp.expect($$UPDATE event SET starts_on = '2021-09-01', ends_on = '2021-09-02' WHERE id = 901$$, '23514', 'event_in_school_year');
SELECT pg_temp.expect($$UPDATE event SET grade_min = 9, grade_max = 8 WHERE id = 901$$, '23514', 'event_grade_range');
SELECT pg_temp.expect($$UPDATE event SET grade_max = 12 WHERE id = 901$$, '23514', 'event_grade_range');
SELECT pg_temp.expect($$UPDATE event SET age_min = 18, age_max = 7 WHERE id = 901$$, '23514', 'event_age_range');
SELECT pg_temp.expect($$UPDATE event SET team_min_size = 4 WHERE id = 902$$, '23514', 'event_team_rules');
SELECT pg_temp.expect($$UPDATE event SET team_min_size = 2 WHERE id = 901$$, '23514', 'event_team_rules');
SELECT pg_temp.expect($$UPDATE event SET capacity = 0 WHERE id = 901$$, '23514', 'event_capacity_positive');
SELECT pg_temp.expect($$UPDATE event SET edition = 0 WHERE id = 901$$, '23514', 'event_edition_positive');
SELECT pg_temp.expect($$UPDATE event SET allow_pupils = false WHERE id = 901$$, '23514', 'event_someone_may_take_part');
SELECT pg_temp.expect($$UPDATE event SET registration_opens_at = '2020-10-20 00:00+07' WHERE id = 901$$, '23514', 'event_registration_in_order');
SELECT pg_temp.expect($$UPDATE event SET registration_closes_on = '2020-11-03' WHERE id = 901$$, '23514', 'event_closes_before_event_ends');
SELECT pg_temp.expect($$UPDATE event SET parent_event_id = 901 WHERE id = 901$$, '23514', 'event_not_own_parent');
-- "closes 16 October" = the end of that day in Tomsk (UTC+7), in another zone accordingly
SELECT pg_temp.check((SELECT registration_closes_at = '2020-10-16 17:00:00+00' FROM event WHERE id = 901), 'closes_at in Asia/Tomsk');
UPDATE event SET time_zone = 'Asia/Almaty' WHERE id = 901;
SELECT pg_temp.check((SELECT registration_closes_at = '2020-10-16 18:00:00+00' FROM event WHERE id = 901), 'closes_at follows the zone');
UPDATE event SET time_zone = 'Asia/Tomsk' WHERE id = 901;
SELECT pg_temp.expect($$INSERT INTO event_stage (event_id, position, title) VALUES (901, 2, 'Повтор')$$, '23505', 'event_stage_position_unique');
SELECT pg_temp.expect($$INSERT INTO event_stage (event_id, position, title, capacity) VALUES (901, 3, 'Суперфинал', 0)$$, '23514', 'event_stage_capacity_positive');
SELECT pg_temp.expect($$INSERT INTO nomination (event_id, title) VALUES (901, 'ПОЭЗИЯ ')$$, '23505', 'nomination_title_unique');

-- Applications: one person once per event among active applications ---------------------------
INSERT INTO application (id, event_id, organisation_id, submitted_by, responsible_name, contact_email)
    OVERRIDING SYSTEM VALUE VALUES (907, 901, 950, 'test', 'Орлова', 'o@example.org');
SELECT pg_temp.expect($$INSERT INTO application_member (application_id, person_id) VALUES (907, 901)$$,
    '23505', 'application_member_once_per_event');
-- a member row cannot claim another event or activity than its application's
SELECT pg_temp.expect($$INSERT INTO application_member (application_id, event_id, application_active, person_id) VALUES (907, 902, true, 903)$$,
    '23503', 'application_member_application_fkey');
SELECT pg_temp.expect($$INSERT INTO application_member (application_id, event_id, application_active, person_id) VALUES (907, 901, false, 903)$$,
    '23503', 'application_member_application_fkey');
SELECT pg_temp.expect($$UPDATE application_member SET application_active = false WHERE application_id = 901$$,
    '23503', 'application_member_application_fkey');
DELETE FROM application WHERE id = 907;
-- an individual application holds one person
SELECT pg_temp.expect($$INSERT INTO application_member (application_id, person_id) VALUES (901, 903)$$,
    '23514', 'application_member_team_max_size');
-- withdrawing frees the person; re-activating the old application then collides
UPDATE application SET status = 'withdrawn', status_reason = 'болезнь' WHERE id = 901;
SELECT pg_temp.check((SELECT NOT application_active FROM application_member WHERE application_id = 901), 'members follow withdrawal');
INSERT INTO application (id, event_id, organisation_id, submitted_by, responsible_name, contact_phone)
    OVERRIDING SYSTEM VALUE VALUES (903, 901, 913, 'test', 'Кузнецова', '+7 (3822) 55-55-55');
INSERT INTO application_member (application_id, person_id) VALUES (903, 901);
SELECT pg_temp.expect($$UPDATE application SET status = 'submitted' WHERE id = 901$$, '23505', 'application_member_once_per_event');
SELECT pg_temp.expect($$UPDATE application SET status = 'rejected' WHERE id = 903$$, '23514', 'application_rejection_has_reason');
SELECT pg_temp.expect($$UPDATE application SET organisation_id = 918 WHERE id = 903$$, '23514', 'application_identity_fixed');
SELECT pg_temp.expect($$UPDATE application SET event_id = 902 WHERE id = 903$$, '23514', 'application_identity_fixed');

-- Places: capacity 3, at most 2 per organisation, counted over active applications -------------
-- active now: 902 (гимназия 18), 903 (гимназия 13)
INSERT INTO application (id, event_id, organisation_id, submitted_by, responsible_name, contact_email)
    OVERRIDING SYSTEM VALUE VALUES (904, 901, 918, 'test', 'Смирнов', 's@example.org');
SELECT pg_temp.expect($$INSERT INTO application (event_id, organisation_id, submitted_by, responsible_name, contact_email) VALUES (901, 950, 'test', 'Орлова', 'o@example.org')$$,
    '23514', 'application_event_capacity');
UPDATE event SET capacity = 10 WHERE id = 901;
SELECT pg_temp.expect($$INSERT INTO application (event_id, organisation_id, submitted_by, responsible_name, contact_email) VALUES (901, 918, 'test', 'Смирнов', 's@example.org')$$,
    '23514', 'application_per_organisation_limit');
UPDATE event SET capacity = 3 WHERE id = 901;
UPDATE application SET status = 'withdrawn' WHERE id = 902;
INSERT INTO application (id, event_id, organisation_id, submitted_by, responsible_name, contact_email)
    OVERRIDING SYSTEM VALUE VALUES (905, 901, 950, 'test', 'Орлова', 'o@example.org');
SELECT pg_temp.expect($$UPDATE application SET status = 'accepted' WHERE id = 902$$, '23514', 'application_event_capacity');
SELECT pg_temp.check((SELECT active = 3 FROM application_tally WHERE event_id = 901 AND organisation_id IS NULL), 'tally: 3 active');
SELECT pg_temp.check((SELECT active = 1 FROM application_tally WHERE event_id = 901 AND organisation_id = 918), 'tally: 1 for гимназия 18');
DELETE FROM application WHERE id = 905;
SELECT pg_temp.check((SELECT active = 2 FROM application_tally WHERE event_id = 901 AND organisation_id IS NULL), 'tally after delete');

-- members-only event: гимназия 18 has no agreement
SELECT pg_temp.expect($$INSERT INTO application (event_id, organisation_id, submitted_by, responsible_name, contact_email) VALUES (902, 918, 'test', 'Смирнов', 's@example.org')$$,
    '23514', 'application_members_only');

-- Application fields
SELECT pg_temp.expect($$INSERT INTO application (event_id, organisation_id, submitted_by, responsible_name) VALUES (901, 950, 'test', 'Орлова')$$,
    '23514', 'application_contact_given');
SELECT pg_temp.expect($$INSERT INTO application (event_id, organisation_id, submitted_by, responsible_name, contact_email) VALUES (901, 950, 'test', 'Орлова', 'not-an-email')$$,
    '23514', 'application_contact_email_format');
SELECT pg_temp.expect($$INSERT INTO application (event_id, organisation_id, submitted_by, contact_email) VALUES (901, 950, 'test', 'o@example.org')$$,
    '23514', 'application_responsible_given');
SELECT pg_temp.expect($$INSERT INTO application (event_id, organisation_id, submitted_by, responsible_name, contact_email, headcount) VALUES (901, 950, 'test', 'Орлова', 'o@example.org', 0)$$,
    '23514', 'application_headcount_positive');
SELECT pg_temp.expect($$INSERT INTO application (event_id, organisation_id, submitted_by, responsible_name, contact_email, nomination_id) VALUES (901, 950, 'test', 'Орлова', 'o@example.org', 903)$$,
    '23503', 'application_nomination_fkey');
SELECT pg_temp.expect($$INSERT INTO application (event_id, organisation_id, submitted_by, responsible_name, contact_email, idempotency_key) VALUES (901, 950, 'test', 'Орлова', 'o@example.org', 'k1')$$,
    '23514', 'application_idempotency_pair');
UPDATE application SET idempotency_key = 'k-1', request_hash = sha256('body') WHERE id = 903;
SELECT pg_temp.expect($$INSERT INTO application (event_id, organisation_id, submitted_by, responsible_name, contact_email, idempotency_key, request_hash) VALUES (901, 913, 'test', 'Кузнецова', 'k@example.org', 'k-1', sha256('body'))$$,
    '23505', 'application_idempotency_unique');

-- Teams: size and names
INSERT INTO application (id, event_id, organisation_id, team_name, submitted_by, responsible_name, contact_email)
    OVERRIDING SYSTEM VALUE VALUES (906, 902, 913, 'Олимпийцы', 'test', 'Кузнецова', 'k@example.org');
INSERT INTO application_member (application_id, person_id, role) VALUES (906, 902, 'captain'), (906, 903, 'participant'), (906, 904, 'participant');
SELECT pg_temp.expect($$INSERT INTO application_member (application_id, person_id) VALUES (906, 905)$$,
    '23514', 'application_member_team_max_size');
SELECT pg_temp.check((SELECT member_count = 3 FROM application WHERE id = 906), 'member_count kept');
DELETE FROM application_member WHERE application_id = 906 AND person_id = 904;
SELECT pg_temp.check((SELECT member_count = 2 FROM application WHERE id = 906), 'member_count after delete');
SELECT pg_temp.expect($$INSERT INTO application_member (application_id, person_id) VALUES (906, 902)$$,
    '23505', 'application_member_once_per_application');
SELECT pg_temp.expect($$INSERT INTO application (event_id, organisation_id, team_name, submitted_by, responsible_name, contact_email) VALUES (902, 913, ' олимпийцы', 'test', 'Кузнецова', 'k@example.org')$$,
    '23505', 'application_team_name_unique');

-- Entries
INSERT INTO entry (id, application_id, event_id, kind, title, nomination_id) OVERRIDING SYSTEM VALUE
    VALUES (901, 903, 901, 'performance', 'Бородино', 901);
INSERT INTO entry_author (entry_id, person_id) VALUES (901, 901);
SELECT pg_temp.expect($$INSERT INTO entry (application_id, event_id, kind, title, headcount) VALUES (903, 901, 'performance', 'Хор', 0)$$,
    '23514', 'entry_headcount_positive');
SELECT pg_temp.expect($$INSERT INTO entry (application_id, event_id, kind, title) VALUES (903, 902, 'work', 'Рисунок')$$,
    '23503', 'entry_application_fkey');
SELECT pg_temp.expect($$INSERT INTO entry (application_id, event_id, kind, title, nomination_id) VALUES (903, 901, 'work', 'Рисунок', 903)$$,
    '23503', 'entry_nomination_fkey');
SELECT pg_temp.expect($$INSERT INTO entry_author VALUES (901, 901)$$, '23505', 'entry_author_pkey');

-- Advancement
INSERT INTO stage_advancement (event_id, application_id, stage_id) VALUES (901, 903, 902);
SELECT pg_temp.expect($$INSERT INTO stage_advancement (event_id, application_id, stage_id) VALUES (901, 903, 902)$$, '23505', 'stage_advancement_once');
SELECT pg_temp.expect($$INSERT INTO stage_advancement (event_id, application_id, stage_id) VALUES (901, 903, 903)$$, '23503', 'stage_advancement_stage_fkey');

-- Results
INSERT INTO result (event_id, application_id, nomination_id, award) VALUES (901, 903, 901, 'absolute_winner');
SELECT pg_temp.expect($$INSERT INTO result (event_id, application_id, nomination_id, award) VALUES (901, 903, 901, 'winner')$$,
    '23505', 'result_once_per_application_nomination');
INSERT INTO result (event_id, application_id, nomination_id, award) VALUES (901, 904, 901, 'diploma_1');
SELECT pg_temp.expect($$INSERT INTO result (event_id, application_id, nomination_id, award) VALUES (901, 904, 902, 'absolute_winner')$$,
    '23505', 'result_one_absolute_winner');
SELECT pg_temp.expect($$INSERT INTO result (event_id, application_id, nomination_id, award) VALUES (901, 904, 902, 'special')$$,
    '23514', 'result_special_has_title');
INSERT INTO result (event_id, application_id, nomination_id, award, special_title) VALUES (901, 904, 902, 'special', 'За артистизм');
SELECT pg_temp.expect($$INSERT INTO result (event_id, application_id, nomination_id, award) VALUES (901, 904, 903, 'winner')$$,
    '23503', 'result_nomination_fkey');
SELECT pg_temp.expect($$INSERT INTO result (event_id, application_id, award) VALUES (902, 904, 'winner')$$,
    '23503', 'result_application_fkey');
-- an event without nominations: one result per application (NULLS NOT DISTINCT)
INSERT INTO result (event_id, application_id, award) VALUES (902, 906, 'winner');
SELECT pg_temp.expect($$INSERT INTO result (event_id, application_id, award) VALUES (902, 906, 'certificate')$$,
    '23505', 'result_once_per_application_nomination');
-- entries are judged one by one; an entry belongs to its application
INSERT INTO result (event_id, application_id, entry_id, nomination_id, award) VALUES (901, 903, 901, 901, 'diploma_2');
SELECT pg_temp.expect($$INSERT INTO result (event_id, application_id, entry_id, nomination_id, award) VALUES (901, 903, 901, 901, 'diploma_3')$$,
    '23505', 'result_once_per_entry_nomination');
SELECT pg_temp.expect($$INSERT INTO result (event_id, application_id, entry_id, award) VALUES (901, 904, 901, 'diploma_3')$$,
    '23503', 'result_entry_fkey');

-- Jury
INSERT INTO jury_assignment (event_id, person_id) VALUES (901, 905);
SELECT pg_temp.expect($$INSERT INTO jury_assignment (event_id, person_id) VALUES (901, 905)$$, '23505', 'jury_assignment_once');
SELECT pg_temp.expect($$INSERT INTO jury_assignment (event_id, person_id, nomination_id) VALUES (901, 905, 903)$$, '23503', 'jury_assignment_nomination_fkey');

-- Tokens
SELECT pg_temp.expect($$INSERT INTO api_token (token_hash, role) VALUES (sha256('x'), 'school')$$, '23514', 'api_token_scope');
SELECT pg_temp.expect($$INSERT INTO api_token (token_hash, role) VALUES ('\x00'::bytea, 'admin')$$, '23514', 'api_token_hash_is_sha256');
SELECT pg_temp.expect($$INSERT INTO api_token (token_hash, role, organisation_id) VALUES (sha256('secret-1'), 'school', 913)$$, '23505', 'api_token_hash_unique');

-- Audit: changes to applications and results are logged with the actor the store set
SELECT set_config('schoolnet.actor', 'test-user', true), set_config('schoolnet.token_id', '901', true);
UPDATE application SET status = 'accepted' WHERE id = 903;
SELECT pg_temp.check((SELECT count(*) = 1 FROM audit_log WHERE entity = 'application' AND entity_id = 903 AND action = 'update'
                        AND actor = 'test-user' AND token_id = 901
                        AND before ->> 'status' = 'submitted' AND after ->> 'status' = 'accepted'), 'audit of a status change');
SELECT pg_temp.check((SELECT count(*) >= 1 FROM audit_log WHERE entity = 'result' AND action = 'insert'), 'audit of results');
SELECT pg_temp.check(NOT EXISTS (SELECT 1 FROM audit_log WHERE entity = 'api_token' AND (after ? 'token_hash' OR before ? 'token_hash')),
    'token hashes stay out of the audit log');

-- Every foreign key has an index whose leading column is one of its columns.
SELECT pg_temp.check(NOT EXISTS (
    SELECT 1 FROM pg_constraint c
    WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace
      AND NOT EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.conrelid AND i.indkey[0] = ANY (c.conkey))
      AND NOT EXISTS (SELECT 1 FROM pg_constraint x WHERE x.conrelid = c.conrelid AND x.contype = 'x' AND x.conkey[1] = ANY (c.conkey))
), 'a foreign key without an index');

-- Name normalisation and search ----------------------------------------------------------------
SELECT pg_temp.check(normalize_name('МАОУ гимназия №13 г. Томска') = 'гимназия 13 томска', 'normalize 1');
SELECT pg_temp.check(normalize_name('МАОУ «Гимназия № 13»  г.Томска') = 'гимназия 13 томска', 'normalize quotes, spaces');
SELECT pg_temp.check(normalize_name('MAOУ "Гимназия N13" г. Томска') = 'гимназия 13 томска', 'normalize N, Latin look-alikes');
SELECT pg_temp.check(normalize_name('МАОУ-СОШ №1 г. Асино') = normalize_name('МБОУ-СОШ №1г. Асино'), 'normalize legal forms');
SELECT pg_temp.check(normalize_name('Дубровинская средняя общеобразовательная школа') = 'дубровинская сош', 'normalize СОШ long form');
SELECT pg_temp.check(normalize_name('Богашевская СОШ им. А.И. Фёдорова') = normalize_name('богашевская сош имени А. И. Федорова'), 'normalize ё, им.');

CREATE FUNCTION pg_temp.first_match(q text) RETURNS bigint LANGUAGE sql AS $$
    SELECT organisation_id FROM search_organisations(q, 5) LIMIT 1
$$;
SELECT pg_temp.check(pg_temp.first_match('гимназия 13 томск') = 913, 'search: гимназия 13 томск');
SELECT pg_temp.check(pg_temp.first_match('ГИМНАЗИЯ №13 г.ТОМСКА') = 913, 'search: upper case, №');
SELECT pg_temp.check(pg_temp.first_match('«Гимназия 13»') = 913, 'search: quotes');
SELECT pg_temp.check(pg_temp.first_match('гимназия N 18') = 918, 'search: гимназия 18');
SELECT pg_temp.check(NOT EXISTS (SELECT 1 FROM search_organisations('гимназия 13 томск', 10) WHERE organisation_id IN (918, 955)),
    'search: a number never matches another number');
SELECT pg_temp.check(pg_temp.first_match('гимназия 55 Версткиной') = 955, 'search: имени');
SELECT pg_temp.check(pg_temp.first_match('богашевская сош') = 931, 'search: short name');
SELECT pg_temp.check(pg_temp.first_match('Богашевская СОШ им. А.И. Федорова') = 931, 'search: ё/е');
SELECT pg_temp.check(pg_temp.first_match('Дубровинская средняя школа') = 932, 'search: средняя школа = СОШ');
SELECT pg_temp.check(pg_temp.first_match('СОШ 50') = 950, 'search: СОШ 50');
SELECT pg_temp.check(pg_temp.first_match('ресурсно-внедренческий центр') = 913, 'search: alias');
SELECT pg_temp.check(NOT EXISTS (SELECT 1 FROM search_organisations('', 10)), 'search: empty query');
SELECT pg_temp.check(NOT EXISTS (SELECT 1 FROM search_organisations('лицей 7', 10)), 'search: no match');

-- Person matching: normalised surname + first name + birth date, patronymic optional
SELECT pg_temp.check((SELECT array_agg(person_id) = '{901}' FROM match_people('ИВАНОВА', 'мария', NULL, '2006-03-01')), 'match without patronymic');
SELECT pg_temp.check((SELECT array_agg(person_id) = '{901}' FROM match_people('Иванова', 'Мария', 'Петровна', '2006-03-01', 913)), 'match with patronymic');
SELECT pg_temp.check(NOT EXISTS (SELECT 1 FROM match_people('Иванова', 'Мария', 'Ивановна', '2006-03-01')), 'different patronymic');
SELECT pg_temp.check(NOT EXISTS (SELECT 1 FROM match_people('Иванова', 'Мария', NULL, '2006-03-02')), 'different birth date');
SELECT pg_temp.check((SELECT bool_and(same_organisation) FROM match_people('Семенов', 'Илья', 'Ильич', '2006-05-02', 918)), 'match ё/е, school from pupil_grade');
SELECT pg_temp.check((SELECT person_id = 902 FROM search_people('семенов илья', 1)), 'search_people');

ROLLBACK;
\echo constraints.sql: all checks passed

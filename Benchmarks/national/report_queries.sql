-- The annual report's queries for 2020-2021, exactly as AnalyticsRepository sends them (parameters
-- inlined), in ReportService's one read-only repeatable-read transaction. Keep in step with
-- Sources/SchoolNetStore/AnalyticsRepository.swift.
BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY;
SELECT school_year, members, joined, agreements_signed FROM analytics.network_growth WHERE school_year = '2020-2021';
SELECT school_year, members, joined, agreements_signed FROM analytics.network_growth WHERE school_year = '2019-2020';
SELECT event_id, school_year, module_id, module, audience, title, edition, kind, format, audience_note,
       starts_on, ends_on, organiser_id, organiser_short_name, participants, other_participants, jurors
FROM analytics.event_participation
WHERE school_year = ANY(ARRAY['2020-2021', '2019-2020'])
ORDER BY school_year, audience, module_id NULLS LAST, starts_on, event_id;
SELECT short_name FROM analytics.network_joined WHERE school_year = '2020-2021' ORDER BY joined_on, short_name;
SELECT school_year, audiences FROM analytics.year_audiences WHERE school_year = ANY(ARRAY['2020-2021', '2019-2020']);
COMMIT;

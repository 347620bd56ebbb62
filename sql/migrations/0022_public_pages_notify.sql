-- The public pages (catalogue, event pages, results, calendar) are served to visitors from a cache of rendered
-- pages in each server (issue 13, docs/DESIGN.md item 32). Every statement that changes what those pages show
-- tells every server at once: NOTIFY public_pages, one per transaction (PostgreSQL folds identical notifications
-- of a transaction into one), delivered at commit, so no server keeps a page that shows a place already taken.
-- The tables: the events and what hangs on them, the organisers' and modules' names, the places taken
-- (application_tally), and what the published results show (applications, their members, the people and their
-- consent to publication, results, stage advancement).

CREATE FUNCTION notify_public_pages() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
    PERFORM pg_notify('public_pages', '');
    RETURN NULL;
END
$$;

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY[
        'event', 'event_stage', 'nomination', 'school_year', 'organisation', 'programme_module', 'application_tally',
        'application', 'application_member', 'person', 'personal_data_consent', 'result', 'stage_advancement'
    ] LOOP
        EXECUTE format(
            'CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION notify_public_pages()',
            t || '_public_pages', t);
    END LOOP;
END
$$;

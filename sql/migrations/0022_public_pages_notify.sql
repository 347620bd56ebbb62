-- The public pages (catalogue, event pages, results, calendar) are served to visitors from a cache of rendered
-- pages in each server (issue 13, docs/DESIGN.md item 32). A change to what those pages show tells every server:
-- NOTIFY public_pages, delivered at commit (PostgreSQL folds a transaction's identical notifications into one).
--
-- Not from the registrations' hot path: a transaction that notifies takes a cluster-wide lock from its commit's
-- start until its WAL is flushed, so notifying commits never share a flush (pgbench, 16 clients, fsync on: 5,600
-- inserts/s plain, 540-700/s with a NOTIFY in each). So the triggers watch what changes rarely (events and what
-- hangs on them, organisers' and modules' names, school years, results, stage advancement), and for applications
-- and people only updates and deletions (a withdrawal, a rejection, an edit, a corrected name, a consent taken
-- back); a new application or person is announced by the server that wrote it, after its commit, in a
-- transaction of its own that does not wait for its flush (PublicPageChanges.announce). A writer outside the
-- servers that only inserts applications shows within the cache's maximum age.

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
        'event', 'event_stage', 'nomination', 'school_year', 'organisation', 'programme_module', 'result', 'stage_advancement'
    ] LOOP
        EXECUTE format(
            'CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION notify_public_pages()',
            t || '_public_pages', t);
    END LOOP;
    FOREACH t IN ARRAY ARRAY['application', 'application_member', 'person', 'personal_data_consent'] LOOP
        EXECUTE format(
            'CREATE TRIGGER %I AFTER UPDATE OR DELETE OR TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION notify_public_pages()',
            t || '_public_pages', t);
    END LOOP;
END
$$;

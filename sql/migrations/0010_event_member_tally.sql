-- Per-event member counters for the annual report, and the person's kind copied into
-- application_member so the counters can be exact.
--
-- The report counts, per event, the members of active applications split into teachers and
-- the others (docs/ANALYTICS.md). Counting them from application_member at national volume
-- (20 million rows) costs a scan plus a join to person for every row; event_member_tally keeps
-- the count per event and person kind instead, so the report reads a few rows per event.
--
-- Why the counters stay exact: they are a function of application_member's OWN columns only
-- (event_id, application_active, person_kind), and one row trigger turns every committed change
-- of a member row (insert, delete, activation through the application's status, a change of
-- person kind) into -1 for the old version and +1 for the new one. Deltas commute, and the
-- counter row's lock orders concurrent ones (READ COMMITTED: each applies to the latest value;
-- REPEATABLE READ / SERIALIZABLE: 40001, retry — as application_tally). No trigger has to read
-- another table under a snapshot that a concurrent writer could make stale:
--   - person_kind is kept equal to person.kind by a foreign key (person_id, person_kind) ->
--     person (id, kind) ON UPDATE CASCADE, like event_id and application_active are kept equal
--     to the application's by application_member_application_fkey. Changing a person's kind
--     updates their member rows, and so the counters, in the same transaction; the foreign key
--     machinery (not a trigger of ours) handles a concurrent insert of that person as a member.
--   - application_active follows the application's status by the existing cascade (0007).

-- The person's kind, copied -------------------------------------------------------------------

ALTER TABLE person ADD CONSTRAINT person_id_kind UNIQUE (id, kind);

ALTER TABLE application_member ADD COLUMN person_kind person_kind;
-- A backfill of a derived copy, not a change anyone made: not audited.
ALTER TABLE application_member DISABLE TRIGGER application_member_audit;
UPDATE application_member m SET person_kind = p.kind FROM person p WHERE p.id = m.person_id;
ALTER TABLE application_member ENABLE TRIGGER application_member_audit;
ALTER TABLE application_member ALTER COLUMN person_kind SET NOT NULL;
-- application_member_person (person_id) serves this foreign key's cascade.
ALTER TABLE application_member ADD CONSTRAINT application_member_person_kind_fkey
    FOREIGN KEY (person_id, person_kind) REFERENCES person (id, kind) ON UPDATE CASCADE;
COMMENT ON COLUMN application_member.person_kind IS
    'person.kind, copied (filled when omitted; kept equal by application_member_person_kind_fkey ON UPDATE CASCADE)';

-- Fills person_kind when omitted (the application code never writes it) and when the member
-- row is moved to another person. FOR KEY SHARE waits for a concurrent change of that person's
-- kind and reads its outcome, which the foreign key check would otherwise reject.
CREATE FUNCTION application_member_person_kind() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
    IF (TG_OP = 'INSERT' AND NEW.person_kind IS NULL)
       OR (TG_OP = 'UPDATE' AND NEW.person_id <> OLD.person_id AND NEW.person_kind IS NOT DISTINCT FROM OLD.person_kind) THEN
        SELECT p.kind INTO NEW.person_kind FROM person p WHERE p.id = NEW.person_id FOR KEY SHARE;
        IF NOT FOUND THEN
            -- the error the person_id foreign key gives, rather than a not-null violation
            RAISE EXCEPTION 'person % does not exist', NEW.person_id
                USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'application_member_person_id_fkey',
                      TABLE = 'application_member';
        END IF;
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER application_member_person_kind BEFORE INSERT OR UPDATE OF person_id
    ON application_member FOR EACH ROW EXECUTE FUNCTION application_member_person_kind();

-- The counters ----------------------------------------------------------------------------------

-- Members of active applications per event and person kind. Rows are never deleted when they
-- reach 0 (a later registration reuses them); an event's rows go with the event.
CREATE TABLE event_member_tally (
    event_id    bigint NOT NULL REFERENCES event (id) ON DELETE CASCADE,
    person_kind person_kind NOT NULL,
    members     integer NOT NULL CONSTRAINT event_member_tally_not_negative CHECK (members >= 0),
    CONSTRAINT event_member_tally_pkey PRIMARY KEY (event_id, person_kind)
);
COMMENT ON TABLE event_member_tally IS
    'members of active applications per event and person kind; kept by trigger event_member_tally_sync on application_member';

CREATE FUNCTION event_member_tally_add(ev bigint, kind person_kind, delta integer) RETURNS void
LANGUAGE plpgsql
AS $$
BEGIN
    -- A member being uncounted was counted, so its row exists; if not, the counters were never
    -- filled (a load with triggers off and no backfill): fail loudly rather than drift. (Not an
    -- upsert: the CHECK would reject the proposed -1 row before the conflict is seen.)
    IF delta < 0 THEN
        UPDATE event_member_tally t SET members = t.members + delta
        WHERE t.event_id = ev AND t.person_kind = kind;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'event_member_tally has no row for event % and %: fill it from application_member', ev, kind
                USING ERRCODE = 'check_violation', CONSTRAINT = 'event_member_tally_not_negative', TABLE = 'event_member_tally';
        END IF;
    ELSE
        INSERT INTO event_member_tally AS t (event_id, person_kind, members) VALUES (ev, kind, delta)
        ON CONFLICT (event_id, person_kind) DO UPDATE SET members = t.members + excluded.members;
    END IF;
END
$$;

CREATE FUNCTION event_member_tally_sync() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.application_active THEN
        IF TG_OP = 'UPDATE' AND NEW.application_active
           AND NEW.event_id = OLD.event_id AND NEW.person_kind = OLD.person_kind THEN
            RETURN NULL;   -- counted in the same place
        END IF;
        PERFORM event_member_tally_add(OLD.event_id, OLD.person_kind, -1);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.application_active THEN
        PERFORM event_member_tally_add(NEW.event_id, NEW.person_kind, 1);
    END IF;
    RETURN NULL;
END
$$;

-- Backfill set-based, then keep up row by row (the migration holds ACCESS EXCLUSIVE on
-- application_member since the ALTER above: no member changes in between).
INSERT INTO event_member_tally (event_id, person_kind, members)
SELECT m.event_id, m.person_kind, count(*)
FROM application_member m
WHERE m.application_active
GROUP BY m.event_id, m.person_kind;

-- Cascaded updates (application status -> application_active, person kind -> person_kind) fire
-- it too: they are UPDATEs of those columns. person_id is listed because a new person's kind is
-- set by the BEFORE trigger above, and UPDATE OF fires only for columns the statement names.
CREATE TRIGGER event_member_tally_sync AFTER INSERT OR DELETE OR UPDATE OF application_active, event_id, person_id, person_kind
    ON application_member FOR EACH ROW EXECUTE FUNCTION event_member_tally_sync();

-- Indexes the analytics use (moved from sql/analytics/010_indexes.sql; IF NOT EXISTS: databases
-- migrated before this one already have them) ---------------------------------------------------

-- Teachers among the people (a small share): lookups of teachers without a scan of every person.
CREATE INDEX IF NOT EXISTS person_teacher ON person (id) WHERE kind = 'teacher';

-- Active group applications (headcounts): event_participation reads a few rows instead of
-- scanning every application.
CREATE INDEX IF NOT EXISTS application_headcount ON application (event_id, id, headcount)
    WHERE headcount IS NOT NULL AND is_active;

-- Indexes the analytics rely on at volume, on the base tables. Created once (IF NOT EXISTS; the
-- other analytics files are re-created on every migrate, these are not dropped): a candidate for
-- a numbered migration when the schema next changes.

-- Teachers among the people (a small share): event_participation tells pupils from teachers by
-- probing this index instead of scanning every person.
CREATE INDEX IF NOT EXISTS person_teacher ON person (id) WHERE kind = 'teacher';

-- Active group applications (headcounts): a few rows instead of a scan of every application.
CREATE INDEX IF NOT EXISTS application_headcount ON application (event_id, id, headcount)
    WHERE headcount IS NOT NULL AND is_active;

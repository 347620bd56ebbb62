-- Advancement between stages, results, jury.

-- An application moved into a stage (the qualifying stage's finalists into the final).
CREATE TABLE stage_advancement (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id            bigint NOT NULL,
    application_id      bigint NOT NULL,
    stage_id            bigint NOT NULL,
    decided_at          timestamptz NOT NULL DEFAULT now(),
    decided_by_token_id bigint REFERENCES api_token (id),
    CONSTRAINT stage_advancement_application_fkey FOREIGN KEY (application_id, event_id)
        REFERENCES application (id, event_id) ON DELETE CASCADE,
    CONSTRAINT stage_advancement_stage_fkey FOREIGN KEY (stage_id, event_id)
        REFERENCES event_stage (id, event_id) ON DELETE CASCADE,
    CONSTRAINT stage_advancement_once UNIQUE (application_id, stage_id)
);
CREATE INDEX stage_advancement_stage ON stage_advancement (stage_id, event_id);
CREATE INDEX stage_advancement_event ON stage_advancement (event_id);
CREATE INDEX stage_advancement_token ON stage_advancement (decided_by_token_id) WHERE decided_by_token_id IS NOT NULL;

CREATE TRIGGER stage_advancement_audit AFTER INSERT OR UPDATE OR DELETE ON stage_advancement
    FOR EACH ROW EXECUTE FUNCTION audit_row();

CREATE TYPE award AS ENUM (
    'absolute_winner', 'winner', 'diploma_1', 'diploma_2', 'diploma_3', 'prizewinner', 'special', 'certificate');

-- One award of an application (or of one of its entries) in one nomination (or in the event
-- when it has no nominations).
CREATE TABLE result (
    id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id             bigint NOT NULL,
    application_id       bigint NOT NULL,
    entry_id             bigint,
    nomination_id        bigint,
    award                award NOT NULL,
    special_title        text CHECK (btrim(special_title) <> ''),   -- «За артистизм»
    recorded_at          timestamptz NOT NULL DEFAULT now(),
    recorded_by_token_id bigint REFERENCES api_token (id),
    CONSTRAINT result_application_fkey FOREIGN KEY (application_id, event_id)
        REFERENCES application (id, event_id) ON DELETE CASCADE,
    CONSTRAINT result_entry_fkey FOREIGN KEY (entry_id, application_id)
        REFERENCES entry (id, application_id) ON DELETE CASCADE,
    CONSTRAINT result_nomination_fkey FOREIGN KEY (nomination_id, event_id) REFERENCES nomination (id, event_id),
    CONSTRAINT result_special_has_title CHECK (award <> 'special' OR special_title IS NOT NULL)
);
-- at most one result per application per nomination (per entry when entries are judged)
CREATE UNIQUE INDEX result_once_per_application_nomination ON result (application_id, nomination_id)
    NULLS NOT DISTINCT WHERE entry_id IS NULL;
CREATE UNIQUE INDEX result_once_per_entry_nomination ON result (entry_id, nomination_id)
    NULLS NOT DISTINCT WHERE entry_id IS NOT NULL;
-- at most one absolute winner per event
CREATE UNIQUE INDEX result_one_absolute_winner ON result (event_id) WHERE award = 'absolute_winner';
CREATE INDEX result_event ON result (event_id, award);
CREATE INDEX result_application ON result (application_id, event_id);
CREATE INDEX result_entry ON result (entry_id, application_id) WHERE entry_id IS NOT NULL;
CREATE INDEX result_nomination ON result (nomination_id, event_id) WHERE nomination_id IS NOT NULL;
CREATE INDEX result_token ON result (recorded_by_token_id) WHERE recorded_by_token_id IS NOT NULL;

CREATE TRIGGER result_audit AFTER INSERT OR UPDATE OR DELETE ON result
    FOR EACH ROW EXECUTE FUNCTION audit_row();

CREATE TYPE jury_role AS ENUM ('chair', 'member');

-- An expert juror (a teacher of a network school, a university lecturer) judging an event,
-- optionally one nomination or one stage of it.
CREATE TABLE jury_assignment (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id      bigint NOT NULL REFERENCES event (id) ON DELETE CASCADE,
    person_id     bigint NOT NULL REFERENCES person (id),
    nomination_id bigint,
    stage_id      bigint,
    role          jury_role NOT NULL DEFAULT 'member',
    assigned_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT jury_assignment_nomination_fkey FOREIGN KEY (nomination_id, event_id)
        REFERENCES nomination (id, event_id) ON DELETE CASCADE,
    CONSTRAINT jury_assignment_stage_fkey FOREIGN KEY (stage_id, event_id)
        REFERENCES event_stage (id, event_id) ON DELETE CASCADE,
    CONSTRAINT jury_assignment_once UNIQUE NULLS NOT DISTINCT (event_id, person_id, nomination_id, stage_id)
);
CREATE INDEX jury_assignment_person ON jury_assignment (person_id);
CREATE INDEX jury_assignment_nomination ON jury_assignment (nomination_id, event_id) WHERE nomination_id IS NOT NULL;
CREATE INDEX jury_assignment_stage ON jury_assignment (stage_id, event_id) WHERE stage_id IS NOT NULL;

CREATE TRIGGER jury_assignment_audit AFTER INSERT OR UPDATE OR DELETE ON jury_assignment
    FOR EACH ROW EXECUTE FUNCTION audit_row();

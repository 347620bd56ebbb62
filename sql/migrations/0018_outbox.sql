-- Notifications (issue 15): a transactional outbox. A row that says "send this to that person" is written in
-- the same transaction as the change it reports, so a rolled-back change sends nothing and a committed one is
-- never lost. The delivery worker claims due rows with FOR UPDATE SKIP LOCKED, one short transaction per row,
-- so several servers send side by side and none sends a row another holds.

CREATE TYPE outbox_kind AS ENUM (
    'application_submitted', 'application_edited', 'application_withdrawn', 'application_accepted',
    'application_rejected', 'stage_advanced', 'stage_removed', 'results_published', 'result_corrected'
);

CREATE TABLE outbox (
    id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind                 outbox_kind NOT NULL,
    -- where it goes (PERSONAL DATA): the address is copied at the change, so a later edit of the
    -- application does not redirect a message about the earlier state
    recipient_email      text NOT NULL CONSTRAINT outbox_recipient_email_shape
                         CHECK (recipient_email ~ '^[^@[:space:]]+@[^@[:space:]]+$' AND length(recipient_email) <= 254),
    recipient_person_id  bigint REFERENCES person (id) ON DELETE SET NULL,
    recipient_account_id bigint REFERENCES account (id) ON DELETE SET NULL,
    language             text NOT NULL DEFAULT 'ru' CHECK (language IN ('ru', 'en')),
    -- what the message says, as it was at the change (event title, team, reason, stage, awards)
    payload              jsonb NOT NULL CHECK (jsonb_typeof(payload) = 'object'),
    -- "<what>:<subject>:<transaction>": one change makes one row, however often a transaction asks
    dedupe_key           text NOT NULL CONSTRAINT outbox_dedupe_key_unique UNIQUE,
    application_id       bigint REFERENCES application (id) ON DELETE SET NULL,
    created_at           timestamptz NOT NULL,
    -- the next attempt is due then; pushed back by the worker after a failure (exponential backoff)
    available_at         timestamptz NOT NULL,
    attempts             integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    last_error           text,
    sent_at              timestamptz,
    -- given up after too many failures; shown to the regional admin, sent again only by hand
    parked_at            timestamptz,
    CONSTRAINT outbox_sent_or_parked CHECK (sent_at IS NULL OR parked_at IS NULL)
);
-- What the worker looks for: due rows, oldest first. Sent and parked rows leave the index.
CREATE INDEX outbox_due ON outbox (available_at, id) WHERE sent_at IS NULL AND parked_at IS NULL;
CREATE INDEX outbox_application ON outbox (application_id) WHERE application_id IS NOT NULL;
CREATE INDEX outbox_parked ON outbox (parked_at) WHERE parked_at IS NOT NULL;
-- For the foreign keys' ON DELETE SET NULL (erasing a person or an account must not scan the outbox).
CREATE INDEX outbox_recipient_person ON outbox (recipient_person_id) WHERE recipient_person_id IS NOT NULL;
CREATE INDEX outbox_recipient_account ON outbox (recipient_account_id) WHERE recipient_account_id IS NOT NULL;

-- The runtime role writes and works off the outbox (0014's default privileges grant this already; named here so
-- the migration says it and a database whose tables were created by another owner still gets it).
GRANT SELECT, INSERT, UPDATE, DELETE ON outbox TO schoolnet_runtime;

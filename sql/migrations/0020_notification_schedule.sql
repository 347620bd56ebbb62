-- Notifications that nobody's change writes (issue 15, docs/DESIGN.md item 31): reminders at instants in the event's
-- own time zone, the organiser's hourly digest and "registration closed", people's choices about them, and signed
-- webhooks for the regional centre's other systems.

-- New kinds of outbox rows. ADD VALUE may run in the migration's transaction as long as nothing here uses the labels.
ALTER TYPE outbox_kind ADD VALUE 'registration_closes_in_3_days';
ALTER TYPE outbox_kind ADD VALUE 'registration_closes_tomorrow';
ALTER TYPE outbox_kind ADD VALUE 'event_tomorrow';
ALTER TYPE outbox_kind ADD VALUE 'organiser_digest';
ALTER TYPE outbox_kind ADD VALUE 'registration_closed';

-- An event called off: no reminder is written for it, and one already written is dropped when its turn comes.
ALTER TABLE event ADD COLUMN cancelled_at timestamptz;

-- A scheduled row knows its event (a reminder to a following school has no application), and a row that is no
-- longer wanted when its turn comes (the event was cancelled, the application withdrawn, the person opted out)
-- is voided: kept for the record, never sent.
ALTER TABLE outbox
    ADD COLUMN event_id bigint REFERENCES event (id) ON DELETE SET NULL,
    ADD COLUMN voided_at timestamptz,
    ADD COLUMN void_reason text,
    ADD CONSTRAINT outbox_one_end CHECK (num_nonnulls(sent_at, parked_at, voided_at) <= 1);
CREATE INDEX outbox_event ON outbox (event_id) WHERE event_id IS NOT NULL;
DROP INDEX outbox_due;
CREATE INDEX outbox_due ON outbox (available_at, id) WHERE sent_at IS NULL AND parked_at IS NULL AND voided_at IS NULL;

-- A school that wants the reminders of an event it has not registered for (yet).
CREATE TABLE event_follow (
    event_id        bigint NOT NULL REFERENCES event (id) ON DELETE CASCADE,
    organisation_id bigint NOT NULL REFERENCES organisation (id) ON DELETE CASCADE,
    followed_at     timestamptz NOT NULL,
    followed_by     text NOT NULL CHECK (btrim(followed_by) <> ''),
    PRIMARY KEY (event_id, organisation_id)
);
CREATE INDEX event_follow_organisation ON event_follow (organisation_id);

-- What a person chose to receive; no row means everything. Status changes of their own applications are not
-- a choice and have no column here.
CREATE TABLE notification_preference (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id bigint CONSTRAINT notification_preference_account_unique UNIQUE REFERENCES account (id) ON DELETE CASCADE,
    person_id  bigint CONSTRAINT notification_preference_person_unique UNIQUE REFERENCES person (id) ON DELETE CASCADE,
    reminders  boolean NOT NULL DEFAULT true,
    digests    boolean NOT NULL DEFAULT true,
    updated_at timestamptz NOT NULL,
    CONSTRAINT notification_preference_one_owner CHECK (num_nonnulls(account_id, person_id) = 1)
);

-- Up to when each organiser account's digest has told of new applications: the next digest starts there, and
-- not before an hour has passed.
CREATE TABLE organiser_digest (
    account_id    bigint PRIMARY KEY REFERENCES account (id) ON DELETE CASCADE,
    covered_until timestamptz NOT NULL
);

-- Webhooks (Standard Webhooks): the secret is symmetric (HMAC-SHA256), so it is stored as the receiver holds it.
CREATE TABLE webhook_subscription (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    url         text NOT NULL CONSTRAINT webhook_subscription_url_shape CHECK (url ~ '^https?://[^[:space:]]+$' AND length(url) <= 2000),
    -- dotted names of outbox kinds: 'application.accepted', 'stage.advanced', 'registration.closed'
    event_types text[] NOT NULL CONSTRAINT webhook_subscription_types_given CHECK (cardinality(event_types) > 0),
    secret      text NOT NULL CONSTRAINT webhook_subscription_secret_shape CHECK (secret ~ '^whsec_[A-Za-z0-9+/]+=*$'),
    created_at  timestamptz NOT NULL,
    created_by  text NOT NULL CHECK (btrim(created_by) <> ''),
    disabled_at timestamptz
);

CREATE TABLE webhook_delivery (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    subscription_id bigint NOT NULL REFERENCES webhook_subscription (id) ON DELETE CASCADE,
    event_type      text NOT NULL,
    -- one change makes one delivery per subscription, however many people its outbox rows address
    change_key      text NOT NULL,
    application_id  bigint REFERENCES application (id) ON DELETE SET NULL,
    -- the body as sent, byte for byte on every attempt (the signature covers it)
    body            text NOT NULL,
    created_at      timestamptz NOT NULL,
    available_at    timestamptz NOT NULL,
    attempts        integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    last_error      text,
    delivered_at    timestamptz,
    parked_at       timestamptz,
    CONSTRAINT webhook_delivery_once UNIQUE (subscription_id, change_key),
    CONSTRAINT webhook_delivery_one_end CHECK (delivered_at IS NULL OR parked_at IS NULL)
);
CREATE INDEX webhook_delivery_due ON webhook_delivery (available_at, id) WHERE delivered_at IS NULL AND parked_at IS NULL;
-- In order per application: a delivery waits while an earlier one of the same application and subscription is pending.
CREATE INDEX webhook_delivery_pending ON webhook_delivery (subscription_id, application_id, id)
    WHERE delivered_at IS NULL AND parked_at IS NULL;
CREATE INDEX webhook_delivery_application ON webhook_delivery (application_id) WHERE application_id IS NOT NULL;

-- Every outbox row of a change a subscription asked for makes its delivery in the same transaction, so a webhook,
-- like a mail, is sent for a committed change only and never lost. Reminders and digests address people and are
-- not offered. The body leaves out the snapshot's names of people (members, the responsible teacher).
CREATE FUNCTION outbox_to_webhooks() RETURNS trigger
LANGUAGE plpgsql
AS $$
DECLARE
    event_type text := replace(NEW.kind::text, '_', '.');
BEGIN
    IF NEW.kind::text IN ('registration_closes_in_3_days', 'registration_closes_tomorrow', 'event_tomorrow', 'organiser_digest') THEN
        RETURN NULL;
    END IF;
    INSERT INTO webhook_delivery (subscription_id, event_type, change_key, application_id, body, created_at, available_at)
    SELECT s.id, event_type,
           event_type || ':' || coalesce('application:' || NEW.application_id, 'event:' || NEW.event_id, 'outbox:' || NEW.id)
               || coalesce(':' || (NEW.payload ->> 'stageId'), ':' || (NEW.payload ->> 'stage'), '') || ':' || pg_current_xact_id(),
           NEW.application_id,
           jsonb_build_object(
               'type', event_type,
               'timestamp', to_char(NEW.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
               'data', NEW.payload - 'members' - 'responsibleName')::text,
           NEW.created_at, NEW.created_at
    FROM webhook_subscription s
    WHERE s.disabled_at IS NULL AND event_type = ANY (s.event_types)
    ORDER BY s.id
    ON CONFLICT ON CONSTRAINT webhook_delivery_once DO NOTHING;
    RETURN NULL;
END
$$;
CREATE TRIGGER outbox_webhooks AFTER INSERT ON outbox FOR EACH ROW EXECUTE FUNCTION outbox_to_webhooks();

GRANT SELECT, INSERT, UPDATE, DELETE ON event_follow, notification_preference, organiser_digest, webhook_subscription,
    webhook_delivery TO schoolnet_runtime;

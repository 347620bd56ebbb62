-- Delivery of the outbox (issue 15): the worker is woken by a NOTIFY when rows are written, and a send whose outcome
-- a worker did not live to record is never repeated by a machine.

-- The attempt in flight: stamped (and committed) just before a row is handed to SMTP, cleared with the outcome
-- (sent, or failed and due again). A row found still stamped once its lease ran out belongs to a worker that died
-- between sending and recording: it may have reached the person, so it is parked for a person to decide, never sent
-- again automatically (DESIGN item 30).
ALTER TABLE outbox ADD COLUMN sending_at timestamptz;

-- Wakes the delivery workers (LISTEN schoolnet_outbox). NOTIFY is delivered at commit, once per transaction and
-- channel however many rows or statements, and never for a rolled-back change.
CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('schoolnet_outbox', '');
    RETURN NULL;
END
$$;
CREATE TRIGGER outbox_notify AFTER INSERT ON outbox FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify();

-- Who else hears of a school's applications, and in which language (issue 15). Russian unless the person chose English;
-- a coordinator receives the school's application mail only when they asked for it (the responsible teacher always
-- does). The language of a teacher without an account is Russian.
ALTER TABLE account ADD COLUMN language text NOT NULL DEFAULT 'ru' CONSTRAINT account_language_known CHECK (language IN ('ru', 'en'));
ALTER TABLE account ADD COLUMN mail_school_applications boolean NOT NULL DEFAULT false;

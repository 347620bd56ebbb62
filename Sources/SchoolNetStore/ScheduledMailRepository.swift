import Foundation
import PQ
import SchoolNetDomain

/// Outbox rows that no change writes (issue 15, DESIGN item 31): reminders due at instants in each event's own zone,
/// the organiser's hourly digest and "registration closed". Each is one set-based `INSERT ... SELECT` whose
/// `dedupe_key` names the thing reminded of and its date, never the transaction, so running it again (or two
/// schedulers at once) adds nothing: a reminder is written once per recipient, ever. `voidIfUnwanted` is the second
/// look the delivery worker takes just before sending.
public struct ScheduledMailRepository: Sendable {
    public init() {}

    /// The day registration closes on and the instant it closes (the end of that day in the event's zone): the
    /// announced day, else the event's last day, as `EventRepository` reads a window no one set.
    static let deadlineColumns = """
        (SELECT coalesce(e.registration_closes_on, e.ends_on) AS closes_on,
                (coalesce(e.registration_closes_on, e.ends_on) + 1)::timestamp AT TIME ZONE e.time_zone AS closes_at) w
        """
    static let deadline = "CROSS JOIN LATERAL \(deadlineColumns)"

    /// Who may be asked: an account not disabled that did not turn `topic` off, for itself or for its person.
    static func accountWants(_ topic: String, _ account: String) -> String {
        """
        NOT EXISTS (SELECT 1 FROM notification_preference np
                    WHERE (np.account_id = \(account).id OR np.person_id = \(account).person_id) AND NOT np.\(topic))
        """
    }

    /// "Registration closes in 3 days" and "closes tomorrow" to the coordinators of every school following an event
    /// whose reminder is due at `now` (from 09:00 local time 3 days, then 1 day, before the day registration
    /// closes on, until the next reminder or the close). Not for a cancelled event, one closed early, or one whose
    /// registration has not opened. Returns the rows written.
    @discardableResult
    public func enqueueClosingReminders(at now: Date, on conn: PQConnection) throws -> Int {
        try conn.execute(
            """
            WITH due AS (
                SELECT e.id, e.title, e.starts_on, e.time_zone, w.closes_on, r.kind
                FROM event e
                \(Self.deadline)
                CROSS JOIN (VALUES ('registration_closes_in_3_days', 3, 1), ('registration_closes_tomorrow', 1, 0))
                           AS r (kind, days_before, until_days_before)
                WHERE e.cancelled_at IS NULL AND e.closed_early_at IS NULL
                  AND coalesce(e.registration_opens_at, e.created_at) <= $1
                  AND $1 >= ((w.closes_on - r.days_before)::timestamp + make_interval(hours => $2)) AT TIME ZONE e.time_zone
                  AND $1 < CASE WHEN r.until_days_before = 0 THEN w.closes_at
                                ELSE ((w.closes_on - r.until_days_before)::timestamp
                                      + make_interval(hours => $2)) AT TIME ZONE e.time_zone END
            )
            INSERT INTO outbox (kind, recipient_email, recipient_account_id, recipient_person_id, payload, dedupe_key,
                                event_id, created_at, available_at)
            SELECT due.kind::outbox_kind, a.email, a.id, a.person_id,
                   jsonb_build_object('eventId', due.id, 'eventTitle', due.title, 'eventStartsOn', due.starts_on,
                                      'eventTimeZone', due.time_zone, 'closesOn', due.closes_on,
                                      'organisation', coalesce(o.short_name, o.full_name)),
                   due.kind || ':' || due.id || ':' || due.closes_on || ':account:' || a.id,
                   due.id, $1, $1
            FROM due
            JOIN event_follow f ON f.event_id = due.id
            JOIN organisation o ON o.id = f.organisation_id
            JOIN account_membership m ON m.organisation_id = f.organisation_id AND m.role = 'coordinator'
            JOIN account a ON a.id = m.account_id AND a.disabled_at IS NULL
            WHERE \(Self.accountWants("reminders", "a"))
            ORDER BY due.id, a.id
            ON CONFLICT (dedupe_key) DO NOTHING
            """, [now, Int32(ReminderSchedule.hour)])
    }

    /// "The event is tomorrow" to the contact of every active application of an event due at `now` (from 09:00 local
    /// time the day before it starts until it starts), unless its responsible teacher (as a person or through an
    /// account with that person or that address) turned reminders off. Returns the rows written.
    @discardableResult
    public func enqueueEventReminders(at now: Date, on conn: PQConnection) throws -> Int {
        try conn.execute(
            """
            INSERT INTO outbox (kind, recipient_email, recipient_person_id, payload, dedupe_key, application_id, event_id,
                                created_at, available_at)
            SELECT 'event_tomorrow', ap.contact_email, ap.responsible_teacher_id,
                   jsonb_strip_nulls(jsonb_build_object(
                       'applicationId', ap.id, 'eventId', e.id, 'eventTitle', e.title, 'eventStartsOn', e.starts_on,
                       'eventTimeZone', e.time_zone, 'teamName', ap.team_name,
                       'organisation', coalesce(o.short_name, o.full_name))),
                   'event_tomorrow:' || e.id || ':' || e.starts_on || ':application:' || ap.id,
                   ap.id, e.id, $1, $1
            FROM event e
            JOIN application ap ON ap.event_id = e.id AND ap.is_active AND ap.contact_email IS NOT NULL
            JOIN organisation o ON o.id = ap.organisation_id
            WHERE e.cancelled_at IS NULL
              AND $1 >= ((e.starts_on - 1)::timestamp + make_interval(hours => $2)) AT TIME ZONE e.time_zone
              AND $1 < (e.starts_on::timestamp) AT TIME ZONE e.time_zone
              AND NOT EXISTS (SELECT 1 FROM notification_preference np
                              LEFT JOIN account a ON a.id = np.account_id
                              WHERE NOT np.reminders
                                AND (np.person_id = ap.responsible_teacher_id OR a.person_id = ap.responsible_teacher_id
                                     OR a.email = lower(ap.contact_email)))
            ORDER BY e.id, ap.id
            ON CONFLICT (dedupe_key) DO NOTHING
            """, [now, Int32(ReminderSchedule.hour)])
    }

    /// "Registration closed" with the count of active applications to the organiser's accounts, for events whose
    /// deadline passed within the last two days without an early close (an early close writes its own rows, in its
    /// transaction: `enqueueRegistrationClosed(event:at:on:)`). Returns the rows written.
    @discardableResult
    public func enqueueDeadlinesPassed(at now: Date, on conn: PQConnection) throws -> Int {
        try conn.execute(
            """
            INSERT INTO outbox (kind, recipient_email, recipient_account_id, recipient_person_id, payload, dedupe_key,
                                event_id, created_at, available_at)
            SELECT 'registration_closed', a.email, a.id, a.person_id,
                   jsonb_build_object('eventId', e.id, 'eventTitle', e.title, 'eventStartsOn', e.starts_on,
                                      'eventTimeZone', e.time_zone, 'closesOn', w.closes_on,
                                      'count', (SELECT count(*) FROM application ap WHERE ap.event_id = e.id AND ap.is_active)),
                   'registration_closed:' || e.id || ':' || w.closes_on || ':account:' || a.id,
                   e.id, $1, $1
            FROM event e
            \(Self.deadline)
            JOIN account_membership m ON m.organisation_id = e.organiser_id AND m.role = 'organiser'
            JOIN account a ON a.id = m.account_id AND a.disabled_at IS NULL
            WHERE e.cancelled_at IS NULL AND e.closed_early_at IS NULL
              AND $1 >= w.closes_at AND $1 < w.closes_at + interval '2 days'
            ORDER BY e.id, a.id
            ON CONFLICT (dedupe_key) DO NOTHING
            """, [now])
    }

    /// "Registration closed" to the organiser's accounts, inside the transaction that closed it by hand (so a
    /// rolled-back close tells nobody); one row per account per transaction. Returns the rows written.
    @discardableResult
    public func enqueueRegistrationClosed(event: EventID, at now: Date, on conn: PQConnection) throws -> Int {
        try conn.execute(
            """
            INSERT INTO outbox (kind, recipient_email, recipient_account_id, recipient_person_id, payload, dedupe_key,
                                event_id, created_at, available_at)
            SELECT 'registration_closed', a.email, a.id, a.person_id,
                   jsonb_build_object('eventId', e.id, 'eventTitle', e.title, 'eventStartsOn', e.starts_on,
                                      'eventTimeZone', e.time_zone, 'closedAt', $2::timestamptz,
                                      'count', (SELECT count(*) FROM application ap WHERE ap.event_id = e.id AND ap.is_active)),
                   'registration_closed:' || e.id || ':' || pg_current_xact_id()::text || ':account:' || a.id,
                   e.id, $2, $2
            FROM event e
            JOIN account_membership m ON m.organisation_id = e.organiser_id AND m.role = 'organiser'
            JOIN account a ON a.id = m.account_id AND a.disabled_at IS NULL
            WHERE e.id = $1
            ORDER BY a.id
            ON CONFLICT (dedupe_key) DO NOTHING
            """, [event.rawValue, now])
    }

    /// The organiser's digest: to every organiser account that wants digests, whose last digest covered up to an hour
    /// ago or more, one row listing the applications submitted to its organisations' events since then. The
    /// watermark moves in the same statement, under the row's lock, so two schedulers at once write one digest.
    /// Returns the rows written.
    @discardableResult
    public func enqueueDigests(at now: Date, on conn: PQConnection) throws -> Int {
        try conn.execute(
            """
            WITH candidate AS (
                SELECT a.id AS account_id, a.email, a.person_id, m.organisation_id,
                       coalesce(d.covered_until, $1 - interval '1 hour') AS since
                FROM account a
                JOIN account_membership m ON m.account_id = a.id AND m.role = 'organiser'
                LEFT JOIN organiser_digest d ON d.account_id = a.id
                WHERE a.disabled_at IS NULL AND (d.covered_until IS NULL OR d.covered_until <= $1 - interval '1 hour')
                  AND \(Self.accountWants("digests", "a"))
            ), news AS (
                SELECT c.account_id, min(c.email) AS email, min(c.person_id) AS person_id, min(c.since) AS since,
                       count(*) AS n,
                       jsonb_agg(jsonb_strip_nulls(jsonb_build_object(
                           'applicationId', ap.id, 'eventId', e.id, 'eventTitle', e.title, 'teamName', ap.team_name,
                           'organisation', coalesce(o.short_name, o.full_name), 'status', ap.status))
                           ORDER BY ap.id) AS items
                FROM candidate c
                JOIN event e ON e.organiser_id = c.organisation_id
                JOIN application ap ON ap.event_id = e.id AND ap.submitted_at > c.since AND ap.submitted_at <= $1
                JOIN organisation o ON o.id = ap.organisation_id
                GROUP BY c.account_id
            ), moved AS (
                INSERT INTO organiser_digest (account_id, covered_until)
                SELECT account_id, $1 FROM news
                ON CONFLICT (account_id) DO UPDATE SET covered_until = excluded.covered_until
                    WHERE organiser_digest.covered_until <= $1 - interval '1 hour'
                RETURNING account_id
            )
            INSERT INTO outbox (kind, recipient_email, recipient_account_id, recipient_person_id, payload, dedupe_key,
                                created_at, available_at)
            SELECT 'organiser_digest', news.email, news.account_id, news.person_id,
                   jsonb_build_object('count', news.n, 'since', news.since, 'until', $1::timestamptz, 'items', news.items),
                   'organiser_digest:' || news.account_id || ':' || extract(epoch FROM $1::timestamptz)::bigint,
                   $1, $1
            FROM news JOIN moved USING (account_id)
            ORDER BY news.account_id
            ON CONFLICT (dedupe_key) DO NOTHING
            """, [now])
    }

    /// The second look, just before sending: voids row `id` (and returns why) when it is a reminder whose event was
    /// cancelled, closed early, moved or already past its moment, whose application is no longer active, or whose
    /// recipient has since turned reminders (digests) off; nil when it is still wanted (every other kind always is).
    public func voidIfUnwanted(_ id: Int64, at now: Date, on conn: PQConnection) throws -> String? {
        try conn.query(
            """
            WITH verdict AS (
                SELECT o.id, CASE
                    WHEN e.cancelled_at IS NOT NULL THEN 'event cancelled'
                    WHEN ap.id IS NOT NULL AND NOT ap.is_active THEN 'application no longer active'
                    WHEN o.kind IN ('registration_closes_in_3_days', 'registration_closes_tomorrow')
                         AND (e.closed_early_at IS NOT NULL OR $2 >= w.closes_at
                              OR w.closes_on::text IS DISTINCT FROM o.payload ->> 'closesOn')
                        THEN 'registration closed or moved'
                    WHEN o.kind = 'event_tomorrow'
                         AND (e.starts_on::text IS DISTINCT FROM o.payload ->> 'eventStartsOn'
                              OR $2 >= (e.starts_on::timestamp) AT TIME ZONE e.time_zone)
                        THEN 'event moved or begun'
                    WHEN EXISTS (SELECT 1 FROM notification_preference np LEFT JOIN account a ON a.id = np.account_id
                                 WHERE (np.account_id = o.recipient_account_id OR np.person_id = o.recipient_person_id
                                        OR a.person_id = o.recipient_person_id
                                        OR (o.recipient_account_id IS NULL AND a.email = lower(o.recipient_email)))
                                   AND CASE WHEN o.kind = 'organiser_digest' THEN NOT np.digests ELSE NOT np.reminders END)
                        THEN 'turned off by the recipient'
                END AS reason
                FROM outbox o
                LEFT JOIN event e ON e.id = o.event_id
                LEFT JOIN LATERAL \(Self.deadlineColumns) ON true
                LEFT JOIN application ap ON ap.id = o.application_id
                WHERE o.id = $1 AND o.sent_at IS NULL AND o.voided_at IS NULL
                  AND o.kind IN ('registration_closes_in_3_days', 'registration_closes_tomorrow', 'event_tomorrow', 'organiser_digest')
            )
            UPDATE outbox o SET voided_at = $2, void_reason = verdict.reason
            FROM verdict WHERE o.id = verdict.id AND verdict.reason IS NOT NULL
            RETURNING verdict.reason
            """, [id, now]
        ).first.map { try $0.decode(0) }
    }
}

import Foundation
import PQ
import SchoolNetDomain

/// The transactional outbox (issue 15): `enqueue` writes "tell the responsible teacher" rows inside the caller's
/// transaction (so they commit or vanish with the change); the delivery worker `claim`s due rows with
/// FOR UPDATE SKIP LOCKED in a short transaction of its own, sends them, and marks each sent, retried or parked.
public struct OutboxRepository: Sendable {
    public init() {}

    /// The channel a NOTIFY reaches when outbox rows are committed (migration 0021's trigger): the workers LISTEN on it.
    public static let channel = "schoolnet_outbox"

    /// For each application among `applications` (and, with `acceptedIn`, every accepted application of that event): one
    /// row to its contact e-mail (the responsible teacher's, in the language of the teacher's account if any, else
    /// Russian) and one to each active coordinator of its school who asked for the school's application mail (in their
    /// language; not twice to the teacher's address), each with a snapshot of the application (event, team, members,
    /// status and reason; awards for result kinds) merged with `extra`. `subject` narrows the dedupe key (a stage id):
    /// within one transaction a second call for the same thing adds nothing. Returns the rows written. Two statements,
    /// by applications or with an event's accepted ones, each planned at every call: one OR of both, planned once
    /// (generic), read every application of the database for each registration.
    @discardableResult
    public func enqueue(
        _ kind: NotificationKind, applications: [ApplicationID] = [], acceptedIn event: EventID? = nil, subject: String? = nil, extra: [String: String] = [:],
        at now: Date, on conn: PQConnection
    ) throws -> Int {
        guard !applications.isEmpty || event != nil else { return 0 }
        return try conn.execute(
            """
            WITH changed AS (
                SELECT a.id, a.organisation_id, a.contact_email, a.responsible_teacher_id,
                       jsonb_strip_nulls(jsonb_build_object(
                           'applicationId', a.id, 'eventId', e.id, 'eventTitle', e.title, 'eventStartsOn', e.starts_on,
                           'eventTimeZone', e.time_zone, 'teamName', a.team_name,
                           'organisation', coalesce(o.short_name, o.full_name), 'status', a.status, 'reason', a.status_reason,
                           'responsibleName', a.responsible_name, 'headcount', a.headcount,
                           'members', ARRAY(SELECT p.last_name || ' ' || p.first_name FROM application_member m
                                            JOIN person p ON p.id = m.person_id
                                            WHERE m.application_id = a.id ORDER BY m.id),
                           'awards', CASE WHEN $1::text IN ('results_published', 'result_corrected') THEN
                               (SELECT coalesce(jsonb_agg(jsonb_build_object('award', r.award, 'title', r.special_title,
                                                                             'nomination', n.title) ORDER BY r.id), '[]')
                                FROM result r LEFT JOIN nomination n ON n.id = r.nomination_id
                                WHERE r.application_id = a.id) END
                       )) || $3::jsonb AS payload,
                       $1::text || ':' || a.id || coalesce(':' || $4::text, '') || ':' || pg_current_xact_id()::text AS key
                FROM application a JOIN event e ON e.id = a.event_id JOIN organisation o ON o.id = a.organisation_id
                WHERE \(event == nil ? "a.id = ANY($2) AND $6::bigint IS NULL" : "a.id = ANY($2) OR (a.event_id = $6 AND a.status = 'accepted')")
            ), recipients AS (
                SELECT c.id, c.contact_email AS email, c.responsible_teacher_id AS person_id, NULL::bigint AS account_id,
                       coalesce((SELECT t.language FROM account t
                                 WHERE t.disabled_at IS NULL AND (t.person_id = c.responsible_teacher_id OR t.email = lower(c.contact_email))
                                 ORDER BY (t.person_id = c.responsible_teacher_id) DESC, t.id LIMIT 1), 'ru') AS language,
                       c.key
                FROM changed c WHERE c.contact_email IS NOT NULL
                UNION ALL
                SELECT c.id, acc.email, acc.person_id, acc.id, acc.language, c.key || ':account:' || acc.id
                FROM changed c
                JOIN account_membership m ON m.organisation_id = c.organisation_id AND m.role = 'coordinator'
                JOIN account acc ON acc.id = m.account_id
                WHERE acc.mail_school_applications AND acc.disabled_at IS NULL
                  AND acc.email IS DISTINCT FROM lower(c.contact_email) AND acc.email ~ '^[^@[:space:]]+@[^@[:space:]]+$'
            )
            INSERT INTO outbox (kind, recipient_email, recipient_person_id, recipient_account_id, language, payload, dedupe_key,
                                application_id, created_at, available_at)
            SELECT $1::text::outbox_kind, r.email, r.person_id, r.account_id, r.language, c.payload, r.key, c.id, $5, $5
            FROM recipients r JOIN changed c ON c.id = r.id
            ORDER BY c.id, r.account_id NULLS FIRST
            ON CONFLICT (dedupe_key) DO NOTHING
            """,
            [kind.rawValue, applications.map(\.rawValue), PQJSON(extra), subject, now, event?.rawValue], planning: .perCall)
    }

    /// One row that mails an account's single-use link (an invitation or a password reset) to the account's address,
    /// in the account's language, inside the caller's transaction (so a refused or rolled-back change sends nothing).
    /// The payload keeps `linkPath` (the path with the link's secret) only until the row is sent: `markSent` removes
    /// it. Returns the rows written (0 for an account without a usable address).
    @discardableResult
    public func enqueueAccountLink(
        _ kind: NotificationKind, account: Int64, link: Int64, linkPath: String, expiresAt: Date, at now: Date, on conn: PQConnection
    ) throws -> Int {
        try conn.execute(
            """
            INSERT INTO outbox (kind, recipient_email, recipient_person_id, recipient_account_id, language, payload, dedupe_key,
                                created_at, available_at)
            SELECT $1::text::outbox_kind, a.email, a.person_id, a.id, a.language,
                   jsonb_build_object('linkPath', $3::text, 'displayName', a.display_name,
                                      'expires', to_char($4::timestamptz AT TIME ZONE 'UTC', 'DD.MM.YYYY HH24:MI') || ' UTC'),
                   $1::text || ':link:' || $5::bigint, $6, $6
            FROM account a
            WHERE a.id = $2 AND a.email ~ '^[^@[:space:]]+@[^@[:space:]]+$'
            ON CONFLICT (dedupe_key) DO NOTHING
            """, [kind.rawValue, account, linkPath, expiresAt, link, now])
    }

    /// Sets what an account's person receives by mail: the language (`ru` or `en`) and, for a coordinator, whether
    /// the school's application mail comes to them too. Returns false for an unknown account.
    public func setMailPreferences(account: Int64, language: String?, schoolApplications: Bool?, on conn: PQConnection) throws -> Bool {
        try conn.execute(
            """
            UPDATE account SET language = coalesce($2, language), mail_school_applications = coalesce($3, mail_school_applications)
            WHERE id = $1
            """, [account, language, schoolApplications]) > 0
    }

    /// Takes up to `limit` rows due at `now` that no other worker holds, and hides them from every worker until
    /// `leaseUntil` (counting the attempt); one short transaction, so no lock is held while sending.
    public func claim(limit: Int, now: Date, leaseUntil: Date, on conn: PQConnection) throws -> [OutboxMessage] {
        try conn.query(
            """
            WITH due AS (
                SELECT id FROM outbox
                WHERE sent_at IS NULL AND parked_at IS NULL AND voided_at IS NULL AND sending_at IS NULL AND available_at <= $1
                ORDER BY available_at, id
                LIMIT $3
                FOR UPDATE SKIP LOCKED
            )
            UPDATE outbox o SET available_at = $2, attempts = o.attempts + 1
            FROM due WHERE o.id = due.id
            RETURNING o.id, o.kind::text AS kind, o.recipient_email, o.language, o.payload::text AS payload, o.attempts
            """, [now, leaseUntil, Int64(limit)]
        ).map { row in
            OutboxMessage(
                id: try row.decode("id"),
                kind: try row.decode("kind", as: String.self),
                recipient: try row.decode("recipient_email"),
                language: try row.decode("language"),
                payloadJSON: try row.decode("payload"),
                attempts: Int(try row.decode("attempts", as: Int32.self)))
        }.sorted { $0.id < $1.id }
    }

    /// Parks the claimable rows still stamped `sending_at` (their worker died between handing them to SMTP and
    /// recording the outcome: they may have arrived), so no machine sends them twice. Returns their ids.
    public func parkAbandoned(now: Date, on conn: PQConnection) throws -> [Int64] {
        try conn.query(
            """
            UPDATE outbox SET parked_at = $1, sending_at = NULL,
                              last_error = 'outcome unknown: the worker stopped after handing the message to SMTP at '
                                           || to_char(sending_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS')
                                           || ' UTC and before recording it; it may have arrived'
            WHERE sent_at IS NULL AND parked_at IS NULL AND sending_at IS NOT NULL AND available_at <= $1
            RETURNING id
            """, [now]
        ).map { try $0.decode(0) }.sorted()
    }

    /// Stamps the attempt in flight (see `parkAbandoned`); false when the row is no longer this worker's to send: its
    /// lease (`available_at`, set by this worker's claim to `lease`) ran out and another worker claimed it since.
    @discardableResult
    public func markSending(_ id: Int64, lease: Date, at now: Date, on conn: PQConnection) throws -> Bool {
        try conn.execute(
            """
            UPDATE outbox SET sending_at = $2
            WHERE id = $1 AND sent_at IS NULL AND parked_at IS NULL AND sending_at IS NULL AND available_at = $3
            """, [id, now, lease]) > 0
    }

    /// Marks a row sent; false when it was already sent (by a worker whose lease ran out, or by hand). An account
    /// link's secret (`linkPath`) leaves the payload with it: once the mail is out, the database no longer reads it.
    @discardableResult
    public func markSent(_ id: Int64, at now: Date, on conn: PQConnection) throws -> Bool {
        try conn.execute(
            """
            UPDATE outbox SET sent_at = $2, last_error = NULL, sending_at = NULL, parked_at = NULL, payload = payload - 'linkPath'
            WHERE id = $1 AND sent_at IS NULL
            """,
            [id, now]) > 0
    }

    /// Records a failed attempt: due again at `retryAt`, or parked (given up) when `retryAt` is nil. A row parked
    /// meanwhile (a worker whose lease ran out reports late) stays parked.
    public func markFailed(_ id: Int64, error: String, retryAt: Date?, at now: Date, on conn: PQConnection) throws {
        try conn.execute(
            """
            UPDATE outbox SET last_error = left($2, 2000), available_at = coalesce($3, available_at), sending_at = NULL,
                              parked_at = CASE WHEN $3::timestamptz IS NULL THEN $4 END
            WHERE id = $1 AND sent_at IS NULL AND parked_at IS NULL
            """, [id, error, retryAt, now])
    }

    /// Gives back claimed rows a stopping worker did not try: due at `now` again, the claim's attempt uncounted.
    public func release(_ ids: [Int64], now: Date, on conn: PQConnection) throws {
        guard !ids.isEmpty else { return }
        try conn.execute(
            """
            UPDATE outbox SET available_at = $2, attempts = greatest(attempts - 1, 0)
            WHERE id = ANY($1) AND sent_at IS NULL AND parked_at IS NULL AND sending_at IS NULL
            """, [ids, now])
    }

    /// Parked rows, oldest first: what the regional admin looks at (no payload: it holds pupils' names).
    public func parked(on conn: PQConnection) throws -> [OutboxRow] {
        try conn.query(
            """
            SELECT id, kind::text AS kind, recipient_email, language, '{}' AS payload, attempts, last_error, sent_at, parked_at
            FROM outbox WHERE parked_at IS NOT NULL ORDER BY parked_at, id
            """
        ).map(Self.row)
    }

    /// Puts a parked row back in the queue, due at `now` with a fresh count of attempts; false when `id` is not
    /// parked. The message keeps its Message-ID, so a receiver that got an earlier attempt can drop the copy.
    public func retry(_ id: Int64, now: Date, on conn: PQConnection) throws -> Bool {
        try conn.execute(
            "UPDATE outbox SET parked_at = NULL, attempts = 0, available_at = $2, sending_at = NULL WHERE id = $1 AND parked_at IS NOT NULL",
            [id, now]) > 0
    }

    /// Rows of an application (or all, oldest first): what the tests and the regional admin look at.
    public func rows(application: ApplicationID? = nil, on conn: PQConnection) throws -> [OutboxRow] {
        try conn.query(
            """
            SELECT id, kind::text AS kind, recipient_email, language, payload::text AS payload, attempts, last_error,
                   sent_at, parked_at
            FROM outbox WHERE $1::bigint IS NULL OR application_id = $1 ORDER BY id
            """, [application?.rawValue]
        ).map(Self.row)
    }

    private static func row(_ row: PQRow) throws -> OutboxRow {
        OutboxRow(
            id: try row.decode("id"), kind: try row.decode("kind", as: String.self), recipient: try row.decode("recipient_email"),
            language: try row.decode("language"), payloadJSON: try row.decode("payload"), attempts: Int(try row.decode("attempts", as: Int32.self)),
            lastError: try row.decode("last_error"), sentAt: try row.decode("sent_at"), parkedAt: try row.decode("parked_at"))
    }
}

/// A claimed outbox row, ready to render and send.
public struct OutboxMessage: Sendable, Equatable {
    public var id: Int64
    /// `NotificationKind`'s raw value (kept as text so a row of a kind this build does not know is parked, not lost).
    public var kind: String
    public var recipient: String
    public var language: String
    public var payloadJSON: String
    /// Attempts including this one.
    public var attempts: Int
}

/// An outbox row as stored.
public struct OutboxRow: Sendable, Equatable {
    public var id: Int64
    public var kind: String
    public var recipient: String
    public var language: String
    public var payloadJSON: String
    public var attempts: Int
    public var lastError: String?
    public var sentAt: Date?
    public var parkedAt: Date?
}

import Foundation
import PQ
import SchoolNetDomain

/// Applications, their members and entries: reads and writes only; the caller holds the event's lock
/// (`event(_:lock:on:)`) for any change, and the triggers keep places, team size and the audit log.
public struct ApplicationRepository: Sendable {
    public init() {}

    /// The application, or nil; `lock` takes its row for update.
    public func get(_ id: ApplicationID, lock: Bool = false, on conn: PQConnection) throws -> Application? {
        let sql = Self.selectApplication + " WHERE a.id = $1" + (lock ? " FOR UPDATE OF a" : "")
        guard let row = try conn.query(sql, [id.rawValue]).first else { return nil }
        return try withPeople([try Self.application(row)], on: conn).first
    }

    /// The event an application belongs to, read without locks (to know which event to lock first).
    public func eventID(of id: ApplicationID, on conn: PQConnection) throws -> EventID? {
        try conn.query("SELECT event_id FROM application WHERE id = $1", [id.rawValue]).first
            .map { EventID(rawValue: try $0.decode(0)) }
    }

    /// Applications filtered by event, applicant and/or the event's organiser, oldest first; with `after` only those
    /// with a greater id, at most `limit` of them (nil: all). Keyset, not OFFSET: a page starts where the previous one
    /// ended, whatever was inserted meanwhile, and the primary key index finds that start without counting rows.
    public func list(
        eventID: EventID? = nil, organisationID: OrganisationID? = nil, organiserID: OrganisationID? = nil,
        after: ApplicationID? = nil, limit: Int? = nil, on conn: PQConnection
    ) throws -> [Application] {
        let sql =
            Self.selectApplication + """
                 JOIN event e ON e.id = a.event_id
                WHERE ($1::bigint IS NULL OR a.event_id = $1)
                  AND ($2::bigint IS NULL OR a.organisation_id = $2)
                  AND ($3::bigint IS NULL OR e.organiser_id = $3)
                  AND ($4::bigint IS NULL OR a.id > $4)
                ORDER BY a.id
                LIMIT $5::bigint
                """
        let rows = try conn.query(
            sql,
            [
                eventID?.rawValue, organisationID?.rawValue, organiserID?.rawValue, after?.rawValue, limit.map(Int64.init)
            ])
        return try withPeople(rows.map(Self.application), on: conn)
    }

    /// Inserts the application row; members and entries follow with `replaceMembers` and `replaceEntries`.
    public func insert(_ new: NewApplication, on conn: PQConnection) throws -> ApplicationID {
        let row = try conn.query(
            """
            INSERT INTO application (event_id, organisation_id, team_name, nomination_id, submitted_by_token_id,
                submitted_by, responsible_name, contact_email, contact_phone, headcount, idempotency_key, request_hash,
                submitted_at, status_changed_at, updated_at, submitted_by_account_id)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13, $13, $14)
            RETURNING id
            """,
            [
                new.eventID.rawValue, new.organisationID.rawValue, new.details.teamName, new.details.nominationID?.rawValue,
                new.submittedByTokenID, new.submittedBy, new.details.responsible.name, new.details.responsible.email,
                new.details.responsible.phone, new.details.headcount, new.idempotencyKey, new.requestHash.map(PQBytes.init),
                new.at, new.submittedByAccountID
            ]
        ).first
        return ApplicationID(rawValue: try row!.decode(0))
    }

    /// Overwrites what a school may change: team name, nomination, responsible teacher, headcount.
    public func update(_ id: ApplicationID, details: ApplicationDetails, at now: Date, on conn: PQConnection) throws {
        try conn.execute(
            """
            UPDATE application SET team_name = $2, nomination_id = $3, responsible_name = $4, contact_email = $5,
                contact_phone = $6, headcount = $7, updated_at = $8
            WHERE id = $1
            """,
            [
                id.rawValue, details.teamName, details.nominationID?.rawValue, details.responsible.name,
                details.responsible.email, details.responsible.phone, details.headcount, now
            ])
    }

    /// Moves the application to `status`; the triggers free or take its places.
    public func setStatus(_ id: ApplicationID, _ status: ApplicationStatus, reason: String?, at now: Date, on conn: PQConnection) throws {
        try conn.execute(
            """
            UPDATE application SET status = $2::application_status, status_reason = $3, status_changed_at = $4, updated_at = $4
            WHERE id = $1
            """, [id.rawValue, status.rawValue, reason, now])
    }

    /// Makes the members exactly `members`: people kept keep their row (a role change updates it), so the audit shows the difference.
    public func replaceMembers(_ id: ApplicationID, with members: [(PersonID, MemberRole)], at now: Date, on conn: PQConnection) throws {
        var current: [Int64: String] = [:]
        for row in try conn.query(
            "SELECT person_id, role::text FROM application_member WHERE application_id = $1", [id.rawValue])
        {
            current[try row.decode(0)] = try row.decode(1)
        }
        let wanted = Set(members.map(\.0.rawValue))
        // Removals first: the team-size trigger counts rows as they arrive. No INSERT ... ON CONFLICT here,
        // as the trigger would count a conflicting row that never arrives.
        let gone = current.keys.filter { !wanted.contains($0) }
        if !gone.isEmpty {
            try conn.execute(
                "DELETE FROM application_member WHERE application_id = $1 AND person_id = ANY($2)", [id.rawValue, gone])
        }
        for (person, role) in members {
            switch current[person.rawValue] {
            case nil:
                try conn.execute(
                    """
                    INSERT INTO application_member (application_id, person_id, role, created_at)
                    VALUES ($1, $2, $3::participant_role, $4)
                    """, [id.rawValue, person.rawValue, role.rawValue, now])
            case role.rawValue?:
                continue
            default:
                try conn.execute(
                    "UPDATE application_member SET role = $3::participant_role WHERE application_id = $1 AND person_id = $2",
                    [id.rawValue, person.rawValue, role.rawValue])
            }
        }
    }

    /// Makes the entries exactly `entries` (they have no identity a school refers to: replaced whole).
    public func replaceEntries(_ id: ApplicationID, eventID: EventID, with entries: [NewEntry], at now: Date, on conn: PQConnection) throws {
        try conn.execute("DELETE FROM entry WHERE application_id = $1", [id.rawValue])
        for entry in entries {
            let row = try conn.query(
                """
                INSERT INTO entry (application_id, event_id, nomination_id, kind, title, headcount, created_at)
                VALUES ($1, $2, $3, $4::entry_kind, $5, $6, $7) RETURNING id
                """, [id.rawValue, eventID.rawValue, entry.nominationID?.rawValue, entry.kind.rawValue, entry.title, entry.headcount, now]
            ).first
            let entryID: Int64 = try row!.decode(0)
            for author in entry.authors {
                try conn.execute("INSERT INTO entry_author (entry_id, person_id) VALUES ($1, $2)", [entryID, author.rawValue])
            }
        }
    }

    static let selectApplication = """
        SELECT a.id, a.event_id, a.organisation_id, a.team_name, a.nomination_id, a.status::text AS status, a.status_reason,
               a.responsible_name, a.contact_email, a.contact_phone, a.headcount, a.submitted_by,
               a.submitted_at, a.status_changed_at, a.updated_at
        FROM application a
        """

    static func application(_ row: PQRow) throws -> Application {
        Application(
            id: ApplicationID(rawValue: try row.decode("id")),
            eventID: EventID(rawValue: try row.decode("event_id")),
            organisationID: OrganisationID(rawValue: try row.decode("organisation_id")),
            teamName: try row.decode("team_name"),
            nominationID: try row.decode("nomination_id", as: Int64?.self).map(NominationID.init(rawValue:)),
            status: try RegistrationSQL.enumValue(row.decode("status"), ApplicationStatus.self, column: "status"),
            statusReason: try row.decode("status_reason"),
            responsible: ResponsibleTeacher(
                name: try row.decode("responsible_name", as: String?.self) ?? "",
                email: try row.decode("contact_email"), phone: try row.decode("contact_phone")
            ),
            headcount: try row.decode("headcount"),
            submittedBy: try row.decode("submitted_by"),
            submittedAt: try row.decode("submitted_at"),
            statusChangedAt: try row.decode("status_changed_at"),
            updatedAt: try row.decode("updated_at")
        )
    }
}

/// What a school states about an application, beyond its people.
public struct ApplicationDetails: Sendable, Hashable {
    public var teamName: String?
    public var nominationID: NominationID?
    public var responsible: ResponsibleTeacher
    public var headcount: Int?

    public init(teamName: String?, nominationID: NominationID?, responsible: ResponsibleTeacher, headcount: Int?) {
        self.teamName = teamName
        self.nominationID = nominationID
        self.responsible = responsible
        self.headcount = headcount
    }
}

/// A new application row.
public struct NewApplication: Sendable, Hashable {
    public var eventID: EventID
    public var organisationID: OrganisationID
    public var details: ApplicationDetails
    public var submittedBy: String
    public var submittedByTokenID: Int64?
    /// The personal account that submitted it from the web pages, when it was one.
    public var submittedByAccountID: Int64?
    public var idempotencyKey: String?
    /// SHA-256 of the canonical request, stored with the key.
    public var requestHash: [UInt8]?
    public var at: Date

    public init(
        eventID: EventID, organisationID: OrganisationID, details: ApplicationDetails, submittedBy: String,
        submittedByTokenID: Int64?, submittedByAccountID: Int64? = nil, idempotencyKey: String?, requestHash: [UInt8]?, at: Date
    ) {
        self.submittedByAccountID = submittedByAccountID
        self.eventID = eventID
        self.organisationID = organisationID
        self.details = details
        self.submittedBy = submittedBy
        self.submittedByTokenID = submittedByTokenID
        self.idempotencyKey = idempotencyKey
        self.requestHash = requestHash
        self.at = at
    }
}

/// A new entry (work, performance, project) with its authors, already resolved to people.
public struct NewEntry: Sendable, Hashable {
    public var kind: EntryKind
    public var title: String
    public var nominationID: NominationID?
    public var headcount: Int?
    public var authors: [PersonID]

    public init(kind: EntryKind, title: String, nominationID: NominationID?, headcount: Int?, authors: [PersonID]) {
        self.kind = kind
        self.title = title
        self.nominationID = nominationID
        self.headcount = headcount
        self.authors = authors
    }
}

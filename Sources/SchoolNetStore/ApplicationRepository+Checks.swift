import Foundation
import PQ
import SchoolNetDomain

/// An organisation as registration sees it: its name for messages and whether it is a network member.
public struct RegistrationOrganisation: Sendable, Hashable {
    public var id: OrganisationID
    public var name: String
    public var isMember: Bool
}

/// The application an idempotency key was first used for.
public struct IdempotentApplication: Sendable, Hashable {
    public var id: ApplicationID
    public var requestHash: [UInt8]
}

// The facts RegistrationCheck needs, read in the transaction that holds the event's lock.
extension ApplicationRepository {
    /// Active applications in the event and this organisation's among them, leaving out `excluding`.
    public func placesTaken(
        event: EventID, organisation: OrganisationID, excluding: ApplicationID?, on conn: PQConnection
    ) throws -> (event: Int, organisation: Int) {
        let row = try conn.query(
            """
            SELECT count(*) AS event, count(*) FILTER (WHERE organisation_id = $2) AS organisation
            FROM application
            WHERE event_id = $1 AND is_active AND id IS DISTINCT FROM $3
            """, [event.rawValue, organisation.rawValue, excluding?.rawValue]
        ).first!
        return (try row.decode("event", as: Int.self), try row.decode("organisation", as: Int.self))
    }

    /// For each of `people` already in an active application of the event (other than `excluding`): that application.
    public func activeEntries(
        event: EventID, people: [PersonID], excluding: ApplicationID?, on conn: PQConnection
    ) throws -> [PersonID: ApplicationID] {
        guard !people.isEmpty else { return [:] }
        var found: [PersonID: ApplicationID] = [:]
        for row in try conn.query(
            """
            SELECT person_id, application_id FROM application_member
            WHERE event_id = $1 AND application_active AND person_id = ANY($2) AND application_id IS DISTINCT FROM $3
            """, [event.rawValue, people.map(\.rawValue), excluding?.rawValue])
        {
            found[PersonID(rawValue: try row.decode(0))] = ApplicationID(rawValue: try row.decode(1))
        }
        return found
    }

    /// The active application of the event already named `teamName` (normalised as the unique index does).
    public func teamNameTakenBy(event: EventID, teamName: String, excluding: ApplicationID?, on conn: PQConnection) throws -> ApplicationID? {
        try conn.query(
            """
            SELECT id FROM application
            WHERE event_id = $1 AND is_active AND team_name IS NOT NULL
              AND normalize_person_name(team_name) = normalize_person_name($2) AND id IS DISTINCT FROM $3
            LIMIT 1
            """, [event.rawValue, teamName, excluding?.rawValue]
        ).first.map { ApplicationID(rawValue: try $0.decode(0)) }
    }

    /// The event a nomination belongs to; nil when there is no such nomination.
    public func nominationEvent(_ id: NominationID, on conn: PQConnection) throws -> EventID? {
        try conn.query("SELECT event_id FROM nomination WHERE id = $1", [id.rawValue]).first
            .map { EventID(rawValue: try $0.decode(0)) }
    }

    /// The organisation's name and whether it was a network member on `date` (the event's first day).
    public func organisation(_ id: OrganisationID, memberOn date: LocalDate, on conn: PQConnection) throws -> RegistrationOrganisation? {
        try conn.query(
            """
            SELECT coalesce(short_name, full_name) AS name, is_member(id, $2) AS is_member FROM organisation WHERE id = $1
            """, [id.rawValue, date]
        ).first.map {
            RegistrationOrganisation(id: id, name: try $0.decode("name"), isMember: try $0.decode("is_member"))
        }
    }

    /// The application first registered with this organisation's idempotency key, with the stored request hash.
    public func idempotent(organisation: OrganisationID, key: String, on conn: PQConnection) throws -> IdempotentApplication? {
        try conn.query(
            "SELECT id, request_hash FROM application WHERE organisation_id = $1 AND idempotency_key = $2",
            [organisation.rawValue, key]
        ).first.map {
            IdempotentApplication(id: ApplicationID(rawValue: try $0.decode("id")), requestHash: try $0.decode("request_hash", as: PQBytes.self).bytes)
        }
    }

    /// SHA-256 of a request's canonical form: jsonb orders keys and drops whitespace, so equal requests hash equal.
    public func requestHash(json: String, on conn: PQConnection) throws -> [UInt8] {
        try conn.query("SELECT sha256(convert_to($1::jsonb::text, 'UTF8'))", [json]).first!.decode(0, as: PQBytes.self).bytes
    }
}

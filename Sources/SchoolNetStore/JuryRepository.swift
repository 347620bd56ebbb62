import Foundation
import PQ
import SchoolNetDomain

/// Jurors of an event (once per event/nomination/stage), the organisations a juror works for, and the organisations competing in a nomination; written under the caller's event lock.
public struct JuryRepository: Sendable {
    public init() {}

    /// The person with the organisations they belong to during `event` (usual organisation and staff roles), or nil.
    /// With `knownTo`, only someone that organisation may already know of, else nil as if there were no such person
    /// (a person id must not be an oracle for names): its own staff (usual organisation or any staff role there), and
    /// the members and jurors of any of its events. Without it (the regional centre), anyone.
    public func candidate(_ person: PersonID, for event: EventID, knownTo organisation: OrganisationID?, on conn: PQConnection) throws -> JurorCandidate? {
        guard
            let row = try conn.query(
                """
                WITH works_for AS (
                    SELECT o.id, coalesce(o.short_name, o.full_name) AS name FROM organisation o
                    WHERE o.id = (SELECT organisation_id FROM person WHERE id = $1)
                       OR o.id IN (SELECT t.organisation_id FROM teacher_role t JOIN event e ON e.id = $2
                                   WHERE t.person_id = $1
                                     AND (t.until IS NULL OR t.until >= e.starts_on)
                                     AND (t.since IS NULL OR t.since <= e.ends_on))
                )
                SELECT p.id, p.last_name, p.first_name, p.patronymic, p.kind::text AS kind,
                       ARRAY(SELECT id FROM works_for ORDER BY id) AS organisation_ids,
                       ARRAY(SELECT name FROM works_for ORDER BY id) AS organisation_names
                FROM person p WHERE p.id = $1
                  AND ($3::bigint IS NULL
                       OR p.organisation_id = $3
                       OR EXISTS (SELECT 1 FROM teacher_role t WHERE t.person_id = p.id AND t.organisation_id = $3)
                       OR EXISTS (SELECT 1 FROM application_member m JOIN event e ON e.id = m.event_id
                                  WHERE m.person_id = p.id AND e.organiser_id = $3)
                       OR EXISTS (SELECT 1 FROM jury_assignment j JOIN event e ON e.id = j.event_id
                                  WHERE j.person_id = p.id AND e.organiser_id = $3))
                """, [person.rawValue, event.rawValue, organisation?.rawValue]
            ).first
        else { return nil }
        let ids: [Int64] = try row.decode("organisation_ids")
        let names: [String] = try row.decode("organisation_names")
        return JurorCandidate(
            id: PersonID(rawValue: try row.decode("id")),
            name: PersonName(
                surname: try row.decode("last_name"), givenName: try row.decode("first_name"),
                patronymic: try row.decode("patronymic")),
            kind: try row.decode("kind"),
            organisations: Dictionary(zip(ids.map(OrganisationID.init(rawValue:)), names), uniquingKeysWith: { a, _ in a })
        )
    }

    /// Organisations with an active application in the nomination (by the application, an entry or a result), or in the whole event when `nomination` is nil.
    public func competingOrganisations(in event: EventID, nomination: NominationID?, on conn: PQConnection) throws -> Set<OrganisationID> {
        let rows = try conn.query(
            """
            SELECT DISTINCT a.organisation_id FROM application a
            WHERE a.event_id = $1 AND a.is_active
              AND ($2::bigint IS NULL OR a.nomination_id = $2
                   OR EXISTS (SELECT 1 FROM entry x WHERE x.application_id = a.id AND x.nomination_id = $2)
                   OR EXISTS (SELECT 1 FROM result r WHERE r.application_id = a.id AND r.nomination_id = $2))
            """, [event.rawValue, nomination?.rawValue])
        return Set(try rows.map { OrganisationID(rawValue: try $0.decode(0)) })
    }

    /// The assignment of `person` to exactly this event, nomination and stage, if any.
    public func find(
        event: EventID, person: PersonID, nomination: NominationID?, stage: StageID?, on conn: PQConnection
    ) throws -> JuryAssignment? {
        try conn.query(
            """
            \(Self.select)
            WHERE j.event_id = $1 AND j.person_id = $2
              AND j.nomination_id IS NOT DISTINCT FROM $3::bigint AND j.stage_id IS NOT DISTINCT FROM $4::bigint
            """, [event.rawValue, person.rawValue, nomination?.rawValue, stage?.rawValue]
        ).first.map(Self.assignment)
    }

    /// Assigns a juror and returns the new assignment.
    public func insert(
        event: EventID, person: PersonID, nomination: NominationID?, stage: StageID?, role: JuryAssignment.Role,
        at: Date, on conn: PQConnection
    ) throws -> JuryAssignment {
        let id: Int64 = try conn.query(
            """
            INSERT INTO jury_assignment (event_id, person_id, nomination_id, stage_id, role, assigned_at)
            VALUES ($1, $2, $3, $4, $5::jury_role, $6) RETURNING id
            """, [event.rawValue, person.rawValue, nomination?.rawValue, stage?.rawValue, role.rawValue, at])[0].decode(0)
        guard let row = try conn.query("\(Self.select) WHERE j.id = $1", [id]).first else {
            throw PQError(kind: .other, message: "jury assignment \(id) vanished after insert")
        }
        return try Self.assignment(row)
    }

    /// Removes an assignment of `event`; false when there was none.
    public func delete(_ id: JuryAssignmentID, event: EventID, on conn: PQConnection) throws -> Bool {
        try conn.execute("DELETE FROM jury_assignment WHERE id = $1 AND event_id = $2", [id.rawValue, event.rawValue]) > 0
    }

    /// The event's jurors by name.
    public func list(_ event: EventID, on conn: PQConnection) throws -> [JuryAssignment] {
        try conn.query("\(Self.select) WHERE j.event_id = $1 ORDER BY p.last_name, p.first_name, j.id", [event.rawValue])
            .map(Self.assignment)
    }

    private static let select = """
        SELECT j.id, j.event_id, j.person_id, p.last_name || ' ' || p.first_name AS juror_name,
               j.nomination_id, j.stage_id, j.role::text AS role, j.assigned_at
        FROM jury_assignment j JOIN person p ON p.id = j.person_id
        """

    private static func assignment(_ row: PQRow) throws -> JuryAssignment {
        let role: String = try row.decode("role")
        guard let parsed = JuryAssignment.Role(rawValue: role) else {
            throw PQError(kind: .decoding, message: "unknown jury_role \(role)", column: "role")
        }
        return JuryAssignment(
            id: JuryAssignmentID(rawValue: try row.decode("id")),
            eventID: EventID(rawValue: try row.decode("event_id")),
            personID: PersonID(rawValue: try row.decode("person_id")),
            jurorName: try row.decode("juror_name"),
            nominationID: (try row.decode("nomination_id", as: Int64?.self)).map(NominationID.init(rawValue:)),
            stageID: (try row.decode("stage_id", as: Int64?.self)).map(StageID.init(rawValue:)),
            role: parsed,
            assignedAt: try row.decode("assigned_at")
        )
    }
}

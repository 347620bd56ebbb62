import PQ
import SchoolNetDomain

/// Applications of one event as judging sees them (status, organisation, members' short names, stages reached: an active application is in the first stage by registering, as RegistrationService counts it), and the active application a person is in.
public struct CompetitorRepository: Sendable {
    public init() {}

    /// The applications among `ids` that belong to `event`, by id; others are simply absent.
    public func competitors(_ ids: [ApplicationID], in event: EventID, on conn: PQConnection) throws -> [ApplicationID: Competitor] {
        guard !ids.isEmpty else { return [:] }
        let rows = try conn.query(
            """
            SELECT a.id, a.organisation_id, coalesce(o.short_name, o.full_name) AS organisation_name,
                   a.status::text AS status, a.team_name, a.nomination_id,
                   ARRAY(SELECT p.last_name || ' ' || p.first_name FROM application_member m
                         JOIN person p ON p.id = m.person_id
                         WHERE m.application_id = a.id ORDER BY m.id) AS names,
                   ARRAY(SELECT s.stage_id FROM stage_advancement s WHERE s.application_id = a.id
                         UNION
                         SELECT f.id FROM event_stage f
                         WHERE f.event_id = a.event_id AND a.is_active
                           AND f.position = (SELECT min(position) FROM event_stage WHERE event_id = a.event_id)) AS stages
            FROM application a JOIN organisation o ON o.id = a.organisation_id
            WHERE a.event_id = $1 AND a.id = ANY($2)
            """, [event.rawValue, ids.map(\.rawValue)])
        var out: [ApplicationID: Competitor] = [:]
        for row in rows {
            let id = ApplicationID(rawValue: try row.decode("id"))
            out[id] = Competitor(
                applicationID: id,
                organisationID: OrganisationID(rawValue: try row.decode("organisation_id")),
                organisationName: try row.decode("organisation_name"),
                status: try row.decode("status", as: ApplicationStatus.self),
                teamName: try row.decode("team_name"),
                nominationID: (try row.decode("nomination_id", as: Int64?.self)).map(NominationID.init(rawValue:)),
                names: try row.decode("names"),
                stages: Set((try row.decode("stages", as: [Int64].self)).map(StageID.init(rawValue:)))
            )
        }
        return out
    }

    /// The active application of `event` that `person` is a member of, if any.
    public func activeApplication(of person: PersonID, in event: EventID, on conn: PQConnection) throws -> ApplicationID? {
        try conn.query(
            """
            SELECT application_id FROM application_member
            WHERE event_id = $1 AND person_id = $2 AND application_active
            """, [event.rawValue, person.rawValue]
        ).first.map { ApplicationID(rawValue: try $0.decode(0)) }
    }

    /// One row per member of each active application (one row for an application naming nobody), for the organiser's CSV.
    public func participants(of event: EventID, on conn: PQConnection) throws -> [ParticipantRow] {
        try conn.query(
            """
            SELECT a.id, a.status::text AS status, coalesce(o.short_name, o.full_name) AS organisation_name,
                   a.team_name, n.title AS nomination,
                   p.last_name || ' ' || p.first_name || coalesce(' ' || p.patronymic, '') AS full_name,
                   m.role::text AS role, g.grade,
                   coalesce((SELECT s.title FROM stage_advancement sa JOIN event_stage s ON s.id = sa.stage_id
                             WHERE sa.application_id = a.id ORDER BY s.position DESC LIMIT 1),
                            (SELECT s.title FROM event_stage s WHERE s.event_id = a.event_id ORDER BY s.position LIMIT 1)) AS stage,
                   ARRAY(SELECT r.award::text || coalesce(':' || r.special_title, '') FROM result r
                         WHERE r.application_id = a.id ORDER BY r.award, r.id) AS awards
            FROM application a
            JOIN event e ON e.id = a.event_id
            JOIN organisation o ON o.id = a.organisation_id
            LEFT JOIN nomination n ON n.id = a.nomination_id
            LEFT JOIN application_member m ON m.application_id = a.id
            LEFT JOIN person p ON p.id = m.person_id
            LEFT JOIN pupil_grade g ON g.person_id = p.id AND g.school_year_id = e.school_year_id
            WHERE a.event_id = $1 AND a.is_active
            ORDER BY organisation_name, a.id, m.id
            """, [event.rawValue]
        ).map { row in
            ParticipantRow(
                applicationID: ApplicationID(rawValue: try row.decode("id")),
                status: try row.decode("status", as: ApplicationStatus.self),
                organisationName: try row.decode("organisation_name"),
                teamName: try row.decode("team_name"),
                nomination: try row.decode("nomination"),
                fullName: try row.decode("full_name"),
                role: try row.decode("role"),
                grade: (try row.decode("grade", as: Int16?.self)).map(Int.init),
                stage: try row.decode("stage"),
                awards: try row.decode("awards")
            )
        }
    }
}

import Foundation
import PQ
import SchoolNetDomain

extension ApplicationRepository {
    /// Fills in members and entries of `applications` with one query each, whatever their number. Planned at every call:
    /// registration reads its team back under the event's lock, and a generic plan cached while the tables were small
    /// (seq scans of members, people and grades) made that read 10-20 ms instead of a fraction of one (PQPlanning).
    func withPeople(_ applications: [Application], on conn: PQConnection) throws -> [Application] {
        guard !applications.isEmpty else { return [] }
        let ids = applications.map(\.id.rawValue)
        var members: [Int64: [ApplicationMember]] = [:]
        // The grade shown is the one recorded for the event's school year.
        for row in try conn.query(
            """
            SELECT m.application_id, m.person_id, p.last_name, p.first_name, p.patronymic, p.kind::text AS kind,
                   m.role::text AS role, g.grade, has_consent(p.id) AS has_consent
            FROM application_member m
            JOIN person p ON p.id = m.person_id
            JOIN event e ON e.id = m.event_id
            LEFT JOIN pupil_grade g ON g.person_id = p.id AND g.school_year_id = e.school_year_id
            WHERE m.application_id = ANY($1)
            ORDER BY m.application_id, m.id
            """, [ids], planning: .perCall)
        {
            let member = ApplicationMember(
                personID: PersonID(rawValue: try row.decode("person_id")),
                lastName: try row.decode("last_name"), firstName: try row.decode("first_name"),
                patronymic: try row.decode("patronymic"),
                kind: try RegistrationSQL.enumValue(row.decode("kind"), PersonKind.self, column: "kind"),
                role: try RegistrationSQL.enumValue(row.decode("role"), MemberRole.self, column: "role"),
                grade: try row.decode("grade"), hasConsent: try row.decode("has_consent")
            )
            members[try row.decode("application_id"), default: []].append(member)
        }
        var entries: [Int64: [ApplicationEntry]] = [:]
        for row in try conn.query(
            """
            SELECT n.application_id, n.id, n.kind::text AS kind, n.title, n.nomination_id, n.headcount,
                   coalesce(array_agg(a.person_id ORDER BY a.person_id) FILTER (WHERE a.person_id IS NOT NULL), '{}') AS authors
            FROM entry n LEFT JOIN entry_author a ON a.entry_id = n.id
            WHERE n.application_id = ANY($1)
            GROUP BY n.id
            ORDER BY n.application_id, n.id
            """, [ids], planning: .perCall)
        {
            let entry = ApplicationEntry(
                id: try row.decode("id"),
                kind: try RegistrationSQL.enumValue(row.decode("kind"), EntryKind.self, column: "kind"),
                title: try row.decode("title"),
                nominationID: try row.decode("nomination_id", as: Int64?.self).map(NominationID.init(rawValue:)),
                headcount: try row.decode("headcount"),
                authors: try row.decode("authors", as: [Int64].self).map(PersonID.init(rawValue:))
            )
            entries[try row.decode("application_id"), default: []].append(entry)
        }
        return applications.map { application in
            var filled = application
            filled.members = members[application.id.rawValue] ?? []
            filled.entries = entries[application.id.rawValue] ?? []
            return filled
        }
    }
}

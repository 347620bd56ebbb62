import Foundation
import PQ
import SchoolNetDomain

/// Who "the same person" is, for registration and imports alike: same normalised surname and first name,
/// same birth date, patronymic equal or missing, same organisation (usual one or a grade record there);
/// without a birth date, the same full name at the organisation, stored without a birth date either.
extension PersonRepository {
    /// A person already in the registry, with what registration needs of them.
    public struct Known: Sendable, Hashable {
        public var id: PersonID
        public var hasConsent: Bool
        /// The grade recorded for the school year asked about (nil when none was asked).
        public var grade: Int?
    }

    /// Takes transaction-scoped locks on these people's identities (in a fixed order), so two registrations or
    /// imports naming the same new person, even for different events, create one person, not two.
    public func lockIdentities(_ people: [(name: PersonName, birthDate: LocalDate?)], organisation: OrganisationID, on conn: PQConnection) throws {
        try takeIdentityLocks(people, organisation: organisation, on: conn)
    }

    /// One advisory lock per identity bucket (`person_identity_lock_key`, migration 0011: name and birth date,
    /// without a birth date the organisation; neither: no identity, never matched, see matchOrCreate), the
    /// same keys the import locks, in ascending order as every holder takes them, so none deadlocks.
    func takeIdentityLocks(_ people: [(name: PersonName, birthDate: LocalDate?)], organisation: OrganisationID?, on conn: PQConnection) throws {
        guard !people.isEmpty else { return }
        // one statement: the sorted subquery feeds the locks in its order
        try conn.execute(
            """
            SELECT pg_advisory_xact_lock(k) FROM (
                SELECT DISTINCT person_identity_lock_key(s, g, d, $4) AS k
                FROM unnest($1::text[], $2::text[], $3::date[]) AS u(s, g, d)
                ORDER BY k) keys
            WHERE k IS NOT NULL
            """, [people.map(\.name.surname), people.map(\.name.givenName), people.map(\.birthDate), organisation?.rawValue])
    }

    /// The same person of this organisation by the rule above, or nil. Hold `lockIdentities` first when a
    /// miss is going to create the person.
    public func identify(
        _ name: PersonName, birthDate: LocalDate?, organisation: OrganisationID, schoolYearID: Int64? = nil, on conn: PQConnection
    ) throws -> Known? {
        let row: PQRow?
        if let birthDate {
            row = try conn.query(
                """
                SELECT m.person_id AS id, has_consent(m.person_id) AS has_consent, g.grade
                FROM match_people($1, $2, $3, $4, $5) m
                LEFT JOIN pupil_grade g ON g.person_id = m.person_id AND g.school_year_id = $6
                WHERE m.same_organisation
                LIMIT 1
                """,
                [
                    name.surname, name.givenName, name.patronymic, birthDate,
                    organisation.rawValue, schoolYearID
                ]
            ).first
        } else {
            row = try conn.query(
                """
                SELECT p.id, has_consent(p.id) AS has_consent, g.grade
                FROM person p
                LEFT JOIN pupil_grade g ON g.person_id = p.id AND g.school_year_id = $3
                WHERE p.full_name_norm = normalize_person_name($1) AND p.birth_date IS NULL
                  AND (p.organisation_id = $2
                       OR EXISTS (SELECT 1 FROM pupil_grade o WHERE o.person_id = p.id AND o.organisation_id = $2))
                ORDER BY p.id
                LIMIT 1
                """, [name.full, organisation.rawValue, schoolYearID]
            ).first
        }
        return try row.map {
            Known(id: PersonID(rawValue: try $0.decode("id")), hasConsent: try $0.decode("has_consent"), grade: try $0.decode("grade"))
        }
    }
}

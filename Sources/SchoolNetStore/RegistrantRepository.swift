import Foundation
import PQ
import SchoolNetDomain

/// People as registration finds or creates them: matched on normalised name, birth date and organisation.
// To be reconciled with the store's PersonRepository when it lands; the matching rule stays here.
public struct RegistrantRepository: Sendable {
    public init() {}

    /// A person already in the registry, with what registration needs of them.
    public struct Match: Sendable, Hashable {
        public var id: PersonID
        public var hasConsent: Bool
        /// The grade recorded for the school year asked about.
        public var grade: Int?
    }

    /// Takes transaction-scoped locks on these people's identities (in a fixed order), so two registrations
    /// naming the same new person, even for different events, create one person, not two.
    // The key is PersonRepository.matchOrCreate's ('person:' + name + birth date), so imports and
    // registrations wait for each other too; without a birth date the organisation stands in for it.
    public func lockIdentities(_ people: [(name: PersonName, birthDate: LocalDate?)], organisation: OrganisationID, on conn: PQConnection) throws {
        guard !people.isEmpty else { return }
        let keys = try conn.query("""
            SELECT DISTINCT hashtextextended('person:' || normalize_person_name(s) || ' ' || normalize_person_name(g) || ' '
                                             || coalesce(d::text, 'org ' || $4::text), 0) AS k
            FROM unnest($1::text[], $2::text[], $3::date[]) AS u(s, g, d)
            """, [people.map(\.name.surname), people.map(\.name.givenName), people.map(\.birthDate), organisation.rawValue]
        ).map { try $0.decode(0, as: Int64.self) }
        for key in keys.sorted() {
            try conn.execute("SELECT pg_advisory_xact_lock($1)", [key])
        }
    }

    /// The same person of this organisation: same normalised surname and first name, same birth date,
    /// patronymic equal or missing on either side. Without a birth date (teachers' lists rarely give one),
    /// the full name must be equal and the stored person must have no birth date either.
    public func match(
        _ name: PersonName, birthDate: LocalDate?, organisation: OrganisationID, schoolYearID: Int64, on conn: PQConnection
    ) throws -> Match? {
        let row: PQRow?
        if let birthDate {
            row = try conn.query("""
                SELECT m.person_id AS id, has_consent(m.person_id) AS has_consent, g.grade
                FROM match_people($1, $2, $3, $4, $5) m
                LEFT JOIN pupil_grade g ON g.person_id = m.person_id AND g.school_year_id = $6
                WHERE m.same_organisation
                LIMIT 1
                """, [name.surname, name.givenName, name.patronymic, birthDate,
                      organisation.rawValue, schoolYearID]).first
        } else {
            row = try conn.query("""
                SELECT p.id, has_consent(p.id) AS has_consent, g.grade
                FROM person p
                LEFT JOIN pupil_grade g ON g.person_id = p.id AND g.school_year_id = $3
                WHERE p.full_name_norm = normalize_person_name($1) AND p.birth_date IS NULL
                  AND (p.organisation_id = $2
                       OR EXISTS (SELECT 1 FROM pupil_grade o WHERE o.person_id = p.id AND o.organisation_id = $2))
                ORDER BY p.id
                LIMIT 1
                """, [name.full, organisation.rawValue, schoolYearID]).first
        }
        return try row.map {
            Match(id: PersonID(rawValue: try $0.decode("id")), hasConsent: try $0.decode("has_consent"), grade: try $0.decode("grade"))
        }
    }

    /// Adds a person to the registry, listed with `organisation`.
    public func create(
        kind: PersonKind, name: PersonName, birthDate: LocalDate?, organisation: OrganisationID, at now: Date, on conn: PQConnection
    ) throws -> PersonID {
        let row = try conn.query("""
            INSERT INTO person (kind, last_name, first_name, patronymic, birth_date, organisation_id, created_at, updated_at)
            VALUES ($1::person_kind, $2, $3, $4, $5, $6, $7, $7) RETURNING id
            """, [kind.rawValue, name.surname, name.givenName, name.patronymic, birthDate,
                  organisation.rawValue, now]).first
        return PersonID(rawValue: try row!.decode(0))
    }

    /// Records the person's grade at `organisation` in a school year; the school corrects its own record,
    /// never another school's.
    public func recordGrade(_ person: PersonID, grade: Int, schoolYearID: Int64, organisation: OrganisationID, on conn: PQConnection) throws {
        try conn.execute("""
            INSERT INTO pupil_grade (person_id, school_year_id, organisation_id, grade) VALUES ($1, $2, $3, $4)
            ON CONFLICT (person_id, school_year_id) DO UPDATE SET grade = excluded.grade
            WHERE pupil_grade.organisation_id = excluded.organisation_id AND pupil_grade.grade <> excluded.grade
            """, [person.rawValue, schoolYearID, organisation.rawValue, grade])
    }

    /// Records a consent to personal data processing, unless one is in force.
    public func recordConsent(
        _ person: PersonID, givenBy: String, recordedBy: String, tokenID: Int64?, at now: Date, on conn: PQConnection
    ) throws {
        try conn.execute("""
            INSERT INTO personal_data_consent (person_id, given_by, recorded_by, recorded_by_token_id, recorded_at)
            VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (person_id) WHERE withdrawn_at IS NULL DO NOTHING
            """, [person.rawValue, givenBy, recordedBy, tokenID, now])
    }
}

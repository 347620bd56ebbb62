import Foundation
import PQ
import SchoolNetDomain

/// People, their grade per school year, consents and staff roles; the one place that matches, locks and
/// creates people, for registration and imports alike (the rule: PersonRepository+Identity.swift).
/// Birth dates are bound, never logged.
public struct PersonRepository: Sendable {
    public init() {}

    static let columns = "p.id, p.kind, p.last_name, p.first_name, p.patronymic, p.birth_date, p.organisation_id"

    public func create(_ new: NewPerson, on conn: PQConnection) throws -> Person {
        try insert(new, at: nil, on: conn)
    }

    /// Creates the person stamped with the caller's "now" (services read it from their TimeSource).
    public func create(_ new: NewPerson, at now: Date, on conn: PQConnection) throws -> Person {
        try insert(new, at: now, on: conn)
    }

    private func insert(_ new: NewPerson, at now: Date?, on conn: PQConnection) throws -> Person {
        try person(
            try conn.one(
                """
                INSERT INTO person AS p (kind, last_name, first_name, patronymic, birth_date, organisation_id, created_at, updated_at)
                VALUES ($1, $2, $3, $4, $5, $6, coalesce($7::timestamptz, now()), coalesce($7::timestamptz, now()))
                RETURNING \(Self.columns)
                """, [new.kind, new.name.surname, new.name.givenName, new.name.patronymic, new.birthDate, new.organisationID, now]))
    }

    public func get(_ id: PersonID, on conn: PQConnection) throws -> Person? {
        try conn.query("SELECT \(Self.columns) FROM person p WHERE p.id = $1", [id]).first.map(person)
    }

    public func get(_ ids: [PersonID], on conn: PQConnection) throws -> [Person] {
        try conn.query("SELECT \(Self.columns) FROM person p WHERE p.id = ANY($1) ORDER BY p.id", [ids.map(\.rawValue)]).map(person)
    }

    /// Candidates for this person across organisations, best first (same organisation, then same patronymic),
    /// for a person to pick from; `identify` decides identity. Without a birth date nobody matches.
    public func match(_ new: NewPerson, organisationID: OrganisationID? = nil, on conn: PQConnection) throws -> [PersonMatch] {
        guard let birthDate = new.birthDate else { return [] }
        return try conn.query(
            """
            SELECT person_id, same_patronymic, same_organisation FROM match_people($1, $2, $3, $4, $5)
            """, [new.name.surname, new.name.givenName, new.name.patronymic, birthDate, organisationID ?? new.organisationID]
        ).map {
            PersonMatch(personID: try $0.decode(0), samePatronymic: try $0.decode(1), sameOrganisation: try $0.decode(2))
        }
    }

    /// The same person, or a new one; a match missing the patronymic gets the one given now. With an organisation
    /// (`organisationID ?? new.organisationID`) the rule is registration's (`identify`), under the same identity
    /// lock, and a new person is listed with it. With none, the older rule stays: the best `match` in any
    /// organisation, and never a match without a birth date.
    public func matchOrCreate(_ new: NewPerson, organisationID: OrganisationID? = nil, on conn: PQConnection) throws -> Resolved<Person> {
        try conn.transaction { conn in
            let organisation = organisationID ?? new.organisationID
            try takeIdentityLocks([(new.name, new.birthDate)], organisation: organisation, on: conn)
            let found: PersonID?
            if let organisation {
                found = try identify(new.name, birthDate: new.birthDate, organisation: organisation, on: conn)?.id
            } else {
                found = try match(new, on: conn).first?.personID
            }
            guard let found else {
                var listed = new
                listed.organisationID = new.organisationID ?? organisation
                return Resolved(try create(listed, on: conn), created: true)
            }
            let row = try conn.one(
                """
                UPDATE person p SET patronymic = coalesce(p.patronymic, $2)
                WHERE p.id = $1
                RETURNING \(Self.columns)
                """, [found, new.name.patronymic])
            return Resolved(try person(row), created: false)
        }
    }

    /// People whose full name is like `query` ("иванова мария"), best first.
    public func search(_ query: String, limit: Int = 10, on conn: PQConnection) throws -> [Person] {
        try conn.query(
            """
            SELECT \(Self.columns) FROM search_people($1, $2::integer) s JOIN person p ON p.id = s.person_id
            ORDER BY s.score DESC, p.id
            """, [query, limit]
        ).map(person)
    }

    // MARK: Grades

    /// Records (or corrects) the pupil's school and grade in that school year.
    public func setGrade(_ grade: PupilGrade, on conn: PQConnection) throws {
        let year = try ReferenceRepository().ensureSchoolYear(grade.schoolYear, on: conn)
        try conn.execute(
            """
            INSERT INTO pupil_grade (person_id, school_year_id, organisation_id, grade, class_letter)
            VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (person_id, school_year_id) DO UPDATE
            SET organisation_id = excluded.organisation_id, grade = excluded.grade, class_letter = excluded.class_letter
            """, [grade.personID, year, grade.organisationID, grade.grade, grade.classLetter])
    }

    public func grade(_ id: PersonID, in year: SchoolYear, on conn: PQConnection) throws -> PupilGrade? {
        try conn.query(
            """
            SELECT g.person_id, y.start_year, g.organisation_id, g.grade, g.class_letter
            FROM pupil_grade g JOIN school_year y ON y.id = g.school_year_id
            WHERE g.person_id = $1 AND y.start_year = $2
            """, [id, year.startYear]
        ).first.map(pupilGrade)
    }

    /// Every grade recorded for the person, by school year.
    public func grades(_ id: PersonID, on conn: PQConnection) throws -> [PupilGrade] {
        try conn.query(
            """
            SELECT g.person_id, y.start_year, g.organisation_id, g.grade, g.class_letter
            FROM pupil_grade g JOIN school_year y ON y.id = g.school_year_id
            WHERE g.person_id = $1 ORDER BY y.start_year
            """, [id]
        ).map(pupilGrade)
    }

    // MARK: Consent

    /// Records a consent in force; a person with one already in force fails with `personal_data_consent_one_active`.
    public func recordConsent(
        _ id: PersonID, givenBy: String, recordedBy: String, tokenID: Int64? = nil, at: Date, on conn: PQConnection
    ) throws -> PersonalDataConsent {
        try consent(
            try conn.one(
                """
                INSERT INTO personal_data_consent (person_id, given_by, recorded_by, recorded_by_token_id, recorded_at)
                VALUES ($1, $2, $3, $4, $5)
                RETURNING id, person_id, given_by, recorded_by, recorded_by_token_id, recorded_at, withdrawn_at
                """, [id, givenBy, recordedBy, tokenID, at]))
    }

    /// Withdraws the consent in force, if any; returns whether there was one.
    @discardableResult
    public func withdrawConsent(_ id: PersonID, at: Date, on conn: PQConnection) throws -> Bool {
        try conn.execute("UPDATE personal_data_consent SET withdrawn_at = $2 WHERE person_id = $1 AND withdrawn_at IS NULL", [id, at]) == 1
    }

    public func hasConsent(_ id: PersonID, on conn: PQConnection) throws -> Bool {
        try conn.one("SELECT has_consent($1)", [id]).decode(0)
    }

    /// Consents of the person, latest first (withdrawn ones too).
    public func consents(_ id: PersonID, on conn: PQConnection) throws -> [PersonalDataConsent] {
        try conn.query(
            """
            SELECT id, person_id, given_by, recorded_by, recorded_by_token_id, recorded_at, withdrawn_at
            FROM personal_data_consent WHERE person_id = $1 ORDER BY recorded_at DESC, id DESC
            """, [id]
        ).map(consent)
    }

    // MARK: Staff roles

    /// Adds the role, or updates its dates when the person already holds it there.
    public func setRole(_ role: TeacherRole, on conn: PQConnection) throws {
        try conn.execute(
            """
            INSERT INTO teacher_role (person_id, organisation_id, role, since, until) VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (person_id, organisation_id, role) DO UPDATE SET since = excluded.since, until = excluded.until
            """, [role.personID, role.organisationID, role.role, role.since, role.until])
    }

    @discardableResult
    public func removeRole(_ id: PersonID, organisationID: OrganisationID, role: StaffRole, on conn: PQConnection) throws -> Bool {
        try conn.execute(
            "DELETE FROM teacher_role WHERE person_id = $1 AND organisation_id = $2 AND role = $3",
            [id, organisationID, role]) == 1
    }

    public func roles(_ id: PersonID, on conn: PQConnection) throws -> [TeacherRole] {
        try conn.query(
            """
            SELECT person_id, organisation_id, role, since, until FROM teacher_role
            WHERE person_id = $1 ORDER BY organisation_id, role
            """, [id]
        ).map(teacherRole)
    }

    /// Who holds `role` at the organisation on `date` (open-ended dates count as holding it).
    public func staff(of organisationID: OrganisationID, role: StaffRole, on date: LocalDate, on conn: PQConnection) throws -> [TeacherRole] {
        try conn.query(
            """
            SELECT person_id, organisation_id, role, since, until FROM teacher_role
            WHERE organisation_id = $1 AND role = $2
              AND (since IS NULL OR since <= $3) AND (until IS NULL OR until >= $3)
            ORDER BY person_id
            """, [organisationID, role, date]
        ).map(teacherRole)
    }

    // MARK: Rows

    func person(_ row: PQRow) throws -> Person {
        Person(
            id: try row.decode(0), kind: try row.decode(1),
            name: PersonName(surname: try row.decode(2), givenName: try row.decode(3), patronymic: try row.decode(4)),
            birthDate: try row.decode(5), organisationID: try row.decode(6))
    }

    private func pupilGrade(_ row: PQRow) throws -> PupilGrade {
        PupilGrade(
            personID: try row.decode(0), schoolYear: SchoolYear(startYear: try row.decode(1)),
            organisationID: try row.decode(2), grade: try row.decode(3), classLetter: try row.decode(4))
    }

    private func consent(_ row: PQRow) throws -> PersonalDataConsent {
        PersonalDataConsent(
            id: try row.decode(0), personID: try row.decode(1), givenBy: try row.decode(2), recordedBy: try row.decode(3),
            recordedByTokenID: try row.decode(4), recordedAt: try row.decode(5), withdrawnAt: try row.decode(6))
    }

    private func teacherRole(_ row: PQRow) throws -> TeacherRole {
        TeacherRole(
            personID: try row.decode(0), organisationID: try row.decode(1), role: try row.decode(2),
            since: try row.decode(3), until: try row.decode(4))
    }
}

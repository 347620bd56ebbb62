import PQ
import SchoolNetDomain

/// A person as lists show them: names, kind, school and class. Birth dates and contacts are not even read.
public struct ListedPerson: Sendable, Hashable, Codable {
    public var id: PersonID
    public var kind: PersonKind
    public var lastName: String
    public var firstName: String
    public var patronymic: String?
    /// The school of the year asked about for pupils, else the organisation the person is listed with.
    public var organisationID: OrganisationID?
    public var grade: Int?
    public var classLetter: String?
}

extension PersonRepository {
    /// A school's pupils in a school year, by class then name; `grade` and `letter` narrow it to one class.
    public func pupils(
        of organisation: OrganisationID, in year: SchoolYear, grade: Int?, letter: String?,
        on conn: PQConnection
    ) throws -> [ListedPerson] {
        try conn.query(
            """
            SELECT p.id, p.kind, p.last_name, p.first_name, p.patronymic, g.organisation_id, g.grade::int, g.class_letter
            FROM pupil_grade g
            JOIN school_year y ON y.id = g.school_year_id AND y.start_year = $2
            JOIN person p ON p.id = g.person_id
            WHERE g.organisation_id = $1 AND ($3::int IS NULL OR g.grade = $3) AND ($4::text IS NULL OR g.class_letter = $4)
            ORDER BY g.grade, g.class_letter NULLS FIRST, p.last_name, p.first_name, p.id
            """, [organisation, year.startYear, grade, letter]
        ).map(listed)
    }

    /// People whose name is like `query` (`search_people`), best first, with their class in `year` if any.
    public func search(_ query: String, in year: SchoolYear, limit: Int, on conn: PQConnection) throws -> [ListedPerson] {
        try conn.query(
            """
            SELECT p.id, p.kind, p.last_name, p.first_name, p.patronymic, coalesce(g.organisation_id, p.organisation_id),
                   g.grade::int, g.class_letter
            FROM search_people($1, $3::int) s
            JOIN person p ON p.id = s.person_id
            LEFT JOIN pupil_grade g ON g.person_id = p.id
                 AND g.school_year_id = (SELECT id FROM school_year WHERE start_year = $2)
            ORDER BY s.score DESC, p.id
            """, [query, year.startYear, limit]
        ).map(listed)
    }

    private func listed(_ row: PQRow) throws -> ListedPerson {
        ListedPerson(
            id: try row.decode(0), kind: try row.decode(1), lastName: try row.decode(2), firstName: try row.decode(3),
            patronymic: try row.decode(4), organisationID: try row.decode(5), grade: try row.decode(6),
            classLetter: try row.decode(7))
    }
}

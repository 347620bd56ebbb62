import PQ
import SchoolNetDomain

/// A school's own people, as its registration pages list them and pick members from. Who counts as the school's is
/// the rule registration identifies people by (`match_people`'s same organisation): listed with the school, or with a
/// grade record there; so a person picked from the list is the person registration then finds, never a new copy.
extension PersonRepository {
    /// The school's pupils in `year` (grade record there), by class and name, then its teachers (listed with the
    /// school), by name. Names, kind, class and whether a consent is in force; birth dates and contacts are not read.
    public func roster(of school: OrganisationID, in year: SchoolYear, on conn: PQConnection) throws -> SchoolRoster {
        let rows = try conn.query(
            """
            SELECT id, kind, last_name, first_name, patronymic, grade, class_letter, has_consent(id) FROM (
                SELECT p.id, p.kind, p.last_name, p.first_name, p.patronymic, g.grade::int AS grade, g.class_letter
                FROM pupil_grade g
                JOIN school_year y ON y.id = g.school_year_id AND y.start_year = $2
                JOIN person p ON p.id = g.person_id
                WHERE g.organisation_id = $1
                UNION ALL
                SELECT p.id, p.kind, p.last_name, p.first_name, p.patronymic, NULL, NULL
                FROM person p
                WHERE p.organisation_id = $1 AND p.kind = 'teacher'
            ) listed
            ORDER BY grade NULLS LAST, class_letter NULLS FIRST, last_name, first_name, id
            """, [school, year.startYear])
        return SchoolRoster(
            people: try rows.map { row in
                RosterPerson(
                    id: try row.decode(0), kind: try row.decode(1),
                    name: PersonName(surname: try row.decode(2), givenName: try row.decode(3), patronymic: try row.decode(4)),
                    grade: try row.decode(5), classLetter: try row.decode(6), hasConsent: try row.decode(7))
            })
    }

    /// Of `ids`, the people of the school (listed with it, or with a grade record there in any year), as stored,
    /// birth dates included: a registration names them by these. Anyone else is simply absent from the answer.
    public func ofSchool(_ ids: [PersonID], school: OrganisationID, on conn: PQConnection) throws -> [Person] {
        try conn.query(
            """
            SELECT \(Self.columns) FROM person p
            WHERE p.id = ANY($1)
              AND (p.organisation_id = $2
                   OR EXISTS (SELECT 1 FROM pupil_grade g WHERE g.person_id = p.id AND g.organisation_id = $2))
            ORDER BY p.id
            """, [ids.map(\.rawValue), school]
        ).map(person)
    }
}

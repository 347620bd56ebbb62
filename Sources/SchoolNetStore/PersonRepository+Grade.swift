import Foundation
import PQ
import SchoolNetDomain

/// A pupil's grade on record, corrected explicitly (registrations never overwrite it: `recordGrade`).
extension PersonRepository {
    /// The grade on record for a school year, locked for a correction.
    public struct GradeRecord: Sendable, Hashable {
        public var grade: Int
        public var organisationID: OrganisationID
        public var schoolYearID: Int64
        /// The pupil has an active application that year in an event `organiser` organises.
        public var inOrganisersEvent: Bool
    }

    /// An active application whose event's grade range a grade falls outside.
    public struct GradeMisfit: Sendable, Hashable {
        public var applicationID: ApplicationID
        public var eventID: EventID
        public var eventTitle: String
        public var gradeMin: Int?
        public var gradeMax: Int?
    }

    /// The person's grade on record in the school year starting in `startYear`, `FOR UPDATE`; nil when none.
    public func gradeRecord(_ person: PersonID, startYear: Int, organiser: OrganisationID?, on conn: PQConnection) throws -> GradeRecord? {
        try conn.query(
            """
            SELECT g.grade, g.organisation_id, y.id AS year_id,
                   EXISTS (SELECT 1 FROM application_member m JOIN application a ON a.id = m.application_id
                           JOIN event e ON e.id = a.event_id
                           WHERE m.person_id = g.person_id AND m.application_active AND e.school_year_id = y.id
                             AND e.organiser_id = $3) AS organises
            FROM school_year y JOIN pupil_grade g ON g.school_year_id = y.id AND g.person_id = $1
            WHERE y.start_year = $2
            FOR UPDATE OF g
            """, [person.rawValue, startYear, organiser?.rawValue]
        ).first.map {
            GradeRecord(
                grade: try $0.decode("grade"), organisationID: OrganisationID(rawValue: try $0.decode("organisation_id")),
                schoolYearID: try $0.decode("year_id"), inOrganisersEvent: try $0.decode("organises"))
        }
    }

    /// Changes the grade on record (the audit trigger of migration 0015 logs before and after).
    public func correctGrade(_ person: PersonID, schoolYearID: Int64, grade: Int, on conn: PQConnection) throws {
        try conn.execute(
            "UPDATE pupil_grade SET grade = $3 WHERE person_id = $1 AND school_year_id = $2",
            [person.rawValue, schoolYearID, grade])
    }

    /// The person's active applications of the school year whose event does not take `grade`.
    public func applicationsOutsideGrade(_ person: PersonID, schoolYearID: Int64, grade: Int, on conn: PQConnection) throws -> [GradeMisfit] {
        try conn.query(
            """
            SELECT a.id, e.id AS event_id, e.title, e.grade_min, e.grade_max
            FROM application_member m
            JOIN application a ON a.id = m.application_id
            JOIN event e ON e.id = a.event_id
            WHERE m.person_id = $1 AND m.application_active AND e.school_year_id = $2
              AND ($3 < e.grade_min OR $3 > e.grade_max)
            ORDER BY e.starts_on, a.id
            """, [person.rawValue, schoolYearID, grade]
        ).map {
            GradeMisfit(
                applicationID: ApplicationID(rawValue: try $0.decode("id")), eventID: EventID(rawValue: try $0.decode("event_id")),
                eventTitle: try $0.decode("title"), gradeMin: try $0.decode("grade_min"), gradeMax: try $0.decode("grade_max"))
        }
    }
}

import Foundation
import PQ
import SchoolNetDomain
import SchoolNetStore

/// What an explicit grade correction did, and which of the pupil's active applications no longer fit.
public struct GradeCorrection: Sendable, Hashable, Codable {
    public var personID: PersonID
    public var schoolYear: String
    public var before: Int
    public var after: Int
    /// Active applications of that school year whose event does not take the corrected grade.
    public var unfit: [UnfitApplication]

    enum CodingKeys: String, CodingKey {
        case personID = "personId", schoolYear, before, after, unfit
    }
}

/// An active application whose event's grade range the corrected grade falls outside.
public struct UnfitApplication: Sendable, Hashable, Codable {
    public var applicationID: ApplicationID
    public var eventID: EventID
    public var eventTitle: String
    public var gradeMin: Int?
    public var gradeMax: Int?

    enum CodingKeys: String, CodingKey {
        case applicationID = "applicationId", eventID = "eventId", eventTitle, gradeMin, gradeMax
    }
}

/// Corrects a pupil's grade on record (the one thing registrations may not do), audited, then re-checks the pupil's
/// active applications. The regional centre may correct any record; a school its own pupils' (the record's
/// school); an organiser a pupil with an active application in one of its events that year.
public struct GradeCorrectionService: Sendable {
    let pool: PQPool
    let time: any TimeSource

    public init(pool: PQPool, time: any TimeSource) {
        self.pool = pool
        self.time = time
    }

    /// Over the registration service's pool and clock.
    public init(registration: RegistrationService) {
        self.init(pool: registration.pool, time: registration.time)
    }

    public func correctGrade(_ person: PersonID, schoolYear: SchoolYear, grade: Int, by caller: Caller) async throws -> GradeCorrection {
        guard (0...11).contains(grade) else {
            throw Refusals.one(.validation(field: "grade", ru: "Класс \(grade) вне 0–11 (0 — дошкольники)", en: "grade \(grade) is outside 0-11"))
        }
        let registration = RegistrationService(pool: pool, time: time)
        return try await registration.transaction(caller) { conn in
            guard let row = try conn.query("""
                SELECT g.grade, g.organisation_id, y.id AS year_id,
                       EXISTS (SELECT 1 FROM application_member m JOIN application a ON a.id = m.application_id
                               JOIN event e ON e.id = a.event_id
                               WHERE m.person_id = g.person_id AND m.application_active AND e.school_year_id = y.id
                                 AND e.organiser_id = $3) AS organises
                FROM school_year y JOIN pupil_grade g ON g.school_year_id = y.id AND g.person_id = $1
                WHERE y.start_year = $2
                FOR UPDATE OF g
                """, [person.rawValue, schoolYear.startYear, caller.organisationID?.rawValue]).first else {
                throw Refusals.one(.notFound(
                    field: "personId", ru: "У человека \(person.rawValue) нет записи о классе в \(schoolYear.label) учебном году",
                    en: "person \(person.rawValue) has no grade on record for \(schoolYear.label)"))
            }
            let before: Int = try row.decode("grade")
            let owner = OrganisationID(rawValue: try row.decode("organisation_id"))
            let yearID: Int64 = try row.decode("year_id")
            let allowed = switch caller.role {
            case .regionalAdmin: true
            case .school: caller.organisationID == owner
            case .organiser: try row.decode("organises", as: Bool.self)
            }
            guard allowed else {
                throw Refusals.one(RegistrationError(
                    .forbidden, field: "personId",
                    ru: "Исправить класс может школа ученика, организатор события, куда он заявлен, или региональный центр",
                    en: "only the pupil's school, an organiser of an event they entered, or the regional centre corrects a grade"))
            }
            if before != grade {
                try conn.execute("UPDATE pupil_grade SET grade = $3 WHERE person_id = $1 AND school_year_id = $2",
                                 [person.rawValue, yearID, grade])
            }
            let unfit = try conn.query("""
                SELECT a.id, e.id AS event_id, e.title, e.grade_min, e.grade_max
                FROM application_member m
                JOIN application a ON a.id = m.application_id
                JOIN event e ON e.id = a.event_id
                WHERE m.person_id = $1 AND m.application_active AND e.school_year_id = $2
                  AND ($3 < e.grade_min OR $3 > e.grade_max)
                ORDER BY e.starts_on, a.id
                """, [person.rawValue, yearID, grade]).map {
                UnfitApplication(
                    applicationID: ApplicationID(rawValue: try $0.decode("id")), eventID: EventID(rawValue: try $0.decode("event_id")),
                    eventTitle: try $0.decode("title"), gradeMin: try $0.decode("grade_min"), gradeMax: try $0.decode("grade_max"))
            }
            return GradeCorrection(personID: person, schoolYear: schoolYear.label, before: before, after: grade, unfit: unfit)
        }
    }
}

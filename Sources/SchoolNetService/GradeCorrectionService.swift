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
        let people = PersonRepository()
        return try await registration.transaction(caller) { conn in
            guard let record = try people.gradeRecord(person, startYear: schoolYear.startYear, organiser: caller.organisationID, on: conn) else {
                throw Refusals.one(
                    .notFound(
                        field: "personId", ru: "У человека \(person.rawValue) нет записи о классе в \(schoolYear.label) учебном году",
                        en: "person \(person.rawValue) has no grade on record for \(schoolYear.label)"))
            }
            let before = record.grade
            let allowed =
                switch caller.role {
                case .regionalAdmin: true
                case .school: caller.organisationID == record.organisationID
                case .organiser: record.inOrganisersEvent
                }
            guard allowed else {
                throw Refusals.one(
                    RegistrationError(
                        .forbidden, field: "personId",
                        ru: "Исправить класс может школа ученика, организатор события, куда он заявлен, или региональный центр",
                        en: "only the pupil's school, an organiser of an event they entered, or the regional centre corrects a grade"))
            }
            if before != grade {
                try people.correctGrade(person, schoolYearID: record.schoolYearID, grade: grade, on: conn)
            }
            let unfit = try people.applicationsOutsideGrade(person, schoolYearID: record.schoolYearID, grade: grade, on: conn).map {
                UnfitApplication(
                    applicationID: $0.applicationID, eventID: $0.eventID, eventTitle: $0.eventTitle,
                    gradeMin: $0.gradeMin, gradeMax: $0.gradeMax)
            }
            return GradeCorrection(personID: person, schoolYear: schoolYear.label, before: before, after: grade, unfit: unfit)
        }
    }
}

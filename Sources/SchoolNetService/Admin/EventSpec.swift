import Foundation
import SchoolNetDomain

/// An event as an organiser describes it in a JSON file (`schoolnet events create event.json`);
/// keys in snake_case, dates as 2021-10-02, the registration opening as an ISO 8601 instant.
public struct EventSpec: Sendable, Decodable {
    public var title: String
    /// An organisation id, or a name as people write it ("гимназия 13").
    public var organiser: String
    public var module: String?
    public var parentEventId: Int64?
    public var kind: EventKind
    public var edition: Int?
    public var format: EventFormat
    public var audience: String?
    public var startsOn: LocalDate
    public var endsOn: LocalDate
    public var timeZone: String?
    public var registration: Registration
    public var capacity: Int?
    public var perOrganisationLimit: Int?
    public var membersOnly: Bool?
    /// Absent: individual participation.
    public var team: Team?
    public var eligibility: EligibilitySpec
    public var stages: [StageSpec]?
    public var nominations: [NominationSpec]?

    public struct Registration: Sendable, Decodable {
        public var opensAt: Date
        public var closesOn: LocalDate
    }

    public struct Team: Sendable, Decodable {
        public var minSize: Int
        public var maxSize: Int
        public var requiredRoles: [MemberRole]?
    }

    public struct EligibilitySpec: Sendable, Decodable {
        /// [min, max] in the event's school year.
        public var grades: [Int]?
        /// [min, max] full years on the first day (or `age_reference_date`).
        public var ages: [Int]?
        public var ageReferenceDate: LocalDate?
        public var allowPupils: Bool?
        public var allowPreschoolers: Bool?
        public var allowStudents: Bool?
        public var allowTeachers: Bool?
    }

    public struct StageSpec: Sendable, Decodable {
        public var title: String
        public var startsOn: LocalDate?
        public var endsOn: LocalDate?
        public var capacity: Int?
    }

    public struct NominationSpec: Sendable, Decodable {
        public var title: String
        public var special: Bool?
    }

    /// Decodes an event file's JSON. Keys no one reads are refused (`EventFileUnknownKeys`), as the API refuses
    /// unknown fields; `organiser` may be a number (an organisation id) as well as a name.
    public static func decode(_ data: Data) throws -> EventSpec {
        var data = data
        if var object = (try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])) as? [String: Any] {
            let unknown = unknownKeys(in: object)
            if !unknown.isEmpty { throw EventFileUnknownKeys(keys: unknown) }
            // an id written as a number: the text the service resolves either way
            struct NumberedOrganiser: Decodable { var organiser: Int64 }
            if object["organiser"] != nil, !(object["organiser"] is String),
                let numbered = try? JSONDecoder().decode(NumberedOrganiser.self, from: data)
            {
                object["organiser"] = String(numbered.organiser)
                data = try JSONSerialization.data(withJSONObject: object)
            }
        }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(EventSpec.self, from: data)
    }

    /// The rules the spec sets; a time zone unknown to the system is refused by `timeZone(identifier:)`.
    func rules() throws -> EventRules {
        let zone = try RegistrationWindow.timeZone(identifier: timeZone ?? RegistrationWindow.defaultTimeZone.identifier)
        func range(_ pair: [Int]?, _ field: String) throws -> ClosedRange<Int>? {
            guard let pair else { return nil }
            guard pair.count == 2, pair[0] <= pair[1] else {
                throw RegistrationError.validation(
                    field: "eligibility.\(field)", ru: "Укажите диапазон как [от, до]",
                    en: "Give the range as [min, max]")
            }
            return pair[0]...pair[1]
        }
        if let team, team.maxSize < team.minSize || team.minSize < 1 {
            throw RegistrationError.validation(
                field: "team", ru: "Размер команды: от 1, и наибольший не меньше наименьшего",
                en: "Team size: at least 1, and the maximum not below the minimum")
        }
        let reference = eligibility.ageReferenceDate ?? startsOn
        return EventRules(
            eligibility: Eligibility(
                allowPupils: eligibility.allowPupils ?? true, allowPreschoolers: eligibility.allowPreschoolers ?? false,
                allowStudents: eligibility.allowStudents ?? false, allowTeachers: eligibility.allowTeachers ?? false,
                grades: try range(eligibility.grades, "grades"), ages: try range(eligibility.ages, "ages"),
                ageReferenceDate: reference, schoolYear: SchoolYear.containing(startsOn)),
            team: team.map { .team($0.minSize...$0.maxSize, requiredRoles: TeamRules.requiredRoles(from: $0.requiredRoles ?? [])) }
                ?? .individual,
            window: RegistrationWindow(opensAt: registration.opensAt, closesOn: registration.closesOn, timeZone: zone),
            capacity: capacity, perOrganisationLimit: perOrganisationLimit, membersOnly: membersOnly ?? false)
    }
}

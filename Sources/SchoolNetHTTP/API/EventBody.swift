import Foundation
import SchoolNetDomain
import SchoolNetService

/// An event as the API shows it: its dates, who may apply, how, and until when.
struct EventBody: Encodable {
    struct Registration: Encodable {
        var opensAt: Date
        /// The last day applications are taken, in the event's zone.
        var closesOn: LocalDate
        /// The first instant after `closesOn`.
        var deadline: Date
        var closedEarlyAt: Date?
        var isOpen: Bool
    }

    struct EligibilityBody: Encodable {
        var pupils: Bool
        var preschoolers: Bool
        var students: Bool
        var teachers: Bool
        var gradeMin: Int?
        var gradeMax: Int?
        var ageMin: Int?
        var ageMax: Int?
        var ageReferenceDate: LocalDate
    }

    struct TeamBody: Encodable {
        var mode: ParticipationMode
        var minSize: Int
        var maxSize: Int
        /// Roles a team must name, each as many times as listed.
        var requiredRoles: [MemberRole]
    }

    struct StageBody: Encodable {
        var id: Int64
        var position: Int
        var title: String
        var startsOn: LocalDate?
        var endsOn: LocalDate?
        var capacity: Int?
    }

    struct NominationBody: Encodable {
        var id: Int64
        var title: String
        var isSpecial: Bool
    }

    var id: Int64
    var title: String
    var schoolYear: String
    var moduleId: Int64?
    var organiserId: Int64
    var parentEventId: Int64?
    var kind: EventKind
    var edition: Int?
    var format: EventFormat
    var audience: String?
    var startsOn: LocalDate
    var endsOn: LocalDate
    var timeZone: String
    var registration: Registration
    var eligibility: EligibilityBody
    var team: TeamBody
    var capacity: Int?
    var perOrganisationLimit: Int?
    var membersOnly: Bool
    var resultsPublished: Bool
    /// Only in the answer for one event.
    var stages: [StageBody]?
    var nominations: [NominationBody]?

    init(_ event: Event, now: Date, stages: [EventStage]? = nil, nominations: [Nomination]? = nil) {
        let rules = event.rules
        self.id = event.id.rawValue
        self.title = event.title
        self.schoolYear = event.schoolYear.label
        self.moduleId = event.moduleID?.rawValue
        self.organiserId = event.organiserID.rawValue
        self.parentEventId = event.parentEventID?.rawValue
        self.kind = event.kind
        self.edition = event.edition
        self.format = event.format
        self.audience = event.audience
        self.startsOn = event.startsOn
        self.endsOn = event.endsOn
        self.timeZone = rules.window.timeZone.identifier
        self.registration = Registration(
            opensAt: rules.window.opensAt, closesOn: rules.window.closesOn, deadline: rules.window.deadline,
            closedEarlyAt: rules.window.closedEarlyAt, isOpen: rules.window.isOpen(at: now)
        )
        let eligibility = rules.eligibility
        self.eligibility = EligibilityBody(
            pupils: eligibility.allowPupils, preschoolers: eligibility.allowPreschoolers, students: eligibility.allowStudents,
            teachers: eligibility.allowTeachers, gradeMin: eligibility.grades?.lowerBound, gradeMax: eligibility.grades?.upperBound,
            ageMin: eligibility.ages?.lowerBound, ageMax: eligibility.ages?.upperBound, ageReferenceDate: eligibility.ageReferenceDate
        )
        self.team = TeamBody(mode: rules.team.mode, minSize: rules.team.minSize, maxSize: rules.team.maxSize, requiredRoles: rules.team.requiredRoleList)
        self.capacity = rules.capacity
        self.perOrganisationLimit = rules.perOrganisationLimit
        self.membersOnly = rules.membersOnly
        self.resultsPublished = event.resultsPublished
        self.stages = stages?.map {
            StageBody(id: $0.id.rawValue, position: $0.position, title: $0.title, startsOn: $0.startsOn, endsOn: $0.endsOn, capacity: $0.capacity)
        }
        self.nominations = nominations?.map { NominationBody(id: $0.id.rawValue, title: $0.title, isSpecial: $0.isSpecial) }
    }
}

/// A list under one key, so the answer can grow fields later without breaking clients.
struct ListBody<Item: Encodable>: Encodable {
    var items: [Item]
}

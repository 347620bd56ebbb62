import Foundation
import SchoolNetDomain
import SchoolNetService

/// The registration window after the organiser opened or closed it.
struct RegistrationStateBody: Encodable {
    var opensAt: Date?
    var closesAt: Date?
    var closedEarlyAt: Date?
    var isOpen: Bool

    init(_ state: RegistrationWindowState) {
        self.opensAt = state.opensAt
        self.closesAt = state.closesAt
        self.closedEarlyAt = state.closedEarlyAt
        self.isOpen = state.isOpen
    }
}

/// What an advancement did.
struct AdvancementBody: Encodable {
    var stageId: Int64
    var advanced: [Int64]
    var alreadyInStage: [Int64]
    var taken: Int
    var capacity: Int?

    init(_ advancement: Advancement) {
        self.stageId = advancement.stageID.rawValue
        self.advanced = advancement.advanced.map(\.rawValue)
        self.alreadyInStage = advancement.alreadyInStage.map(\.rawValue)
        self.taken = advancement.taken
        self.capacity = advancement.capacity
    }
}

/// How many result lines were created, changed, removed or left as they were.
struct ResultsWrittenBody: Encodable {
    var created: Int
    var changed: Int
    var removed: Int
    var unchanged: Int

    init(_ written: ResultsWritten) {
        self.created = written.created
        self.changed = written.changed
        self.removed = written.removed
        self.unchanged = written.unchanged
    }
}

/// An award as code plus the special nomination's title.
struct AwardBody: Encodable {
    var code: String
    var title: String?

    init(_ award: Award) {
        self.code = award.code
        if case .specialNomination(let title) = award { self.title = title }
    }
}

/// The organiser's view of one result, draft or published.
struct EventResultBody: Encodable {
    var id: Int64
    var applicationId: Int64
    var organisationId: Int64
    var organisation: String
    var teamName: String?
    var names: [String]
    var nominationId: Int64?
    var nomination: String?
    var award: AwardBody
    var recordedAt: Date

    init(_ result: EventResult) {
        self.id = result.id.rawValue
        self.applicationId = result.applicationID.rawValue
        self.organisationId = result.organisationID.rawValue
        self.organisation = result.organisationName
        self.teamName = result.teamName
        self.names = result.names
        self.nominationId = result.nominationID?.rawValue
        self.nomination = result.nominationTitle
        self.award = AwardBody(result.award)
        self.recordedAt = result.recordedAt
    }
}

/// Results as the public sees them: names, organisation, award; built field by field so nothing personal slips in.
struct PublicResultsBody: Encodable {
    struct Line: Encodable {
        var nomination: String?
        var award: AwardBody
        var teamName: String?
        var names: [String]
        var organisation: String
    }

    var eventId: Int64
    var eventTitle: String
    var publishedAt: Date
    var results: [Line]

    init(_ results: PublicResults) {
        self.eventId = results.eventID.rawValue
        self.eventTitle = results.eventTitle
        self.publishedAt = results.publishedAt
        self.results = results.results.map {
            Line(nomination: $0.nomination, award: AwardBody($0.award), teamName: $0.teamName, names: $0.names, organisation: $0.organisation)
        }
    }
}

/// The date the results were published.
struct PublicationBody: Encodable {
    var publishedAt: Date
}

/// One juror's assignment: the whole event, one nomination and/or one stage.
struct JuryAssignmentBody: Encodable {
    var id: Int64
    var eventId: Int64
    var personId: Int64
    var jurorName: String
    var nominationId: Int64?
    var stageId: Int64?
    var role: String
    var assignedAt: Date

    init(_ assignment: JuryAssignment) {
        self.id = assignment.id.rawValue
        self.eventId = assignment.eventID.rawValue
        self.personId = assignment.personID.rawValue
        self.jurorName = assignment.jurorName
        self.nominationId = assignment.nominationID?.rawValue
        self.stageId = assignment.stageID?.rawValue
        self.role = assignment.role.rawValue
        self.assignedAt = assignment.assignedAt
    }

    enum CodingKeys: String, CodingKey { case id, eventId, personId, jurorName, nominationId, stageId, role, assignedAt }

    // Nulls spelled out: "no nomination" means the whole event, which a client should not have to infer from absence.
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(self.id, forKey: .id)
        try c.encode(self.eventId, forKey: .eventId)
        try c.encode(self.personId, forKey: .personId)
        try c.encode(self.jurorName, forKey: .jurorName)
        try c.encode(self.nominationId, forKey: .nominationId)
        try c.encode(self.stageId, forKey: .stageId)
        try c.encode(self.role, forKey: .role)
        try c.encode(self.assignedAt, forKey: .assignedAt)
    }
}

/// The applications a removal took out of the stage.
struct RemovedFromStageBody: Encodable {
    var stageId: Int64
    var removed: [Int64]
}

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

import Foundation

/// One recorded result as the event's organiser sees it, draft or published.
public struct EventResult: Sendable, Hashable, Codable {
    public var id: ResultID
    public var applicationID: ApplicationID
    public var organisationID: OrganisationID
    /// The organisation's short name, else its full name.
    public var organisationName: String
    public var teamName: String?
    /// Members as "Иванова Мария", in the order they were entered.
    public var names: [String]
    public var nominationID: NominationID?
    public var nominationTitle: String?
    public var award: Award
    public var recordedAt: Date

    public init(
        id: ResultID, applicationID: ApplicationID, organisationID: OrganisationID, organisationName: String,
        teamName: String?, names: [String], nominationID: NominationID?, nominationTitle: String?,
        award: Award, recordedAt: Date
    ) {
        self.id = id
        self.applicationID = applicationID
        self.organisationID = organisationID
        self.organisationName = organisationName
        self.teamName = teamName
        self.names = names
        self.nominationID = nominationID
        self.nominationTitle = nominationTitle
        self.award = award
        self.recordedAt = recordedAt
    }
}

import SchoolNetDomain

/// An application as judging sees it: who entered, for which school, its status and the stages it reached.
public struct Competitor: Sendable, Hashable {
    public var applicationID: ApplicationID
    public var organisationID: OrganisationID
    /// The organisation's short name, else its full name.
    public var organisationName: String
    public var status: ApplicationStatus
    public var teamName: String?
    public var nominationID: NominationID?
    /// Members as "Иванова Мария", in the order they were entered.
    public var names: [String]
    /// Stages reached: those advanced into, plus the first stage for an active application (registering enters it).
    public var stages: Set<StageID>

    public init(
        applicationID: ApplicationID, organisationID: OrganisationID, organisationName: String,
        status: ApplicationStatus, teamName: String?, nominationID: NominationID?, names: [String], stages: Set<StageID>
    ) {
        self.applicationID = applicationID
        self.organisationID = organisationID
        self.organisationName = organisationName
        self.status = status
        self.teamName = teamName
        self.nominationID = nominationID
        self.names = names
        self.stages = stages
    }

    /// How messages name the entrant: the team, else the person, else the application's number.
    public var displayName: String {
        teamName ?? names.first ?? "Заявка №\(applicationID.rawValue)"
    }
}

/// Everything an organiser sets about who may register, how, and until when.
public struct EventRules: Sendable, Hashable, Codable {
    public var eligibility: Eligibility
    public var team: TeamRules
    public var window: RegistrationWindow
    /// Places at the event, counted in `capacityUnit`; nil is unlimited.
    public var capacity: Int?
    /// Places one organisation may take, counted in `capacityUnit`; nil is unlimited.
    public var perOrganisationLimit: Int?
    public var capacityUnit: CapacityUnit
    /// Only organisations with a network agreement may apply.
    public var membersOnly: Bool

    public init(
        eligibility: Eligibility, team: TeamRules = .individual, window: RegistrationWindow,
        capacity: Int? = nil, perOrganisationLimit: Int? = nil, capacityUnit: CapacityUnit = .entries,
        membersOnly: Bool = false
    ) {
        self.eligibility = eligibility
        self.team = team
        self.window = window
        self.capacity = capacity
        self.perOrganisationLimit = perOrganisationLimit
        self.capacityUnit = capacityUnit
        self.membersOnly = membersOnly
    }

    /// Places an application with `members` takes, in `capacityUnit`.
    public func places(for members: [Entrant]) -> Int {
        capacityUnit == .entries ? 1 : members.count
    }

    /// Eligibility of every member and the team's make-up, fields as "members[i].grade"; no counts, no clock.
    public func compositionViolations(members: [Entrant], teamName: String? = nil) -> [RegistrationError] {
        var errors: [RegistrationError] = []
        for (index, member) in members.enumerated() {
            errors += eligibility.violations(for: member).map { $0.nested(under: "members[\(index)]") }
        }
        return errors + team.violations(for: members, teamName: teamName)
    }
}

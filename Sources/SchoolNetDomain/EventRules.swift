/// Everything an organiser sets about who may register, how, and until when.
public struct EventRules: Sendable, Hashable, Codable {
    public var eligibility: Eligibility
    public var team: TeamRules
    public var window: RegistrationWindow
    /// Applications the event takes (a team is one); nil is unlimited.
    public var capacity: Int?
    /// Applications one organisation may hold; nil is unlimited.
    public var perOrganisationLimit: Int?
    /// Only organisations with a network agreement may apply.
    public var membersOnly: Bool

    public init(
        eligibility: Eligibility, team: TeamRules = .individual, window: RegistrationWindow,
        capacity: Int? = nil, perOrganisationLimit: Int? = nil, membersOnly: Bool = false
    ) {
        self.eligibility = eligibility
        self.team = team
        self.window = window
        self.capacity = capacity
        self.perOrganisationLimit = perOrganisationLimit
        self.membersOnly = membersOnly
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

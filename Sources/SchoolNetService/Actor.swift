import SchoolNetDomain

/// Who is calling a service: the API token's role and organisation, and the name the audit log records.
public struct Actor: Sendable, Hashable {
    public var role: ActorRole
    /// The organisation the token acts for; nil only for the regional centre.
    public var organisationID: OrganisationID?
    public var tokenID: Int64?
    /// The user as they signed, or the token's label: `schoolnet.actor` in the audit log.
    public var name: String

    public init(role: ActorRole, organisationID: OrganisationID?, tokenID: Int64? = nil, name: String) {
        self.role = role
        self.organisationID = organisationID
        self.tokenID = tokenID
        self.name = name
    }
}

import SchoolNetDomain

/// Who calls a service: the token's organisation and role, its row id for the audit log, and the name they sign with.
// Not named `Actor`: that would shadow Swift's own `Actor` protocol in every module importing this one.
public struct Caller: Sendable, Hashable {
    /// The organisation the token acts for; nil only for the regional admin.
    public var organisationID: OrganisationID?
    public var role: ActorRole
    /// The `api_token` row (never the token itself); nil for tools run by hand.
    public var tokenID: Int64?
    /// How the caller signs: written to the application and the audit log.
    public var displayName: String

    public init(organisationID: OrganisationID?, role: ActorRole, tokenID: Int64? = nil, displayName: String) {
        self.organisationID = organisationID
        self.role = role
        self.tokenID = tokenID
        self.displayName = displayName
    }
}

extension Caller {
    /// The caller a valid token acts as: the regional admin's token acts for no organisation, and the token's
    /// label is the name it signs with (the audit log also keeps the token's id).
    public init(_ principal: TokenPrincipal) {
        self.init(organisationID: principal.role == .regionalAdmin ? nil : principal.organisationID, role: principal.role,
                  tokenID: principal.tokenID, displayName: principal.label)
    }

    /// The name written as the submitter: the display name, or the token when it has none (the column may not be blank).
    var signature: String {
        ApplicationChange.tidy(displayName) ?? tokenID.map { "token #\($0)" } ?? role.rawValue
    }
}

import SchoolNetDomain
import SchoolNetService

extension Caller {
    /// The service's view of an authenticated token: the regional admin acts for no organisation.
    init(_ principal: Principal) {
        self.init(
            organisationID: principal.role == .admin ? nil : OrganisationID(rawValue: principal.organisationID),
            role: ActorRole(principal.role),
            tokenID: principal.tokenID,
            displayName: principal.label
        )
    }
}

extension ActorRole {
    init(_ role: Role) {
        switch role {
        case .school: self = .school
        case .organiser: self = .organiser
        case .admin: self = .regionalAdmin
        }
    }
}

extension Role {
    /// The HTTP role of a token's stored role.
    public init(_ role: ActorRole) {
        switch role {
        case .school: self = .school
        case .organiser: self = .organiser
        case .regionalAdmin: self = .admin
        }
    }
}

extension Principal {
    /// The principal of a token the store found; the regional admin's token has no organisation (0 here).
    public init(_ token: TokenPrincipal) {
        self.init(organisationID: token.organisationID?.rawValue ?? 0, role: Role(token.role), tokenID: token.tokenID, label: token.label)
    }
}

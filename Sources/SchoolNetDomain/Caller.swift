/// Who is acting, from the credential that proved it to the service that decides what it may do: the one identity
/// the HTTP context carries, the CLI builds and every service takes. Made once from a credential (`TokenRepository`
/// for an API token; the CLI for the database login) and never converted again.
// Not named `Actor`: that would shadow Swift's own `Actor` protocol in every module importing this one.
public struct Caller: Sendable, Hashable {
    /// What proved who the caller is. The services look only at the role and organisation; the credential says
    /// how the caller signs the application and the audit log.
    public enum Credential: Sendable, Hashable {
        /// An API token: its `api_token` row id, never the token itself.
        case token(id: Int64)
        /// A person's own account, signed in through the web pages: the `account` and `account_session` row ids.
        case session(accountID: Int64, sessionID: Int64)
        /// Direct access to the database (the CLI without a token): whoever holds the login is the regional centre.
        case databaseLogin
    }

    /// The organisation it acts for; nil for the regional centre.
    public var organisationID: OrganisationID?
    public var role: ActorRole
    public var credential: Credential
    /// How the caller signs: written to the application and the audit log.
    public var displayName: String

    public init(organisationID: OrganisationID?, role: ActorRole, credential: Credential, displayName: String) {
        // The regional centre acts for no organisation in particular, whatever its token names.
        self.organisationID = role == .regionalAdmin ? nil : organisationID
        self.role = role
        self.credential = credential
        self.displayName = displayName
    }

    /// A token's caller when `tokenID` is given, else the database login's.
    public init(organisationID: OrganisationID?, role: ActorRole, tokenID: Int64? = nil, displayName: String) {
        self.init(
            organisationID: organisationID, role: role, credential: tokenID.map { .token(id: $0) } ?? .databaseLogin,
            displayName: displayName)
    }

    /// The `api_token` row behind this caller (for the audit log), nil for any other credential.
    public var tokenID: Int64? {
        if case .token(let id) = credential { return id }
        return nil
    }

    /// The personal account behind this caller (a web session), nil for a token or the database login.
    public var accountID: Int64? {
        if case .session(let id, _) = credential { return id }
        return nil
    }

    /// `forbidden` unless the caller's role is one of `roles`: the services' role gate, checked before anything is
    /// looked up, so a caller of the wrong role learns nothing (not even whether the thing exists).
    public func require(_ roles: [ActorRole]) throws(RegistrationRefusal) {
        guard !roles.contains(role) else { return }
        let list = roles.map(\.rawValue).joined(separator: ", ")
        throw RegistrationRefusal([
            RegistrationError(
                .forbidden, ru: "Действие доступно только ролям: \(list).", en: "Only these roles may do this: \(list).")
        ])
    }
}

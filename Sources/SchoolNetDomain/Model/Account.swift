import Foundation

/// A person's part in an organisation, as a personal account holds it; raw values are the database's
/// `account_role` labels. API tokens keep `ActorRole`; `actorRole` says which of those a membership acts as.
public enum AccountRole: String, Sendable, Hashable, Codable, CaseIterable {
    /// A school's coordinator: registers the school's pupils and teachers.
    case coordinator
    /// Someone at the organisation hosting an event.
    case organiser
    /// A juror of the organisation's events: reads and records results, nothing else.
    case juror
    /// The regional centre; the only role without an organisation.
    case regionalAdmin = "regional_admin"

    /// The token role with the same rights, or nil for a juror (no token role reads like one).
    public var actorRole: ActorRole? {
        switch self {
        case .coordinator: .school
        case .organiser: .organiser
        case .juror: nil
        case .regionalAdmin: .regionalAdmin
        }
    }
}

/// One organisation an account acts for, and as what (the regional admin's has no organisation).
public struct AccountMembership: Sendable, Hashable, Codable {
    public var organisationID: OrganisationID?
    public var role: AccountRole
    /// The organisation's short name as read with the membership, for pages; not part of its identity.
    public var organisationName: String?

    public init(organisationID: OrganisationID?, role: AccountRole, organisationName: String? = nil) {
        self.organisationID = organisationID
        self.role = role
        self.organisationName = organisationName
    }

    public static func == (a: Self, b: Self) -> Bool { a.organisationID == b.organisationID && a.role == b.role }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(organisationID)
        hasher.combine(role)
    }
}

/// An account as stored: never its password hash.
public struct Account: Sendable, Hashable, Codable {
    public var id: Int64
    public var email: String
    public var displayName: String
    public var personID: PersonID?
    public var memberships: [AccountMembership]
    public var createdAt: Date
    /// nil until the invitation is accepted.
    public var passwordSetAt: Date?
    public var disabledAt: Date?

    public init(
        id: Int64, email: String, displayName: String, personID: PersonID?, memberships: [AccountMembership],
        createdAt: Date, passwordSetAt: Date?, disabledAt: Date?
    ) {
        self.id = id
        self.email = email
        self.displayName = displayName
        self.personID = personID
        self.memberships = memberships
        self.createdAt = createdAt
        self.passwordSetAt = passwordSetAt
        self.disabledAt = disabledAt
    }
}

/// Who a valid session belongs to: everything a caller identity needs (the account signs the audit log, the
/// memberships say what it may do), read afresh on every request so a revoked membership takes effect at once.
public struct AccountPrincipal: Sendable, Hashable, Codable {
    public var accountID: Int64
    /// The `account_session` row (never the session id itself).
    public var sessionID: Int64
    public var email: String
    public var displayName: String
    public var personID: PersonID?
    public var memberships: [AccountMembership]

    public init(
        accountID: Int64, sessionID: Int64, email: String, displayName: String, personID: PersonID?,
        memberships: [AccountMembership]
    ) {
        self.accountID = accountID
        self.sessionID = sessionID
        self.email = email
        self.displayName = displayName
        self.personID = personID
        self.memberships = memberships
    }

    /// How the person signs in the audit log: `account:ID display name`.
    public var signature: String { "account:\(accountID) \(displayName)" }
}

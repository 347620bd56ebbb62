/// What the HTTP layer needs from the rest of the system, as closures the service layer fills in.
/// Tests pass doubles that fail unless a test sets what it uses.
public struct AppDependencies: Sendable {
    /// Throws when the service cannot serve requests (database unreachable, for instance).
    public var readiness: @Sendable () async throws -> Void
    /// The principal of a raw bearer token, or nil when the token is unknown, revoked or expired.
    public var authenticate: @Sendable (_ token: String) async throws -> Principal?
    /// The use cases behind `/v1`; nil answers every `/v1` route with 503 (tests of the HTTP layer alone).
    public var services: APIServices?
    /// Unknown tokens per client address: too many and the address gets 429 before any lookup.
    public var unknownTokens: BadTokenLimiter

    public init(
        readiness: @escaping @Sendable () async throws -> Void,
        authenticate: @escaping @Sendable (_ token: String) async throws -> Principal?,
        services: APIServices? = nil,
        unknownTokens: BadTokenLimiter = BadTokenLimiter()
    ) {
        self.readiness = readiness
        self.authenticate = authenticate
        self.services = services
        self.unknownTokens = unknownTokens
    }
}

/// Who is calling: the organisation and role a token is scoped to (the admin's organisation is 0: none).
public struct Principal: Sendable, Equatable, Hashable {
    public var organisationID: Int64
    public var role: Role
    /// The token's row id (never the token itself), for audit records.
    public var tokenID: Int64
    /// The token's label, signed into applications and the audit log as who acted.
    public var label: String

    public init(organisationID: Int64, role: Role, tokenID: Int64, label: String = "") {
        self.organisationID = organisationID
        self.role = role
        self.tokenID = tokenID
        self.label = label
    }
}

/// What a token may do: a school registers, an organiser runs its events, an admin runs the network.
public enum Role: String, Sendable, CaseIterable, Codable {
    case school
    case organiser
    case admin
}

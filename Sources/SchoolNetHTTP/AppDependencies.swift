/// What the HTTP layer needs from the rest of the system, as closures the service layer fills in.
/// Tests pass doubles that fail unless a test sets what it uses.
public struct AppDependencies: Sendable {
    /// Throws when the service cannot serve requests (database unreachable, for instance).
    public var readiness: @Sendable () async throws -> Void
    /// The principal of a raw bearer token, or nil when the token is unknown, revoked or expired.
    public var authenticate: @Sendable (_ token: String) async throws -> Principal?

    public init(
        readiness: @escaping @Sendable () async throws -> Void,
        authenticate: @escaping @Sendable (_ token: String) async throws -> Principal?
    ) {
        self.readiness = readiness
        self.authenticate = authenticate
    }
}

/// Who is calling: the organisation and role a token is scoped to.
public struct Principal: Sendable, Equatable, Hashable {
    public var organisationID: Int64
    public var role: Role
    /// The token's row id (never the token itself), for audit records.
    public var tokenID: Int64

    public init(organisationID: Int64, role: Role, tokenID: Int64) {
        self.organisationID = organisationID
        self.role = role
        self.tokenID = tokenID
    }
}

/// What a token may do: a school registers, an organiser runs its events, an admin runs the network.
public enum Role: String, Sendable, CaseIterable, Codable {
    case school
    case organiser
    case admin
}

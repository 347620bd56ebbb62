import SchoolNetDomain

/// What the HTTP layer needs from the rest of the system, as closures the service layer fills in.
/// Tests pass doubles that fail unless a test sets what it uses.
public struct AppDependencies: Sendable {
    /// Throws when the service cannot serve requests (database unreachable, for instance).
    public var readiness: @Sendable () async throws -> Void
    /// The caller a raw bearer token acts as, or nil when the token is unknown, revoked or expired.
    public var authenticate: @Sendable (_ token: String) async throws -> Caller?
    /// The use cases behind `/v1`; nil answers every `/v1` route with 503 (tests of the HTTP layer alone).
    public var services: APIServices?
    /// Unknown tokens per client address: too many and the address gets 429 before any lookup.
    public var unknownTokens: BadTokenLimiter

    public init(
        readiness: @escaping @Sendable () async throws -> Void,
        authenticate: @escaping @Sendable (_ token: String) async throws -> Caller?,
        services: APIServices? = nil,
        unknownTokens: BadTokenLimiter = BadTokenLimiter()
    ) {
        self.readiness = readiness
        self.authenticate = authenticate
        self.services = services
        self.unknownTokens = unknownTokens
    }
}

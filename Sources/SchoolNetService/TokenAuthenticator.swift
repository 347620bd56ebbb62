import Foundation
import PQ
import SchoolNetDomain
import SchoolNetStore

/// Who a raw bearer token belongs to: looked up by its SHA-256 in PostgreSQL (`TokenRepository.lookup`).
public struct TokenAuthenticator: Sendable {
    let pool: PQPool
    let time: any TimeSource
    let tokens = TokenRepository()

    /// An authenticator over `pool`, judging expiry by `time`.
    public init(pool: PQPool, time: any TimeSource) {
        self.pool = pool
        self.time = time
    }

    /// The token's scope, or nil when it is unknown, revoked or expired.
    public func principal(of raw: String) async throws -> TokenPrincipal? {
        let now = time.now()
        // lookup may move last_used_at, so it needs a writing transaction.
        return try await pool.withTransaction { [tokens] conn in try tokens.lookup(raw, at: now, on: conn) }
    }

    /// The caller the token acts as (what the CLI hands the services), or nil when it is unknown, revoked or expired.
    public func caller(of raw: String) async throws -> Caller? {
        try await principal(of: raw).map(Caller.init)
    }
}

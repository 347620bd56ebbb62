import Foundation
import PQ
import SchoolNetDomain
import SchoolNetStore

/// Who a raw bearer token belongs to: looked up by its SHA-256, computed here (`TokenRepository.hash`), so the raw
/// token never reaches PostgreSQL. The lookup is one SELECT in autocommit (a read-only statement, one round trip on
/// every authenticated request rather than BEGIN/SELECT/COMMIT), so authentication works on a read-only database;
/// noting the last use is a separate single-statement write, best effort.
public struct TokenAuthenticator: Sendable {
    let pool: PQPool
    let time: any TimeSource
    let tokens = TokenRepository()

    /// An authenticator over `pool`, judging expiry by `time`.
    public init(pool: PQPool, time: any TimeSource) {
        self.pool = pool
        self.time = time
    }

    /// The caller the token acts as (the HTTP API's and the CLI's), or nil when it is unknown, revoked or expired.
    public func caller(of raw: String) async throws -> Caller? {
        let now = time.now()
        guard let found = try await pool.withConnection({ [tokens] conn in try tokens.find(raw, at: now, on: conn) }) else {
            return nil
        }
        if TokenRepository.needsTouch(lastUsedAt: found.lastUsedAt, at: now), let id = found.caller.tokenID {
            // Best effort: a read-only database (a standby, a maintenance window) still authenticates.
            _ = try? await pool.withConnection { [tokens] conn in try tokens.touch(id, at: now, on: conn) }
        }
        return found.caller
    }
}

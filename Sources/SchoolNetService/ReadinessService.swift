import PQ
import SchoolNetStore

/// Readiness for the HTTP health route. Ready means: a connection answers, the database takes writes (not a
/// standby, not read-only), and no request met "disk full", "out of resources" or "shutting down" in the
/// last 30 seconds (`PQPool.recentUnavailability`).
public struct ReadinessService: Sendable {
    let pool: PQPool

    public init(pool: PQPool) {
        self.pool = pool
    }

    public func check() async throws {
        let readOnly = try await pool.withConnection { conn in try HealthRepository().isReadOnly(on: conn) }
        if readOnly {
            throw PQError(kind: .other, sqlState: .readOnlySqlTransaction, message: "the database is read-only")
        }
        if let recent = pool.recentUnavailability(within: .seconds(30)) { throw recent }
    }
}

import PQ
import SchoolNetStore

/// Readiness for the HTTP health route: a connection of the pool answers a trivial query.
public struct ReadinessService: Sendable {
    let pool: PQPool

    public init(pool: PQPool) {
        self.pool = pool
    }

    public func check() async throws {
        try await pool.withConnection { conn in try HealthRepository().ping(on: conn) }
    }
}

import PQ

/// Whether the database answers: a trivial query on a connection of the pool.
public struct HealthRepository: Sendable {
    public init() {}

    public func ping(on conn: PQConnection) throws {
        _ = try conn.query("SELECT 1")
    }
}

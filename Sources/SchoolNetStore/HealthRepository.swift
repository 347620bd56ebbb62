import PQ

/// Whether the database answers and takes writes: a trivial query on a connection of the pool.
public struct HealthRepository: Sendable {
    public init() {}

    public func ping(on conn: PQConnection) throws {
        _ = try conn.query("SELECT 1")
    }

    /// True on a standby or when writes are refused by `default_transaction_read_only`.
    public func isReadOnly(on conn: PQConnection) throws -> Bool {
        try conn.query("SELECT pg_is_in_recovery() OR current_setting('default_transaction_read_only')::bool")[0].decode(0)
    }
}

import PQ

extension Migrator {
    /// Applies pending migrations on one of the pool's connections (server start-up).
    @discardableResult
    public func migrate(_ pool: PQPool) async throws -> [String] {
        try await pool.withConnection { conn in try self.migrate(conn) }
    }

    /// The status of every migration, read on one of the pool's connections.
    public func status(_ pool: PQPool) async throws -> [MigrationStatus] {
        try await pool.withConnection { conn in try self.status(conn) }
    }
}

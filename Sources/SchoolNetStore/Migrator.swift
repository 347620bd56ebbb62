import Foundation
import PQ

/// Applies migrations in name order, each in its own transaction, recording name and SHA-256 in
/// `schema_migrations`. It refuses to run when an applied file has changed or is unknown, and
/// holds a PostgreSQL advisory lock while it works, so any number of migrators (one per server
/// instance at start-up) may run at once: one applies, the others wait and find nothing to do.
/// After the migrations it re-creates the `analytics` schema's views from `sql/analytics` in one
/// transaction, but only when those files changed since the last time (their checksum is kept in
/// `schema_analytics`) or a migration was applied now: re-creating a view needs an exclusive lock
/// on it, and an analyst's open transaction that read it would otherwise make every start-up wait.
/// Every transaction of the migrator runs with `lock_timeout`, so it fails with a lock timeout
/// instead of queueing (and making every other session queue behind it) when a lock is held.
public struct Migrator: Sendable {
    public let migrations: [Migration]
    /// The analytics files applied after the migrations, in name order.
    public let analytics: [Migration]
    /// How long any statement of the migrator waits for a lock before it fails (`lock_timeout`).
    public var lockTimeout: Duration = .seconds(10)

    /// The advisory lock key every SchoolNet migrator takes ("SchoolNt" in ASCII).
    public static let lockKey: Int64 = 0x5363_686F_6F6C_4E74

    /// `analytics` defaults to the embedded files when `migrations` are the embedded ones, and to
    /// none for any other list: views over tables a partial list never creates could not apply.
    public init(migrations: [Migration] = EmbeddedSQL.migrations, analytics: [Migration]? = nil) {
        self.migrations = migrations.sorted { $0.name < $1.name }
        self.analytics = (analytics ?? (migrations == EmbeddedSQL.migrations ? EmbeddedSQL.analytics : []))
            .sorted { $0.name < $1.name }
    }

    /// Applies every pending migration; returns the names applied now (empty when up to date).
    @discardableResult
    public func migrate(_ conn: PQConnection) throws -> [String] {
        try withLock(conn) {
            try conn.executeScript(Self.createTable)
            let applied = try verified(conn)
            var done: [String] = []
            for migration in migrations where applied[migration.name] == nil {
                let sum = try checksum(migration, conn)
                try conn.transaction { tx in
                    try setLockTimeout(tx)
                    try tx.executeScript(migration.sql)
                    try tx.execute("INSERT INTO schema_migrations (name, checksum) VALUES ($1, $2)", [migration.name, sum])
                }
                done.append(migration.name)
            }
            try applyAnalytics(conn, force: !done.isEmpty)
            return done
        }
    }

    /// Every known migration and every recorded one, in name order, with where it stands.
    public func status(_ conn: PQConnection) throws -> [MigrationStatus] {
        let recorded = try recordedMigrations(conn)
        var result: [MigrationStatus] = []
        for migration in migrations {
            if let row = recorded[migration.name] {
                let same = try checksum(migration, conn) == row.checksum
                result.append(MigrationStatus(name: migration.name, state: same ? .applied : .changed, appliedAt: row.appliedAt))
            } else {
                result.append(MigrationStatus(name: migration.name, state: .pending, appliedAt: nil))
            }
        }
        let known = Set(migrations.map(\.name))
        for (name, row) in recorded where !known.contains(name) {
            result.append(MigrationStatus(name: name, state: .unknown, appliedAt: row.appliedAt))
        }
        return result.sorted { $0.name < $1.name }
    }

    /// The hex SHA-256 of the migration's UTF-8 bytes, computed by the server (pgcrypto not needed).
    public func checksum(_ migration: Migration, _ conn: PQConnection) throws -> String {
        try scalar(conn, "SELECT encode(sha256($1), 'hex')", [PQBytes(Array(migration.sql.utf8))], as: String.self)
    }

    static let createTable = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            name       text PRIMARY KEY,
            checksum   text NOT NULL CHECK (checksum ~ '^[0-9a-f]{64}$'),
            applied_at timestamptz NOT NULL DEFAULT now()
        );
        CREATE TABLE IF NOT EXISTS schema_analytics (
            one        boolean PRIMARY KEY DEFAULT true CHECK (one),
            checksum   text NOT NULL CHECK (checksum ~ '^[0-9a-f]{64}$'),
            applied_at timestamptz NOT NULL DEFAULT now()
        )
        """

    private struct Recorded {
        var checksum: String
        var appliedAt: Date
    }

    private func recordedMigrations(_ conn: PQConnection) throws -> [String: Recorded] {
        guard try scalar(conn, "SELECT to_regclass('schema_migrations') IS NOT NULL", as: Bool.self) else { return [:] }
        var recorded: [String: Recorded] = [:]
        for row in try conn.query("SELECT name, checksum, applied_at FROM schema_migrations") {
            recorded[try row.decode(0, as: String.self)] = Recorded(
                checksum: try row.decode(1, as: String.self), appliedAt: try row.decode(2, as: Date.self))
        }
        return recorded
    }

    /// The recorded migrations, after checking each still matches its file.
    private func verified(_ conn: PQConnection) throws -> [String: Recorded] {
        let recorded = try recordedMigrations(conn)
        let byName = Dictionary(uniqueKeysWithValues: migrations.map { ($0.name, $0) })
        for name in recorded.keys.sorted() {
            guard let migration = byName[name] else { throw MigratorError.unknown(name: name) }
            let current = try checksum(migration, conn)
            if current != recorded[name]!.checksum {
                throw MigratorError.changed(name: name, recorded: recorded[name]!.checksum, current: current)
            }
        }
        return recorded
    }

    private func scalar<T: PQDecodable>(
        _ conn: PQConnection, _ sql: String, _ parameters: [any PQEncodable] = [], as type: T.Type
    ) throws -> T {
        guard let row = try conn.query(sql, parameters).first else {
            throw PQError(kind: .decoding, message: "no row from: \(sql)")
        }
        return try row.decode(0, as: T.self)
    }

    /// The hex SHA-256 of every analytics file's name and text, in name order.
    public func analyticsChecksum(_ conn: PQConnection) throws -> String {
        var bytes: [UInt8] = []
        for file in analytics { bytes += Array(file.name.utf8) + [0] + Array(file.sql.utf8) + [0] }
        return try scalar(conn, "SELECT encode(sha256($1), 'hex')", [PQBytes(bytes)], as: String.self)
    }

    /// Re-creates the analytics views, all files or none, under the migrator's lock; when `force` is false, only
    /// if the files differ from the ones applied last (then nothing here takes a lock on any view).
    func applyAnalytics(_ conn: PQConnection, force: Bool) throws {
        guard !analytics.isEmpty else { return }
        let sum = try analyticsChecksum(conn)
        if !force {
            let recorded = try conn.query("SELECT checksum FROM schema_analytics").first.map { try $0.decode(0, as: String.self) }
            if recorded == sum { return }
        }
        try conn.transaction { tx in
            try setLockTimeout(tx)
            for file in analytics { try tx.executeScript(file.sql) }
            try tx.execute(
                """
                INSERT INTO schema_analytics (checksum) VALUES ($1)
                ON CONFLICT (one) DO UPDATE SET checksum = excluded.checksum, applied_at = now()
                """, [sum])
        }
    }

    /// `lock_timeout` for the rest of the transaction.
    private func setLockTimeout(_ tx: PQConnection) throws {
        let ms = lockTimeout.components.seconds * 1000 + lockTimeout.components.attoseconds / 1_000_000_000_000_000
        try tx.execute("SELECT set_config('lock_timeout', $1, true)", ["\(max(ms, 1))ms"])
    }

    private func withLock<T>(_ conn: PQConnection, _ body: () throws -> T) throws -> T {
        try conn.execute("SELECT pg_advisory_lock($1)", [Self.lockKey])
        defer { _ = try? conn.execute("SELECT pg_advisory_unlock($1)", [Self.lockKey]) }
        return try body()
    }
}

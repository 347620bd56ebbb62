import Foundation
import PQ
import SchoolNetStore

extension TestDatabase {
    /// A new database of its own, cloned from a template migrated with this build's migrations:
    /// suites run in parallel and never see each other's rows. Fails without scripts/test.
    public static func migrated(_ label: String) throws -> PQConfiguration {
        try fresh(label, template: try MigratedTemplate.shared.name())
    }

    /// A pool on a new migrated database (see `migrated`); shut it down at the end of the test.
    public static func pool(_ label: String, size: Int = 4) throws -> PQPool {
        PQPool(configuration: try migrated(label), size: size)
    }

    /// The template database `migrated` clones: `schoolnet_template_<checksum of the migrations>`.
    public static func templateName() throws -> String {
        try MigratedTemplate.shared.name()
    }
}

/// Builds the migrated template once per process and once per server: a lock serialises this
/// process's suites, a PostgreSQL advisory lock serialises concurrent test processes.
final class MigratedTemplate: @unchecked Sendable {
    static let shared = MigratedTemplate()

    /// "SN templ" in ASCII; apart from the Migrator's key so the two never wait on each other.
    static let lockKey: Int64 = 0x534E_2074_656D_706C

    private let lock = NSLock()
    private var built: String?

    func name() throws -> String {
        try lock.withLock {
            if let built { return built }
            let name = try build()
            built = name
            return name
        }
    }

    private func build() throws -> String {
        let admin = try PQConnection(try TestDatabase.configuration())
        let name = "schoolnet_template_" + (try checksum(admin))
        try admin.execute("SELECT pg_advisory_lock($1)", [Self.lockKey])
        defer { _ = try? admin.execute("SELECT pg_advisory_unlock($1)", [Self.lockKey]) }
        if try exists(name, admin) { return name }

        // Built under another name and renamed when complete: a run killed half-way leaves no
        // half-migrated template behind, only a scratch database the next run drops.
        let scratch = name + "_building"
        try admin.executeScript("DROP DATABASE IF EXISTS \(try admin.escapeIdentifier(scratch))")
        try admin.executeScript("CREATE DATABASE \(try admin.escapeIdentifier(scratch))")
        var config = try TestDatabase.configuration()
        config.database = scratch
        do {
            // The connection must be closed before the rename and before any clone.
            let conn = try PQConnection(config)
            try Migrator().migrate(conn)
        }
        try admin.executeScript(
            "ALTER DATABASE \(try admin.escapeIdentifier(scratch)) RENAME TO \(try admin.escapeIdentifier(name))")
        try admin.executeScript("ALTER DATABASE \(try admin.escapeIdentifier(name)) IS_TEMPLATE true")
        return name
    }

    private func exists(_ name: String, _ conn: PQConnection) throws -> Bool {
        !(try conn.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]).isEmpty)
    }

    /// The first 16 hex digits of the SHA-256 of every migration's name and text: a changed
    /// migration gets a new template instead of clones of a stale one.
    private func checksum(_ conn: PQConnection) throws -> String {
        var bytes: [UInt8] = []
        for migration in Migrator().migrations {
            bytes += Array(migration.name.utf8) + [0] + Array(migration.sql.utf8) + [0]
        }
        guard let row = try conn.query("SELECT left(encode(sha256($1), 'hex'), 16)", [PQBytes(bytes)]).first else {
            throw PQError(kind: .decoding, message: "sha256 returned no row")
        }
        return try row.decode(0, as: String.self)
    }
}

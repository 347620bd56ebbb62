import Foundation
import PQ
import Testing
@testable import SchoolNetStore

@Suite struct MigratorTests {
    let all = EmbeddedSQL.migrations.map(\.name)

    @Test func migratesAnEmptyDatabaseThenFindsNothingToDo() throws {
        let conn = try PQConnection(try MigratedDatabase.empty("migrator_empty"))
        #expect(try Migrator().status(conn).allSatisfy { $0.state == .pending })
        #expect(try Migrator().migrate(conn) == all)
        #expect(try Migrator().migrate(conn) == [])
        let status = try Migrator().status(conn)
        #expect(status.map(\.name) == all)
        #expect(status.allSatisfy { $0.state == .applied && $0.appliedAt != nil })
        let recorded = try conn.query("SELECT name FROM schema_migrations ORDER BY name").map { try $0.decode(0, as: String.self) }
        #expect(recorded == all)
    }

    @Test func appliesOnlyWhatIsPending() throws {
        let conn = try PQConnection(try MigratedDatabase.empty("migrator_pending"))
        let first = Array(EmbeddedSQL.migrations.prefix(3))
        #expect(try Migrator(migrations: first).migrate(conn) == first.map(\.name))
        #expect(try Migrator().migrate(conn) == Array(all.dropFirst(3)))
    }

    @Test func refusesAChangedMigration() throws {
        let conn = try PQConnection(try MigratedDatabase.empty("migrator_changed"))
        try Migrator().migrate(conn)
        var edited = EmbeddedSQL.migrations
        edited[1] = Migration(name: edited[1].name, sql: edited[1].sql + "\n-- an edit after release\n")
        let migrator = Migrator(migrations: edited)
        #expect(throws: MigratorError.self) { try migrator.migrate(conn) }
        do {
            try migrator.migrate(conn)
        } catch let MigratorError.changed(name, recorded, current) {
            #expect(name == edited[1].name)
            #expect(recorded != current)
        }
        #expect(try migrator.status(conn).first { $0.name == edited[1].name }?.state == .changed)
    }

    @Test func refusesADatabaseNewerThanTheCode() throws {
        let conn = try PQConnection(try MigratedDatabase.empty("migrator_newer"))
        try Migrator().migrate(conn)
        let older = Migrator(migrations: Array(EmbeddedSQL.migrations.dropLast()))
        #expect(throws: MigratorError.unknown(name: all.last!)) { try older.migrate(conn) }
        #expect(try older.status(conn).last?.state == .unknown)
    }

    @Test func aFailingMigrationLeavesNoTrace() throws {
        let conn = try PQConnection(try MigratedDatabase.empty("migrator_failing"))
        let broken = EmbeddedSQL.migrations + [Migration(name: "9999_broken.sql", sql: "CREATE TABLE half_done (x int);\nSELECT 1/0;")]
        #expect(throws: PQError.self) { try Migrator(migrations: broken).migrate(conn) }
        #expect(try conn.query("SELECT to_regclass('half_done') IS NULL").first!.decode(0, as: Bool.self))
        #expect(try Migrator(migrations: broken).status(conn).last?.state == .pending)
        // the lock was released: another migrator gets it at once
        #expect(try Migrator().migrate(conn) == [])
    }

    @Test func concurrentMigratorsApplyEachMigrationOnce() throws {
        let config = try MigratedDatabase.empty("migrator_concurrent")
        let runs = 4
        let results = Results<Result<[String], any Error>>(count: runs)
        DispatchQueue.concurrentPerform(iterations: runs) { i in
            results.set(i, Result { try Migrator().migrate(try PQConnection(config)) })
        }
        let applied = try results.values.map { try $0.get() }
        #expect(applied.flatMap { $0 }.sorted() == all, "every migration applied exactly once in all")
        let conn = try PQConnection(config)
        #expect(try conn.query("SELECT count(*) FROM schema_migrations").first!.decode(0, as: Int64.self) == Int64(all.count))
    }
}

/// Results written by concurrent workers, one slot each.
final class Results<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [T?]
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ value: T) { lock.withLock { slots[i] = value } }
    var values: [T] { lock.withLock { slots.map { $0! } } }
}

@Suite struct MigratorPoolTests {
    @Test func migratesThroughAPool() async throws {
        let pool = PQPool(configuration: try MigratedDatabase.empty("migrator_pool"), size: 2)
        let applied = try await Migrator().migrate(pool)
        let status = try await Migrator().status(pool)
        await pool.shutdown()
        #expect(applied == EmbeddedSQL.migrations.map(\.name))
        #expect(status.allSatisfy { $0.state == .applied })
    }
}

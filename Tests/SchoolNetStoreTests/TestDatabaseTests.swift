import Foundation
import PQ
import SchoolNetStore
import SchoolNetTestSupport
import Testing

@Suite struct TestDatabaseTests {
    @Test func aMigratedDatabaseHasEveryMigrationApplied() throws {
        let conn = try PQConnection(try TestDatabase.migrated("tdb_applied"))
        #expect(try Migrator().status(conn).allSatisfy { $0.state == .applied })
        #expect(try conn.query("SELECT count(*) FROM country").first?.decode(0, as: Int64.self) == 2)
    }

    @Test func everyCallGetsADatabaseOfItsOwn() throws {
        let a = try PQConnection(try TestDatabase.migrated("tdb_own"))
        let b = try PQConnection(try TestDatabase.migrated("tdb_own"))
        #expect(a.configuration.database != b.configuration.database)
        try a.execute("INSERT INTO country (code, name) VALUES ('BY', 'Беларусь')")
        #expect(try b.query("SELECT 1 FROM country WHERE code = 'BY'").isEmpty)
    }

    @Test func theTemplateIsNamedAfterTheMigrations() throws {
        let name = try TestDatabase.templateName()
        #expect(name.hasPrefix("schoolnet_template_"))
        #expect(name.count == "schoolnet_template_".count + 16)
        let admin = try PQConnection(try TestDatabase.configuration())
        #expect(try admin.query("SELECT datistemplate FROM pg_database WHERE datname = $1", [name]).first?.decode(0, as: Bool.self) == true)
        #expect(try admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name + "_building"]).isEmpty)
    }

    @Test func clonesMayBeMadeConcurrently() throws {
        let count = 6
        let names = Results<Result<String?, any Error>>(count: count)
        DispatchQueue.concurrentPerform(iterations: count) { i in
            names.set(i, Result { try TestDatabase.migrated("tdb_concurrent").database })
        }
        let databases = try names.values.map { try $0.get() }
        #expect(Set(databases).count == count)
    }

    @Test func aPoolWorksOnItsOwnMigratedDatabase() async throws {
        let pool = try TestDatabase.pool("tdb_pool", size: 2)
        let n = try await pool.withConnection { conn in
            try conn.query("SELECT count(*) FROM schema_migrations").first?.decode(0, as: Int64.self)
        }
        #expect(n == Int64(Migrator().migrations.count))
        await pool.shutdown()
    }

    @Test func withoutTheTestServerItFailsNamingTheScript() {
        // The variable can't be unset here without racing the parallel suites; the error is what a run without it gets.
        #expect(TestDatabaseError.missing.description.contains("run scripts/test"))
    }
}

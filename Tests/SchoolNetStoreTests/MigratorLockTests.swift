import Foundation
import PQ
import Testing
@testable import SchoolNetStore

/// `db migrate` with nothing to do never waits for an analyst: the analytics views are re-created only when their
/// files changed (or a migration was applied), and every transaction of the migrator has a lock_timeout.
@Suite struct MigratorLockTests {
    func views(_ conn: PQConnection) throws -> [String] {
        try conn.query("SELECT viewname::text FROM pg_views WHERE schemaname = 'analytics' ORDER BY 1").map { try $0.decode(0, as: String.self) }
    }

    @Test func nothingToDoReturnsWhileAnAnalystHoldsALockOnAView() throws {
        let config = try MigratedDatabase.migrated("migrate_analyst_open")
        let analyst = try PQConnection(config)
        try analyst.execute("BEGIN")
        _ = try analyst.query("SELECT count(*) FROM analytics.participation")  // AccessShareLock until COMMIT
        defer { _ = try? analyst.execute("ROLLBACK") }

        let conn = try PQConnection(config)
        // Only a bound for today's behaviour (DROP VIEW waits for the analyst forever): not a timing assertion.
        try conn.execute("SET statement_timeout = '60s'")
        #expect(try Migrator().migrate(conn) == [])
        #expect(try conn.query("SELECT count(*) FROM schema_analytics").first?.decode(0, as: Int64.self) == 1)
    }

    @Test func changedAnalyticsFilesWaitOnlyUpToTheLockTimeout() throws {
        let config = try MigratedDatabase.migrated("migrate_analyst_changed")
        let analyst = try PQConnection(config)
        try analyst.execute("BEGIN")
        _ = try analyst.query("SELECT count(*) FROM analytics.participation")
        defer { _ = try? analyst.execute("ROLLBACK") }

        let conn = try PQConnection(config)
        try conn.execute("SET statement_timeout = '60s'")
        var migrator = Migrator(analytics: EmbeddedSQL.analytics + [Migration(name: "999_extra.sql", sql: "-- changed\n")])
        migrator.lockTimeout = .milliseconds(200)
        do {
            try migrator.migrate(conn)
            Issue.record("re-creating the views should have met the analyst's lock")
        } catch let error as PQError {
            #expect(error.sqlState?.rawValue == "55P03", "lock_not_available, not a statement timeout: \(error.message)")
        }
        try analyst.execute("ROLLBACK")
        #expect(try migrator.migrate(conn) == [])
    }

    @Test func viewsAreRecreatedOnlyWhenTheirFilesChange() throws {
        let conn = try PQConnection(try MigratedDatabase.migrated("migrate_analytics_checksum"))
        let first = try views(conn)
        #expect(first.contains("participation"))
        try conn.executeScript("DROP VIEW analytics.year_over_year")
        #expect(try Migrator().migrate(conn) == [])
        #expect(!(try views(conn)).contains("year_over_year"), "unchanged files: nothing re-created")

        let changed = Migrator(analytics: EmbeddedSQL.analytics + [Migration(name: "999_extra.sql", sql: "-- changed\n")])
        #expect(try changed.migrate(conn) == [])
        #expect(try views(conn) == first)
        let recorded = try conn.query("SELECT checksum FROM schema_analytics").first?.decode(0, as: String.self)
        #expect(recorded == (try changed.analyticsChecksum(conn)))
    }
}

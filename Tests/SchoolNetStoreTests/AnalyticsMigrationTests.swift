import PQ
import Testing
@testable import SchoolNetStore

/// The migrator re-creates the analytics views from sql/analytics when those files changed (see MigratorLockTests).
@Suite struct AnalyticsMigrationTests {
    func views(_ conn: PQConnection) throws -> [String] {
        try conn.query("SELECT viewname::text FROM pg_views WHERE schemaname = 'analytics' ORDER BY 1").map { try $0.decode(0, as: String.self) }
    }

    @Test func aChangedAnalyticsFileRecreatesTheViews() throws {
        let conn = try PQConnection(try MigratedDatabase.migrated("analytics_recreate"))
        let first = try views(conn)
        #expect(first.contains("participation"))
        #expect(first.contains("event_participation"))
        #expect(first.contains("year_totals"))
        try conn.executeScript("DROP VIEW analytics.year_over_year")
        let changed = Migrator(analytics: EmbeddedSQL.analytics + [Migration(name: "999_comment.sql", sql: "-- a change\n")])
        #expect(try changed.migrate(conn) == [], "analytics files are never recorded as migrations")
        #expect(try views(conn) == first)
        #expect(try conn.query("SELECT count(*) FROM schema_migrations WHERE name !~ '^[0-9]{4}_'").first?.decode(0, as: Int64.self) == 0)
    }

    @Test func aPartialListOfMigrationsAppliesNoAnalytics() throws {
        let conn = try PQConnection(try MigratedDatabase.empty("analytics_partial"))
        let migrator = Migrator(migrations: Array(EmbeddedSQL.migrations.prefix(2)))
        #expect(migrator.analytics.isEmpty)
        try migrator.migrate(conn)
        #expect(try views(conn).isEmpty)
        #expect(Migrator().analytics.map(\.name) == EmbeddedSQL.analytics.map(\.name))
    }

    @Test func aBrokenAnalyticsFileChangesNothing() throws {
        let conn = try PQConnection(try MigratedDatabase.migrated("analytics_broken"))
        let before = try views(conn)
        let broken = EmbeddedSQL.analytics + [Migration(name: "999_broken.sql", sql: "CREATE VIEW analytics.nope AS SELECT 1/0 FROM no_such_table;")]
        #expect(throws: PQError.self) { try Migrator(analytics: broken).migrate(conn) }
        #expect(try views(conn) == before, "the views dropped by 000_schema.sql came back with the rollback")
    }
}

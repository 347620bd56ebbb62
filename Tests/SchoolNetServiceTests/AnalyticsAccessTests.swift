import Foundation
import PQ
import SchoolNetStore
import Testing

/// `grant_analyst`: an analyst reads the analytics views and nothing personal.
@Suite struct AnalyticsAccessTests {
    /// A new login role (roles are cluster-wide: a unique name per run) granted analytics access.
    static func analyst(_ label: String) throws -> (owner: PQConnection, analyst: PQConnection, role: String) {
        let config = try AnalyticsFixture.database(label)
        let owner = try PQConnection(config)
        let role = "analyst_\(getpid())_\(UInt32.random(in: 0...UInt32.max))"
        try owner.executeScript("CREATE ROLE \(try owner.escapeIdentifier(role)) LOGIN")
        try AnalyticsRepository().grantAnalyst(role: role, on: owner)
        var analystConfig = config
        analystConfig.options["user"] = role
        return (owner, try PQConnection(analystConfig), role)
    }

    func refused(_ conn: PQConnection, _ sql: String) -> PQError? {
        do {
            _ = try conn.query(sql)
            return nil
        } catch let error as PQError {
            return error
        } catch {
            return nil
        }
    }

    @Test func analystReadsTheViewsButNoPersonalData() throws {
        let (_, analyst, role) = try Self.analyst("analytics_access")
        #expect(try analyst.query("SELECT current_user::text").first?.decode(0, as: String.self) == role)
        #expect(try analyst.query("SELECT sum(participations)::bigint FROM analytics.year_totals").first?.decode(0, as: Int64.self) == 54)
        #expect(try analyst.query("SELECT count(*) FROM analytics.participation").first?.decode(0, as: Int64.self) ?? 0 > 0)
        #expect(try analyst.query("SELECT count(*) FROM analytics.most_active_organisations('2020-2021')").first?.decode(0, as: Int64.self) == 6)
        for sql in [
            "SELECT birth_date FROM person",
            "SELECT contact_email, contact_phone, responsible_name FROM application",
            "SELECT token_hash FROM api_token",
            "SELECT * FROM audit_log",
            "SELECT * FROM personal_data_consent",
            "SELECT * FROM match_people('Иванова', 'Мария', NULL, '2009-03-15')",
            "SELECT grant_analyst(current_user)"
        ] {
            let error = refused(analyst, sql)
            #expect(error?.sqlState == .insufficientPrivilege, "\(sql): \(String(describing: error))")
        }
        #expect(refused(analyst, "CREATE TABLE analytics.mine (x int)")?.sqlState == .insufficientPrivilege)
    }

    /// Re-creating the views on the next migrate keeps the analyst's access.
    @Test func accessSurvivesAMigrate() throws {
        let (owner, analyst, _) = try Self.analyst("analytics_access_migrate")
        try Migrator().migrate(owner)
        #expect(try analyst.query("SELECT count(*) FROM analytics.event_participation").first?.decode(0, as: Int64.self) == 7)
        #expect(refused(analyst, "SELECT birth_date FROM person")?.sqlState == .insufficientPrivilege)
    }

    @Test func superusersAndUnknownRolesAreRefused() throws {
        let owner = try AnalyticsFixture.connect("analytics_access_refusals")
        #expect(throws: PQError.self) { try AnalyticsRepository().grantAnalyst(role: "postgres", on: owner) }
        #expect(throws: PQError.self) { try AnalyticsRepository().grantAnalyst(role: "no_such_role_\(getpid())", on: owner) }
    }
}

import Foundation
import PQ
import Testing
@testable import SchoolNetStore

/// The deployment docker-compose.yml describes, without Docker: a database owned by a plain login (no superuser,
/// no CREATEROLE) migrates; a runtime login gets its rights with grant-runtime; serve's check warns about the owner.
@Suite struct MigratorRolesTests {
    static func role(_ prefix: String) -> String { prefix + UUID().uuidString.prefix(8).lowercased() }

    @Test func aPlainOwnerMigratesAndAGrantedLoginServesWithoutWarnings() throws {
        let superuser = try MigratedDatabase.empty("roles_owner")
        let admin = try PQConnection(superuser)
        let owner = Self.role("own_")
        let app = Self.role("app_")
        let database = try admin.query("SELECT current_database()::text").first!.decode(0, as: String.self)
        // as docker/initdb does: the group role exists before the owner's first migrate
        try admin.executeScript(
            """
            DO $$ BEGIN CREATE ROLE schoolnet_runtime NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
            CREATE ROLE \(owner) LOGIN NOSUPERUSER NOCREATEROLE;
            CREATE ROLE \(app) LOGIN;
            ALTER DATABASE \(try admin.escapeIdentifier(database)) OWNER TO \(owner);
            """)
        var ownerConfig = superuser
        ownerConfig.options["user"] = owner
        let ownerConn = try PQConnection(ownerConfig)
        #expect(try Migrator().migrate(ownerConn) == EmbeddedSQL.migrations.map(\.name))
        #expect(try Migrator.loginWarnings(ownerConn).first?.contains("OWNS") == true)

        // grant-runtime needs CREATEROLE or ADMIN on the group: the cluster's administrator runs it here
        #expect(throws: RoleRefusal.owner(owner)) { try Migrator.grantRuntime(role: owner, on: admin) }
        #expect(throws: RoleRefusal.noSuchRole("nobody_here")) { try Migrator.grantRuntime(role: "nobody_here", on: admin) }
        try Migrator.grantRuntime(role: app, on: admin)
        var appConfig = superuser
        appConfig.options["user"] = app
        let appConn = try PQConnection(appConfig)
        #expect(try Migrator.loginWarnings(appConn) == [])
        _ = try appConn.query("SELECT count(*) FROM analytics.participation")
        #expect(try appConn.query("SELECT count(*) FROM schema_migrations").first?.decode(0, as: Int64.self) == Int64(EmbeddedSQL.migrations.count))
        #expect(try Migrator().status(appConn).allSatisfy { $0.state == .applied }, "db status works as the runtime login")
    }

    @Test func aSuperuserIsRefusedTheRuntimeGroup() throws {
        let admin = try PQConnection(try MigratedDatabase.empty("roles_superuser"))
        let name = try admin.query("SELECT current_user::text").first!.decode(0, as: String.self)
        #expect(throws: RoleRefusal.superuser(name)) { try Migrator.grantRuntime(role: name, on: admin) }
    }
}

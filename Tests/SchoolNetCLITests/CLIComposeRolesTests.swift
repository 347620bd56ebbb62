import Foundation
import PQ
import SchoolNetTestSupport
import Testing

/// docker-compose.yml's deployment without Docker (no engine on the build machines): the very init script the
/// postgres image runs (docker/initdb), then the compose file's one-off `db migrate` as schoolnet_owner, then
/// `serve` as schoolnet_app, which starts without a warning and can register nothing it should not own.
@Suite struct CLIComposeRolesTests {
    static var repository: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// Runs docker/initdb/10-schoolnet-roles.sh as the image would: its superuser, its database, passwords from the environment.
    static func runInitScript(database: String) throws -> (status: Int32, output: String) {
        let base = try #require(URLComponents(string: try TestDatabase.url()))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = [repository.appendingPathComponent("docker/initdb/10-schoolnet-roles.sh").path]
        var environment = ProcessInfo.processInfo.environment
        environment["POSTGRES_USER"] = base.user ?? "postgres"
        environment["POSTGRES_DB"] = database
        environment["PGHOST"] = base.host ?? "127.0.0.1"
        environment["PGPORT"] = base.port.map(String.init) ?? "5432"
        environment["SCHOOLNET_OWNER_PASSWORD"] = "owner-" + UUID().uuidString
        environment["SCHOOLNET_RUNTIME_PASSWORD"] = "runtime-" + UUID().uuidString
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }

    @Test func theInitScriptThenMigrateAsOwnerThenServeAsTheRuntimeLogin() throws {
        let config = try TestDatabase.fresh("compose_roles")
        let admin = try PQConnection(config)
        let database = try admin.query("SELECT current_database()::text").first!.decode(0, as: String.self)

        // other suites' migrations create the group role at any moment: make it now, so the script's own
        // create-if-missing cannot race them (the script's branch for a role that exists is what runs)
        try admin.executeScript(
            "DO $$ BEGIN CREATE ROLE schoolnet_runtime NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$")
        let first = try Self.runInitScript(database: database)
        #expect(first.status == 0, "\(first.output)")
        // a second run (a volume re-initialised, an operator re-running it) changes passwords, fails on nothing
        let again = try Self.runInitScript(database: database)
        #expect(again.status == 0, "\(again.output)")
        let roles = try admin.query(
            """
            SELECT rolname::text, rolcanlogin, rolsuper, rolcreaterole,
                   pg_has_role(rolname, 'schoolnet_runtime', 'MEMBER') AS runtime
            FROM pg_roles WHERE rolname IN ('schoolnet_owner', 'schoolnet_runtime', 'schoolnet_app') ORDER BY rolname
            """
        ).map {
            "\(try $0.decode(0, as: String.self)) login=\(try $0.decode(1, as: Bool.self)) super=\(try $0.decode(2, as: Bool.self)) createrole=\(try $0.decode(3, as: Bool.self)) runtime=\(try $0.decode(4, as: Bool.self))"
        }
        #expect(
            roles == [
                "schoolnet_app login=true super=false createrole=false runtime=true",
                "schoolnet_owner login=true super=false createrole=false runtime=false",
                "schoolnet_runtime login=false super=false createrole=false runtime=true"
            ])
        let owner = try admin.query("SELECT pg_get_userbyid(datdba)::text FROM pg_database WHERE datname = $1", [database])
        #expect(try owner.first?.decode(0, as: String.self) == "schoolnet_owner")

        // compose's `migrate` job: `db migrate` as the owner
        let migrated = try CLIProcess.run(["db", "migrate"], databaseURL: try CLIServeLoginTests.url(config, user: "schoolnet_owner"))
        #expect(migrated.status == 0, "\(migrated.stderr)")
        let tables = try admin.query("SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tableowner <> 'schoolnet_owner'")
        #expect(try tables.first?.decode(0, as: Int64.self) == 0, "every table belongs to the owner")

        // compose's `server`: `serve` as schoolnet_app, no warning about its login
        let log = try CLIServeLoginTests.serveLog(try CLIServeLoginTests.url(config, user: "schoolnet_app"))
        #expect(log.contains("starting"), "\(log)")
        #expect(!log.contains("UNSAFE"), "\(log)")
        // and the runtime login cannot change the schema or the audit log
        var appConfig = config
        appConfig.options["user"] = "schoolnet_app"
        let app = try PQConnection(appConfig)
        #expect(throws: PQError.self) { try app.executeScript("ALTER TABLE person ADD COLUMN x int") }
        #expect(throws: PQError.self) { try app.executeScript("DELETE FROM audit_log") }
        #expect(throws: PQError.self) { try app.executeScript("TRUNCATE application") }
    }
}

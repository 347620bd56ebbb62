import ArgumentParser
import PQ
import SchoolNetStore

/// `schoolnet db ...`: database administration on DATABASE_URL (or libpq's PG* variables).
struct Database: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Database administration (DATABASE_URL).",
        subcommands: [GrantAnalyst.self]
    )

    /// `schoolnet db grant-analyst ROLE`: USAGE + SELECT on the analytics schema, nothing else.
    struct GrantAnalyst: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "grant-analyst",
            abstract: "Let a database role read the analytics views and nothing else (run as the tables' owner)."
        )

        @Argument(help: "An existing login role, not a superuser and not the tables' owner.")
        var role: String

        func run() throws {
            var config = PQConfiguration.fromEnvironment()
            config.applicationName = "schoolnet db grant-analyst"
            let conn = try PQConnection(config)
            try AnalyticsRepository().grantAnalyst(role: role, on: conn)
            print("\(role) may now read the analytics schema (and nothing else)")
        }
    }
}

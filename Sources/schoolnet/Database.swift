import ArgumentParser
import PQ
import SchoolNetStore

/// `schoolnet db migrate|status|grant-analyst|grant-runtime`.
struct Database: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Apply or inspect the database migrations; grant the analysts' and the server's roles.",
        subcommands: [Migrate.self, Status.self, GrantAnalyst.self, GrantRuntime.self]
    )

    struct Migrate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Apply pending migrations (safe to run at any time, by several processes at once).",
            discussion: "Example:\n  schoolnet db migrate"
        )
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let applied = try await database.withPool { pool in try await Migrator().migrate(pool) }
            print(applied.isEmpty ? "up to date" : applied.map { "applied \($0)" }.joined(separator: "\n"))
        }
    }

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List every migration and whether it is applied, pending, changed or unknown.",
            discussion: "Example:\n  schoolnet db status --format json"
        )
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: FormatOption

        func run() async throws {
            let status = try await database.withPool { pool in try await Migrator().status(pool) }
            var table = Table(columns: ["name", "state", "applied_at"])
            for migration in status {
                table.rows.append([
                    .text(migration.name), .text(migration.state.rawValue),
                    Cell(migration.appliedAt.map { $0.ISO8601Format() })
                ])
            }
            table.print(output.format)
            if status.contains(where: { $0.state == .changed || $0.state == .unknown }) {
                throw CommandRefused("the database's migrations differ from this build's (changed or unknown above)")
            }
        }
    }

    /// `schoolnet db grant-analyst ROLE`: USAGE + SELECT on the analytics schema, nothing else.
    struct GrantAnalyst: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "grant-analyst",
            abstract: "Let a database role read the analytics views and nothing else (run as the tables' owner).",
            discussion: "Example:\n  schoolnet db grant-analyst analyst"
        )

        @Argument(help: "An existing login role, not a superuser and not the tables' owner.")
        var role: String
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            do {
                try await database.withPool { pool in
                    try await pool.withConnection { [role] conn in try AnalyticsRepository().grantAnalyst(role: role, on: conn) }
                }
            } catch let error as PQError where error.kind != .connection && error.kind != .poolTimeout {
                // grant_analyst's own refusals are the user's mistake, not a database error: say which role and why
                throw CommandRefused(Self.refusal(role: role, error))
            }
            print("\(role) may now read the analytics schema (and nothing else)")
        }

        static func refusal(role: String, _ error: PQError) -> String {
            switch error.sqlState {
            case .undefinedObject?: "role \"\(role)\" does not exist: create it first (CREATE ROLE \(role) LOGIN PASSWORD '...')"
            case .invalidParameterValue?:
                "role \"\(role)\" is a superuser or owns SchoolNet's tables: analytics rights would mean nothing, use a separate login role"
            case .insufficientPrivilege?:
                "the database login may not grant rights on SchoolNet's tables: run this as their owner (the role that ran `schoolnet db migrate`)"
            default: "could not grant \"\(role)\" the analytics schema: \(error.message)"
            }
        }
    }

    /// `schoolnet db grant-runtime ROLE`: membership of schoolnet_runtime (rows only; no DDL, no audit_log).
    struct GrantRuntime: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "grant-runtime",
            abstract: "Let a database login serve SchoolNet: rows only, no schema changes, no audit_log rights (run as the owner).",
            discussion: "Example:\n  schoolnet db grant-runtime schoolnet_app"
        )

        @Argument(help: "An existing login role, not a superuser and not the tables' owner.")
        var role: String
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            do {
                try await database.withPool { pool in
                    try await pool.withConnection { [role] conn in try Migrator.grantRuntime(role: role, on: conn) }
                }
            } catch let refusal as RoleRefusal {
                throw CommandRefused(refusal.description)
            } catch let error as PQError where error.sqlState?.rawValue == "42501" {
                throw CommandRefused("the database login may not grant \(Migrator.runtimeRole): run this as a role with CREATEROLE")
            } catch let error as PQError where error.sqlState?.rawValue == "42704" {
                throw CommandRefused("role \(Migrator.runtimeRole) does not exist: run `schoolnet db migrate` first")
            }
            print("\(role) may now serve SchoolNet (member of \(Migrator.runtimeRole))")
        }
    }
}

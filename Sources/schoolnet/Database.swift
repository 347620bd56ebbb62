import ArgumentParser
import SchoolNetStore

/// `schoolnet db migrate|status`.
struct Database: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Apply or inspect the database migrations.",
        subcommands: [Migrate.self, Status.self]
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
                table.rows.append([.text(migration.name), .text(migration.state.rawValue),
                                   Cell(migration.appliedAt.map { $0.ISO8601Format() })])
            }
            table.print(output.format)
            if status.contains(where: { $0.state == .changed || $0.state == .unknown }) {
                throw CommandRefused("the database's migrations differ from this build's (changed or unknown above)")
            }
        }
    }
}

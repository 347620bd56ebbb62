import ArgumentParser
import Foundation
import SchoolNetDomain
import SchoolNetService

/// `schoolnet modules list|create`: the programme's modules, which event files name.
struct Modules: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List and create the programme's modules (events name them).",
        subcommands: [List.self, Create.self]
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the programme's modules.",
            discussion: "Any valid token may read them (as GET /v1/modules).\n\nExample:\n  schoolnet modules list --format json"
        )
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var acting: CallerOptions
        @OptionGroup var output: FormatOption

        func run() async throws {
            let modules = try await database.withPool { pool in
                _ = try await acting.caller(on: pool)
                return try await ModuleService(pool: pool).list()
            }
            ModulePrinter.list(modules, output.format)
        }
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a module (the regional centre's).",
            discussion: """
                A fresh database has no modules: create them before events that name one ("module" in the event file).
                A name already taken (in any case, ё as е) is refused naming the module that has it.

                Example:
                  schoolnet modules create "Человек XXI века" --audience pupils
                """
        )
        @Argument(help: "The module's name.")
        var name: String
        @Option(help: "Whom its events are for: pupils or teachers.")
        var audience: AudienceKind
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var acting: CallerOptions
        @OptionGroup var output: FormatOption

        func run() async throws {
            let module = try await database.withPool { pool in
                let caller = try await acting.regionalCentre(on: pool, command: "modules create")
                return try await ModuleService(pool: pool).create(name: name, audience: audience, by: caller)
            }
            ModulePrinter.list([module], output.format)
        }
    }
}

extension AudienceKind: ExpressibleByArgument {}

enum ModulePrinter {
    static func list(_ modules: [ProgrammeModule], _ format: OutputFormat) {
        var table = Table(columns: ["id", "name", "audience"])
        for m in modules {
            table.rows.append([.int(m.id.rawValue), .text(m.name), .text(m.audience.rawValue)])
        }
        table.print(format)
    }
}

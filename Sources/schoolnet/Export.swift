import ArgumentParser
import Foundation
import SchoolNetDomain
import SchoolNetService

/// `schoolnet export participants|results --event N`: an event's lists for the organiser's spreadsheet.
struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Export an event's participants or results (CSV for a spreadsheet, or JSON).",
        subcommands: [Participants.self, ResultsList.self]
    )

    struct Participants: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "One row per participant: organisation, team, nomination, name, role, grade, stage, awards.",
            discussion:
                "Only the event's organiser (its token) or the regional centre.\n\nExample:\n  schoolnet export participants --event 7 --format csv > participants.csv"
        )
        @Option(help: "The event's id.")
        var event: Int64
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var acting: CallerOptions
        @OptionGroup var output: FormatOption

        func run() async throws {
            let rows = try await database.withPool { pool in
                try await EventAdminService(pool: pool, time: SystemTime()).participants(event: EventID(rawValue: event), by: try await acting.caller(on: pool))
            }
            var table = Table(columns: ["application_id", "status", "organisation", "team_name", "nomination", "full_name", "role", "grade", "stage", "awards"])
            for r in rows {
                table.rows.append([
                    .int(r.applicationID.rawValue), .text(r.status.rawValue), .text(r.organisationName), Cell(r.teamName),
                    Cell(r.nomination), Cell(r.fullName), Cell(r.role), Cell(r.grade), Cell(r.stage),
                    .text(r.awards.joined(separator: "; "))
                ])
            }
            table.print(output.format)
        }
    }

    struct ResultsList: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "results",
            abstract: "One row per recorded result: application, organisation, team or names, nomination, award.",
            discussion: "Only the event's organiser (its token) or the regional centre.\n\nExample:\n  schoolnet export results --event 7 --format json"
        )
        @Option(help: "The event's id.")
        var event: Int64
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var acting: CallerOptions
        @OptionGroup var output: FormatOption

        func run() async throws {
            let rows = try await database.withPool { pool in
                try await EventAdminService(pool: pool, time: SystemTime()).results(event: EventID(rawValue: event), by: try await acting.caller(on: pool))
            }
            var table = Table(columns: ["application_id", "organisation", "team_name", "names", "nomination", "award", "title"])
            for r in rows {
                table.rows.append([
                    .int(r.applicationID.rawValue), .text(r.organisationName), Cell(r.teamName),
                    .text(r.names.joined(separator: "; ")), Cell(r.nominationTitle), .text(r.award.code),
                    Cell(r.award.title)
                ])
            }
            table.print(output.format)
        }
    }
}

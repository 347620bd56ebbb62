import ArgumentParser
import Foundation
import SchoolNetDomain
import SchoolNetService

/// `schoolnet results record|publish`.
struct Results: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Record an event's results from CSV and publish them.",
        subcommands: [Record.self, Publish.self]
    )

    struct Record: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record results from CSV: application_id, nomination_id, award, title (all or nothing).",
            discussion: """
                award: absolute_winner, winner, diploma_1, diploma_2, diploma_3, prizewinner, special (with a title),
                certificate; an empty award removes a recorded result. UTF-8 or Windows-1251, ';' or ','.
                Headers may be Russian: заявка, номинация, награда, название.
                Only the event's organiser (its token) or the regional centre.

                Example:
                  schoolnet results record --event 7 results.csv
                """
        )
        @Option(help: "The event's id.")
        var event: Int64
        @Argument(help: "The CSV file.")
        var file: String
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var acting: CallerOptions
        @OptionGroup var output: FormatOption

        func run() async throws {
            // the parser's own refusals already say "Line N" in their messages
            let parsed = try ResultsCSV.numbered(path: file)
            let written: ResultsWritten
            do {
                written = try await database.withPool { pool in
                    try await EventAdminService(pool: pool, time: SystemTime())
                        .recordResults(parsed.inputs, event: EventID(rawValue: event), by: try await acting.caller(on: pool))
                }
            } catch let refusal as RegistrationRefusal {
                throw ResultLines.named(refusal, lines: parsed.lines)
            }
            var table = Table(columns: ["created", "changed", "removed", "unchanged"])
            table.rows = [[.int(Int64(written.created)), .int(Int64(written.changed)), .int(Int64(written.removed)), .int(Int64(written.unchanged))]]
            table.print(output.format)
        }
    }

    struct Publish: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Publish an event's results (public results show name, school and award only).",
            discussion: "Only the event's organiser (its token) or the regional centre.\n\nExample:\n  schoolnet results publish --event 7"
        )
        @Option(help: "The event's id.")
        var event: Int64
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var acting: CallerOptions

        func run() async throws {
            let at = try await database.withPool { pool in
                try await EventAdminService(pool: pool, time: SystemTime()).publishResults(
                    event: EventID(rawValue: event), by: try await acting.caller(on: pool))
            }
            print("published at \(at.ISO8601Format())")
        }
    }
}

/// The service names a bad result as `rows[i]` (its list's index); the user looks for a line of the file.
enum ResultLines {
    static func named(_ refusal: RegistrationRefusal, lines: [Int]) -> RegistrationRefusal {
        RegistrationRefusal(
            refusal.errors.map { error in
                guard let field = error.field, field.hasPrefix("rows["), let close = field.firstIndex(of: "]"),
                    let index = Int(field[field.index(field.startIndex, offsetBy: 5)..<close])
                else { return error }
                let rest = field[field.index(after: close)...]
                guard index < lines.count else { return error }
                let line = lines[index]
                return RegistrationError(error.code, field: "line \(line)\(rest)", ru: error.messageRU, en: error.messageEN)
            })
    }
}

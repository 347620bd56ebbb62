import ArgumentParser
import Foundation
import SchoolNetDomain
import SchoolNetService

/// `schoolnet organisations ...`: the network's schools, kindergartens and centres.
struct Organisations: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import, list, search and show organisations; record network agreements.",
        subcommands: [Import.self, List.self, Search.self, Show.self, Agreement.self]
    )

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import organisations from CSV (name, short name, municipality, region, country, agreement dates).",
            discussion: """
                Columns are found by their headers: Наименование, Краткое наименование, Тип, ОПФ, Муниципалитет,
                Регион, Страна, Договор с, Договор по. An organisation already known in the same municipality
                (same normalised name) is matched, not duplicated; a municipality is created when the row names
                its region.

                Example:
                  schoolnet organisations import network.csv --all-or-nothing
                """
        )
        @OptionGroup var options: ImportOptions

        func run() async throws { try await options.run(.organisations, command: "organisations import") }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List organisations, optionally only the network's members on a date.",
            discussion: "Example:\n  schoolnet organisations list --members-on 2020-10-01 --format csv"
        )
        @Option(help: "Only members under an agreement on this date (2020-10-01 or 01.10.2020).")
        var membersOn: LocalDate?
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var acting: CallerOptions
        @OptionGroup var output: FormatOption

        func run() async throws {
            let rows = try await database.withPool { pool in
                // The directory is for anyone with a valid token (a school looks up its organisationId here).
                _ = try await acting.caller(on: pool)
                return try await DirectoryService(pool: pool, time: SystemTime()).list(memberOn: membersOn)
            }
            var table = Table(columns: ["id", "short_name", "full_name", "kind", "municipality", "member"])
            for row in rows {
                let o = row.organisation
                table.rows.append([
                    .int(o.id.rawValue), Cell(o.shortName), .text(o.fullName), .text(o.kind.rawValue),
                    .text(row.municipality), .bool(row.isMember)
                ])
            }
            table.print(output.format)
        }
    }

    struct Search: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Find organisations by a name as people write it (numbers must match).",
            discussion: "Example:\n  schoolnet organisations search \"гимназия 13 томск\""
        )
        @Argument(help: "Words of the name: \"гимназия 13\", \"богашевская сош\".")
        var query: String
        @Option(help: "At most this many matches.")
        var limit = 10
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var acting: CallerOptions
        @OptionGroup var output: FormatOption

        func run() async throws {
            let found = try await database.withPool { pool in
                _ = try await acting.caller(on: pool)
                return try await DirectoryService(pool: pool, time: SystemTime()).search(query, limit: limit)
            }
            var table = Table(columns: ["id", "short_name", "full_name", "score"])
            for match in found {
                table.rows.append([
                    .int(match.organisationID.rawValue), Cell(match.shortName), .text(match.fullName),
                    .score(Double(match.score))
                ])
            }
            table.print(output.format)
            if found.isEmpty { throw CommandRefused("no organisation matches \"\(query)\"") }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show one organisation: where it is, its other spellings, its agreements.",
            discussion: "Examples:\n  schoolnet organisations show 1\n  schoolnet organisations show \"Богашевская СОШ\" --format json"
        )
        @Argument(help: "An id or a name (the single best match).")
        var organisation: String
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var acting: CallerOptions
        @OptionGroup var output: FormatOption

        func run() async throws {
            let details = try await database.withPool { pool in
                _ = try await acting.caller(on: pool)
                let directory = DirectoryService(pool: pool, time: SystemTime())
                return try await directory.details(try await directory.resolve(organisation))
            }
            let o = details.listed.organisation
            var table = Table(columns: ["field", "value"])
            table.rows = [
                ["id", .int(o.id.rawValue)], ["full_name", .text(o.fullName)], ["short_name", Cell(o.shortName)],
                ["kind", .text(o.kind.rawValue)], ["legal_form", Cell(o.legalForm)],
                ["municipality", .text(details.listed.municipality)], ["region", .text(details.region)],
                ["country", .text(details.country)], ["member_today", .bool(details.listed.isMember)],
                ["aliases", .text(details.aliases.joined(separator: "; "))],
                ["agreements", .text(details.agreements.map { "\($0.membership.since.iso)..\($0.membership.until?.iso ?? "")" }.joined(separator: "; "))]
            ]
            if output.format == .json {
                print(JSONOutput.string(encoding: details))
            } else {
                table.print(output.format)
            }
        }
    }

    struct Agreement: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record a network agreement (договор о сетевом взаимодействии) that makes an organisation a member.",
            discussion: "Example:\n  schoolnet organisations agreement \"Белоярская СОШ №1\" --since 2020-09-17 --number 12/2020"
        )
        @Argument(help: "An id or a name (the single best match).")
        var organisation: String
        @Option(help: "First day of membership (2020-09-17 or 17.09.2020).")
        var since: LocalDate
        @Option(help: "Last day, when the agreement is for a fixed term.")
        var until: LocalDate?
        @Option(help: "The agreement's own number.")
        var number: String?
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var acting: CallerOptions

        func run() async throws {
            let agreement = try await database.withPool { pool in
                let caller = try await acting.regionalCentre(on: pool, command: "organisations agreement")
                let directory = DirectoryService(pool: pool, time: SystemTime())
                return try await directory.addAgreement(
                    try await directory.resolve(organisation), since: since, until: until,
                    number: number, by: caller)
            }
            print(
                "agreement \(agreement.id.rawValue): organisation \(agreement.organisationID.rawValue) member from \(agreement.membership.since.iso)"
                    + (agreement.membership.until.map { " to \($0.iso)" } ?? ""))
        }
    }
}

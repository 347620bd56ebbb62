import ArgumentParser
import Foundation
import SchoolNetDomain
import SchoolNetService

/// `schoolnet report annual`: the annual report computed from the data.
struct Report: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Reports computed from the data.",
        subcommands: [Annual.self],
        defaultSubcommand: Annual.self
    )

    struct Annual: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The annual report of a school year: events by module, participations, the network, last year's comparison.",
            discussion:
                "Examples:\n  schoolnet report annual --year 2020-2021 --format md > report.md\n  schoolnet report annual 2020-2021 --format csv --separator ';'"
        )

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case md, markdown, csv, summaryCSV = "summary-csv", json, table
        }

        @Argument(help: "School year, e.g. 2020-2021 (or --year).")
        var schoolYear: String?
        @Option(help: "School year, e.g. 2020-2021.")
        var year: String?
        @Option(help: "md (markdown, the default), csv (one row per event), summary-csv, json, or table (the totals).")
        var format: Format = .md
        @Option(help: "CSV field separator (\";\" for a Russian-locale Excel).")
        var separator: String = ","
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var acting: CallerOptions

        func validate() throws {
            guard let label = schoolYear ?? year else { throw ValidationError("give the school year: --year 2020-2021") }
            guard SchoolYear(label: label) != nil else { throw ValidationError("--year: write it as 2020-2021") }
            guard separator.count == 1 else { throw ValidationError("--separator must be one character") }
        }

        func run() async throws {
            let label = schoolYear ?? year ?? ""
            let report = try await database.withPool { pool in
                _ = try await acting.regionalCentre(on: pool, command: "report annual")
                return try await ReportService(pool: pool).annual(schoolYear: label)
            }
            let sep = Character(separator)
            switch format {
            case .md, .markdown: print(report.markdown(), terminator: "")
            case .csv: print(report.csv(separator: sep), terminator: "")
            case .summaryCSV: print(report.summaryCSV(separator: sep), terminator: "")
            case .json: print(String(decoding: try report.json(), as: UTF8.self))
            case .table:
                var table = Table(columns: [
                    "school_year", "events", "pupil_events", "pupil_participations", "teacher_events",
                    "teacher_participations", "participations"
                ])
                for t in [report.totals] + (report.previous.map { [$0] } ?? []) {
                    // a figure the year has no data for is an empty cell, not 0
                    let figures: [Int?] = [
                        t.events, t.pupilEvents, t.pupilParticipations, t.teacherEvents,
                        t.teacherParticipations, t.participations
                    ]
                    let cells: [Cell] = figures.map { (n: Int?) -> Cell in n.map { Cell.int(Int64($0)) } ?? Cell.null }
                    table.rows.append([Cell.text(t.schoolYear)] + cells)
                }
                table.print(.table)
            }
        }
    }
}

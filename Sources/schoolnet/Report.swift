import ArgumentParser
import Foundation
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
            discussion: "Example:\n  schoolnet report annual --year 2020-2021 --format md > report.md"
        )

        enum Format: String, ExpressibleByArgument, CaseIterable { case md, csv, json, table }

        @Option(help: "School year, e.g. 2020-2021.")
        var year: String
        @Option(help: "md (default), csv (one row per event), json, or table (the totals).")
        var format: Format = .md
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let report = try await database.withPool { pool in try await ReportService(pool: pool).annual(schoolYear: year) }
            switch format {
            case .md: print(report.markdown(), terminator: "")
            case .csv: print(report.csv(), terminator: "")
            case .json: print(String(decoding: try report.json(), as: UTF8.self))
            case .table:
                var table = Table(columns: ["school_year", "events", "pupil_events", "pupil_participations", "teacher_events",
                                            "teacher_participations", "participations"])
                for t in [report.totals] + (report.previous.map { [$0] } ?? []) {
                    table.rows.append([.text(t.schoolYear), .int(Int64(t.events)), .int(Int64(t.pupilEvents)),
                                       .int(Int64(t.pupilParticipations)), .int(Int64(t.teacherEvents)),
                                       .int(Int64(t.teacherParticipations)), .int(Int64(t.participations))])
                }
                table.print(.table)
            }
        }
    }
}

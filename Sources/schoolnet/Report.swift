import ArgumentParser
import Foundation
import PQ
import SchoolNetService

/// `schoolnet report annual 2020-2021 [--format markdown|csv|summary-csv|json]`: the annual report
/// from the analytics views, to standard output.
struct Report: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Reports from the analytics views (DATABASE_URL).",
        subcommands: [Annual.self]
    )

    struct Annual: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The annual report of a school year.")

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case markdown, csv, summaryCSV = "summary-csv", json
        }

        @Argument(help: "The school year, e.g. 2020-2021.")
        var schoolYear: String

        @Option(help: "markdown, csv (one row per event), summary-csv or json.")
        var format: Format = .markdown

        @Option(help: "CSV field separator (\";\" for a Russian-locale Excel).")
        var separator: String = ","

        func validate() throws {
            guard separator.count == 1 else { throw ValidationError("--separator must be one character") }
        }

        func run() async throws {
            var config = PQConfiguration.fromEnvironment()
            config.applicationName = "schoolnet report"
            let pool = PQPool(configuration: config, size: 1)
            let report: AnnualReport
            do {
                report = try await ReportService(pool: pool).annual(schoolYear: schoolYear)
                await pool.shutdown()
            } catch {
                await pool.shutdown()
                throw error
            }
            let sep = Character(separator)
            switch format {
            case .markdown: print(report.markdown(), terminator: "")
            case .csv: print(report.csv(separator: sep), terminator: "")
            case .summaryCSV: print(report.summaryCSV(separator: sep), terminator: "")
            case .json: print(String(decoding: try report.json(), as: UTF8.self))
            }
        }
    }
}

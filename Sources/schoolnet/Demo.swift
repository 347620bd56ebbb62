import ArgumentParser
import Foundation
import SchoolNetDemo
import SchoolNetService

/// `schoolnet demo load`: the reference year of the seed report, for demonstrations and checks.
struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Demonstration data.",
        subcommands: [Load.self]
    )

    struct Load: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Load the reference year (2019-2020 totals, 2020-2021 events of the annual report) through the services.",
            discussion: """
                Every application goes through registration in its historical-import mode (eligibility and team rules
                checked), results through the organiser's service. Idempotent: a second run finds the data and adds nothing.
                People the report counts without naming get synthetic, deterministic names.

                Example:
                  schoolnet db migrate && schoolnet demo load && schoolnet report annual --year 2020-2021
                """
        )
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var acting: CallerOptions
        @OptionGroup var output: FormatOption

        func run() async throws {
            let verbose = isatty(STDERR_FILENO) == 1
            let summary = try await database.withPool { pool in
                // The loader signs as the dataset whoever runs it; the token only has to be the regional centre's.
                _ = try await acting.regionalCentre(on: pool, command: "demo load")
                return try await ReferenceYearLoader(pool: pool, dataset: try ReferenceDataset.embedded())
                    .load(progress: verbose ? { @Sendable line in CLIFailure.printError(line) } : nil)
            }
            if output.format == .json {
                print(JSONOutput.string(encoding: summary))
            } else if summary.alreadyLoaded {
                print("reference year already loaded: \(summary.organisations) organisations, \(summary.events) events; nothing added")
            } else {
                print(
                    "reference year loaded: \(summary.organisations) organisations, \(summary.events) events, "
                        + "\(summary.registered) applications registered" + (summary.replayed > 0 ? ", \(summary.replayed) already there" : ""))
            }
        }
    }
}

import ArgumentParser
import SchoolNetService

/// `schoolnet organisations ...`: the network's schools, kindergartens and centres.
struct Organisations: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import, list, search and show organisations; record network agreements.",
        subcommands: [Import.self]
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

        func run() async throws { try await options.run(.organisations) }
    }
}

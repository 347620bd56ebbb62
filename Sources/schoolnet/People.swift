import ArgumentParser
import SchoolNetDomain
import SchoolNetService

/// `schoolnet people import pupils|teachers FILE`.
struct People: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import pupils and teachers; correct a grade on record.",
        subcommands: [Import.self, CorrectGrade.self]
    )

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import pupils or teachers from CSV as Excel writes it.",
            discussion: """
                Columns are found by their headers: ФИО (or Фамилия, Имя, Отчество), Дата рождения (31.08.2010
                or 2010-08-31), Класс ("6А", "6 А", "6"; pupils), Школа (a short name will do: "гимназия 13"),
                Должность (teachers). A person already known (same surname, name and birth date; the
                patronymic equal or missing) is matched, not duplicated.

                Examples:
                  schoolnet people import pupils 6a.csv --school "гимназия 13" --year 2020-2021
                  schoolnet people import teachers staff.csv --format json
                """
        )

        enum Kind: String, ExpressibleByArgument, CaseIterable { case pupils, teachers }

        @Argument(help: "pupils or teachers")
        var kind: Kind

        @Option(help: "School of rows without one (the whole file when it has no school column).")
        var school: String?

        @Option(help: "School year of the pupils' classes, e.g. 2020-2021 (default: the current one).")
        var year: String?

        @OptionGroup var options: ImportOptions

        func validate() throws {
            if let year, SchoolYear(label: year) == nil { throw ValidationError("--year: write it as 2020-2021") }
        }

        func run() async throws {
            try await options.run(kind == .pupils ? .pupils : .teachers, command: "people import",
                                  schoolYear: year.flatMap(SchoolYear.init(label:)), defaultSchool: school)
        }
    }
}

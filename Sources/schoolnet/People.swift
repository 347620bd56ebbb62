import ArgumentParser
import Foundation
import SchoolNetDomain
import SchoolNetService

/// `schoolnet people import pupils|teachers FILE`, `schoolnet people list`.
struct People: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import pupils and teachers; list a school's pupils, search people by name; correct a grade on record; export a person's data.",
        subcommands: [Import.self, List.self, CorrectGrade.self, ExportPerson.self]
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
                  schoolnet people import pupils 6a.csv --school 1
                  schoolnet people import teachers staff.csv --format json
                """
        )

        enum Kind: String, ExpressibleByArgument, CaseIterable { case pupils, teachers }

        @Argument(help: "pupils or teachers")
        var kind: Kind

        @Option(help: "School of rows without one (the whole file when it has no school column): an id or a name.")
        var school: String?

        @Option(help: "School year of the pupils' classes, e.g. 2020-2021 (default: the current one).")
        var year: String?

        @OptionGroup var options: ImportOptions

        func validate() throws {
            if let year, SchoolYear(label: year) == nil { throw ValidationError("--year: write it as 2020-2021") }
        }

        func run() async throws {
            try await options.run(
                kind == .pupils ? .pupils : .teachers, command: "people import",
                schoolYear: year.flatMap(SchoolYear.init(label:)), defaultSchool: school, resolveSchool: true)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List a school's pupils by class, or search people by name (the regional centre).",
            discussion: """
                Give --school (a school's pupils in the year, by class and name; --class narrows to one class), or
                --search (people whose name is like the text, best match first: the regional centre's).
                A school's token lists its own pupils only (--school may be left out); an organiser's none.
                Names, kind, school and class only: birth dates and contacts are never printed.

                Examples:
                  schoolnet people list --school "гимназия 13" --class 6А --year 2020-2021
                  schoolnet people list --search "Иванова Мария" --format json
                """
        )
        @Option(help: "The school: an id or a name (a school's token: its own, the default).")
        var school: String?
        @Option(help: "One class, e.g. 6А or 6 (with --school).")
        var `class`: String?
        @Option(help: "A name or part of one, to search every school (the regional centre).")
        var search: String?
        @Option(help: "School year of the classes, e.g. 2020-2021 (default: the current one).")
        var year: String?
        @Option(help: "At most this many people found by --search (1-500).")
        var limit = 50
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var acting: CallerOptions
        @OptionGroup var output: FormatOption

        func validate() throws {
            if let year, SchoolYear(label: year) == nil { throw ValidationError("--year: write it as 2020-2021") }
            if let text = `class`, SchoolClass(parsing: text) == nil { throw ValidationError("--class: write it as 6А, 6 А or 6") }
            if search != nil, school != nil || `class` != nil { throw ValidationError("give --search, or --school (and --class), not both") }
            if !PeopleService.searchLimit.contains(limit) { throw ValidationError("--limit: 1 to 500") }
        }

        func run() async throws {
            let schoolYear =
                year.flatMap(SchoolYear.init(label:))
                ?? SchoolYear.containing(LocalDate(Date(), in: RegistrationWindow.defaultTimeZone))
            let people = try await database.withPool { pool in
                let caller = try await acting.caller(on: pool)
                let service = PeopleService(pool: pool)
                if let search {
                    return try await service.search(search, in: schoolYear, limit: limit, by: caller)
                }
                let organisation: OrganisationID
                if let school {
                    organisation = try await DirectoryService(pool: pool, time: SystemTime()).resolve(school)
                } else if caller.role == .school, let own = caller.organisationID {
                    organisation = own
                } else {
                    throw CommandRefused("give --school (an id or a name) or --search")
                }
                return try await service.pupils(of: organisation, in: schoolYear, schoolClass: `class`.flatMap(SchoolClass.init(parsing:)), by: caller)
            }
            var table = Table(columns: ["id", "last_name", "first_name", "patronymic", "kind", "organisation_id", "class"])
            for p in people {
                let schoolClass = p.grade.map { "\($0)\(p.classLetter ?? "")" }
                table.rows.append([
                    .int(p.id.rawValue), .text(p.lastName), .text(p.firstName), Cell(p.patronymic), .text(p.kind.rawValue),
                    Cell(p.organisationID?.rawValue), Cell(schoolClass)
                ])
            }
            table.print(output.format)
        }
    }
}

import ArgumentParser
import SchoolNetDomain
import SchoolNetService

/// `schoolnet people correct-grade PERSON_ID GRADE --year 2020-2021`: the explicit, audited correction of a grade on record.
struct CorrectGrade: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "correct-grade",
        abstract: "Correct a pupil's grade on record for a school year (audited); lists active applications that no longer fit.",
        discussion: """
            Registrations never overwrite a grade on record: a contradicting one is refused with grade_conflict.
            The pupil's school, an organiser of an event the pupil entered, or the regional centre corrects it here.

            Example:
              schoolnet people correct-grade 1042 7 --year 2020-2021
            """
    )

    @Argument(help: "The person's id.")
    var person: Int64
    @Argument(help: "The correct grade, 0-11 (0: preschool).")
    var grade: Int
    @Option(help: "School year, e.g. 2020-2021.")
    var year: String
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var acting: CallerOptions
    @OptionGroup var output: FormatOption

    func validate() throws {
        if SchoolYear(label: year) == nil { throw ValidationError("--year: write it as 2020-2021") }
    }

    func run() async throws {
        let correction = try await database.withPool { pool in
            try await GradeCorrectionService(pool: pool, time: SystemTime()).correctGrade(
                PersonID(rawValue: person), schoolYear: SchoolYear(label: year)!, grade: grade, by: try await acting.caller(on: pool))
        }
        var table = Table(columns: ["application_id", "event_id", "event", "grades"])
        for unfit in correction.unfit {
            table.rows.append([
                .text(String(unfit.applicationID.rawValue)), .text(String(unfit.eventID.rawValue)), .text(unfit.eventTitle),
                .text("\(unfit.gradeMin.map(String.init) ?? "")-\(unfit.gradeMax.map(String.init) ?? "")")
            ])
        }
        CLIFailure.printError(
            "person \(person), \(correction.schoolYear): grade \(correction.before) -> \(correction.after); "
                + (correction.unfit.isEmpty ? "every active application still fits" : "\(correction.unfit.count) active application(s) no longer fit:"))
        table.print(output.format)
    }
}

import Foundation
import PQ
import SchoolNetTestSupport
import Testing

/// What the regional centre's QA pass found in the CLI, each as the user met it.
@Suite struct CLIQATests {
    @Test func aSchoolYearNotWrittenAsOneIsAUsageError() throws {
        let outcome = try CLIProcess.run(["report", "annual", "--year", "2020"], databaseURL: nil)
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("2020-2021"))
    }

    /// The event file's keys are snake_case; the refusal named the Swift property ("startsOn").
    @Test func anEventFileIsRefusedNamingItsFieldsAsTheFileSpellsThem() throws {
        let missing = try CLIProcess.file(
            """
            {"title": "Умка", "organiser": "Богашевская СОШ", "kind": "contest", "format": "in_person", "ends_on": "2021-04-29",
             "registration": {"opens_at": "2021-03-01T00:00:00+07:00", "closes_on": "2021-04-20"}}
            """, "umka.json")
        let outcome = try CLIProcess.run(["events", "create", missing], databaseURL: nil)
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("missing .starts_on"), "\(outcome.stderr)")

        let party = try CLIProcess.file(
            """
            {"title": "Умка", "organiser": "Богашевская СОШ", "kind": "party", "format": "in_person",
             "starts_on": "2021-04-29", "ends_on": "2021-04-29",
             "registration": {"opens_at": "2021-03-01T00:00:00+07:00", "closes_on": "2021-04-20"}}
            """, "party.json")
        let wrongKind = try CLIProcess.run(["events", "create", party], databaseURL: nil)
        #expect(wrongKind.status == 1)
        #expect(wrongKind.stderr.contains(".kind:") && wrongKind.stderr.contains("one of: festival"), "\(wrongKind.stderr)")

        // YAML is read with the same keys, and refused the same way
        let yaml = try CLIProcess.file("title: Умка\norganiser: Богашевская СОШ\n", "umka.yaml")
        let refused = try CLIProcess.run(["events", "create", yaml], databaseURL: nil)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("missing .kind"), "\(refused.stderr)")
        let broken = try CLIProcess.file("title: Умка\n  organiser: [Богашевская\n", "broken.yml")
        let notYAML = try CLIProcess.run(["events", "create", broken], databaseURL: nil)
        #expect(notYAML.status == 1)
        #expect(notYAML.stderr.contains("is not valid YAML") && notYAML.stderr.contains("line 2, column"), "\(notYAML.stderr)")
    }

    /// "not a date: 31.02.2014" put the pupil's (mistyped) birth date on the screen.
    @Test func aBadBirthDateIsRefusedWithoutRepeatingIt() throws {
        let team = try CLIProcess.file(
            """
            {"eventId": 1, "organisationId": 1, "teamName": "Тест",
             "responsible": {"name": "Смирнова Елена Викторовна", "email": "smirnova@example.org"},
             "members": [{"lastName": "Иванова", "firstName": "Мария", "birthDate": "31.02.2014", "kind": "pupil", "grade": 6, "consent": true}]}
            """, "team.json")
        let outcome = try CLIProcess.run(["applications", "register", team], databaseURL: nil)
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("refused: invalid_value [members[0].birthDate]: Invalid value."), "\(outcome.stderr)")
        #expect(!outcome.stderr.contains("31.02.2014"))
    }

    /// The file is read as the API reads its body (it was lenient): an unknown member, a fraction for an integer and
    /// a NUL are refused naming their paths, in the API's words, before any database is opened.
    @Test func aRegistrationFileIsReadAsStrictlyAsTheAPIBody() throws {
        func register(_ member: String) throws -> CLIProcess.Outcome {
            let file = try CLIProcess.file(
                """
                {"eventId": 1, "organisationId": 1,
                 "responsible": {"name": "Смирнова Елена Викторовна", "email": "smirnova@example.org"},
                 "members": [{"lastName": "Иванова", "firstName": "Мария", "kind": "pupil", "consent": true, \(member)}]}
                """, "team.json")
            return try CLIProcess.run(["applications", "register", file], databaseURL: nil)
        }
        let unknown = try register(#""grade": 6, "gradee": 6"#)
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("refused: invalid_body: Invalid field 'members[0].gradee'."), "\(unknown.stderr)")
        #expect(unknown.stderr.contains("refused: unknown_field [members[0].gradee]: Unknown field. / Неизвестное поле."), "\(unknown.stderr)")
        let fraction = try register(#""grade": 5.5"#)
        #expect(fraction.status == 1)
        #expect(fraction.stderr.contains("refused: invalid_type [members[0].grade]: Expected an integer."), "\(fraction.stderr)")
        let nul = try register(#""grade": 6, "patronymic": "Пет\u0000ровна""#)
        #expect(nul.status == 1)
        #expect(nul.stderr.contains("refused: validation [members[0].patronymic]"), "\(nul.stderr)")
    }

    @Test func jsonDatesAreISO8601ResultsNameLinesAndGrantAnalystNamesTheRole() throws {
        let config = try TestDatabase.fresh("cli_qa_dates")
        let url = try CLIProcess.url(database: config.database ?? "")
        func run(_ arguments: String...) throws -> CLIProcess.Outcome { try CLIProcess.run(arguments, databaseURL: url) }
        #expect(try run("db", "migrate").status == 0)
        let network = try CLIProcess.file(
            """
            Наименование;Краткое наименование;Муниципалитет;Регион;Договор с
            МБОУ «Богашевская СОШ им. А.И. Федорова» Томского района;Богашевская СОШ;Томский район;Томская область;01.09.2017

            """, "network.csv")
        #expect(try run("organisations", "import", network).status == 0)
        let headerOnly = try CLIProcess.file("ФИО;Дата рождения;Класс\n", "6a.csv")
        let nothing = try run("people", "import", "pupils", headerOnly, "--school", "Богашевская СОШ")
        #expect(nothing.status == 0)
        #expect(nothing.stdout.contains("the file has no rows under its header"), "\(nothing.stdout)")

        // the score was a string in JSON ("1.16")
        let found = try run("organisations", "search", "богашевская сош", "--format", "json")
        let matches = try JSONSerialization.jsonObject(with: Data(found.stdout.utf8)) as? [[String: Any]]
        #expect(matches?.first?["score"] is NSNumber, "\(found.stdout)")

        let spec = try CLIProcess.file(
            """
            {"title": "Умка", "organiser": "Богашевская СОШ", "kind": "contest", "format": "in_person",
             "starts_on": "2021-04-29", "ends_on": "2021-04-29",
             "registration": {"opens_at": "2021-03-01T00:00:00+07:00", "closes_on": "2021-04-20"},
             "eligibility": {"grades": [0, 1], "allow_preschoolers": true}}
            """, "umka.json")
        let created = try run("events", "create", spec, "--format", "json")
        #expect(created.status == 0, "\(created.stderr)")
        let details = try JSONSerialization.jsonObject(with: Data(created.stdout.utf8)) as? [String: Any]
        let window = details?["registration"] as? [String: Any]
        // was 636224400: seconds since 2001-01-01, Foundation's default
        #expect(window?["opens_at"] as? String == "2021-02-28T17:00:00Z")

        // results were named by their index in the list ("rows[0]"); the file's line is what the user looks for
        let eventID = details?["id"] as? Int ?? 0
        let results = try CLIProcess.file("application_id;award\n\n9999;winner\n", "results.csv")
        let recorded = try run("results", "record", "--event", String(eventID), results)
        #expect(recorded.status == 1)
        #expect(recorded.stderr.contains("[line 3.applicationId]"), "\(recorded.stderr)")

        let unknown = try run("db", "grant-analyst", "no_such_analyst")
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("role \"no_such_analyst\" does not exist"), "\(unknown.stderr)")
        #expect(!unknown.stderr.contains("PQError"))
    }
}

import Foundation
import PQ
import SchoolNetTestSupport
import Testing

/// Issue 11, items 13, 16 and 18: the event file's keys are checked, told in --help, and printed back in its shape;
/// YAML too deep or too big is refused before the parser sees it.
@Suite struct CLIEventFileKeysTests {
    static let umka = """
        {"title": "Умка", "organiser": "Богашевская СОШ", "kind": "contest", "format": "in_person",
         "starts_on": "2021-04-29", "ends_on": "2021-04-29",
         "registration": {"opens_at": "2021-03-01T00:00:00+07:00", "closes_on": "2021-04-20"},
         "eligibility": {"grades": [0, 1], "allow_preschoolers": true}
        """

    /// `"capasity": 3` made an event with no capacity at all.
    @Test func anUnknownKeyIsRefusedNamingTheKeyThatWouldDo() throws {
        let typo = try CLIProcess.file(Self.umka + #", "capasity": 3}"#, "typo.json")
        let outcome = try CLIProcess.run(["events", "create", typo], databaseURL: nil)
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains(#"unknown key "capasity" (did you mean "capacity"?)"#), "\(outcome.stderr)")

        // nested, in YAML, camelCase for snake_case
        let yaml = try CLIProcess.file(
            """
            title: Умка
            organiser: Богашевская СОШ
            kind: contest
            format: in_person
            starts_on: 2021-04-29
            ends_on: 2021-04-29
            registration: {opens_at: "2021-03-01T00:00:00+07:00", closesOn: 2021-04-20}
            eligibility: {grades: [0, 1]}
            nominations:
              - title: Лучший
                speshal: true

            """, "umka.yaml")
        let nested = try CLIProcess.run(["events", "create", yaml], databaseURL: nil)
        #expect(nested.status == 1)
        #expect(nested.stderr.contains(#"unknown key "closesOn" in registration (did you mean "closes_on"?)"#), "\(nested.stderr)")
        #expect(nested.stderr.contains(#"unknown key "speshal" in nominations[0] (did you mean "special"?)"#), "\(nested.stderr)")
        #expect(nested.stderr.contains("the keys there: title, special"), "\(nested.stderr)")
    }

    /// Yams composes nodes recursively: a deep document overflowed the CLI's stack (a crash, not a refusal).
    @Test(arguments: [
        ("flow", "title: " + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "\n"),
        ("block", "title:\n" + String(repeating: "- ", count: 100_000) + "x\n"),
        ("indented", "title:\n" + (0..<200).map { String(repeating: " ", count: $0 + 1) + "k\($0):" }.joined(separator: "\n") + " x\n")
    ])
    func aDeeplyNestedYAMLFileIsRefusedNotACrash(shape: String, text: String) throws {
        let deep = try CLIProcess.file(text, "deep-\(shape).yaml")
        let outcome = try CLIProcess.run(["events", "create", deep], databaseURL: nil)
        #expect(outcome.status == 1, "\(shape): \(outcome.status) \(outcome.stderr.prefix(300))")
        #expect(outcome.stderr.contains("nests deeper than 32 levels (line "), "\(shape): \(outcome.stderr.prefix(300))")
    }

    @Test func aYAMLFileThatExpandsToMillionsOfValuesOrIsTooBigIsRefused() throws {
        var laughs = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...6 {
            laughs += "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]\n"
        }
        let expanding = try CLIProcess.file(laughs, "laughs.yaml")
        let outcome = try CLIProcess.run(["events", "create", expanding], databaseURL: nil)
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("stands for more than 100000 values"), "\(outcome.stderr)")

        let big = try CLIProcess.file("title: Умка\n" + String(repeating: "# padding\n", count: 110_000), "big.yaml")
        let tooBig = try CLIProcess.run(["events", "create", big], databaseURL: nil)
        #expect(tooBig.status == 1)
        #expect(tooBig.stderr.contains("an event file is at most 1024 KiB"), "\(tooBig.stderr)")
    }

    @Test func createHelpListsEveryKeyWithItsTypeDefaultAndExample() throws {
        let help = try CLIProcess.run(["events", "create", "--help"], databaseURL: nil)
        #expect(help.status == 0)
        // ArgumentParser wraps long lines: compare with runs of whitespace folded
        let text = help.stdout.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        for expected in [
            "title: text (required); e.g. \"Спортивная мозаика\"",
            "organiser: organisation id or name (required); e.g. \"гимназия 13\" or 3",
            "capacity: integer (applications) (optional, absent: no limit); e.g. 30",
            "time_zone: IANA time zone (optional, absent: Asia/Tomsk)",
            "members_only: boolean (optional, absent: false)",
            "team: object (optional, absent: individual participation)",
            "min_size: integer (required); e.g. 7",
            "required_roles: list of participant, captain",
            "allow_pupils: boolean (optional, absent: true)",
            "age_reference_date: date (optional, absent: starts_on)",
            "special: boolean (optional, absent: false)",
            "kind: one of festival, contest"
        ] {
            #expect(text.contains(expected), "--help lacks \(expected)")
        }
    }

    /// `--format json` printed internal shapes: `{"identifier": "Asia/Tomsk"}`, `{"start_year": 2020}`, `rules.window`.
    @Test func createPrintsTheFilesOwnShapeAndTakesTheOrganiserAsAnID() throws {
        let config = try TestDatabase.fresh("cli_event_file_shape")
        let url = try CLIProcess.url(database: config.database ?? "")
        func run(_ arguments: String...) throws -> CLIProcess.Outcome { try CLIProcess.run(arguments, databaseURL: url) }
        #expect(try run("db", "migrate").status == 0)
        let network = try CLIProcess.file(
            """
            Наименование;Краткое наименование;Муниципалитет;Регион;Договор с
            МБОУ «Богашевская СОШ им. А.И. Федорова» Томского района;Богашевская СОШ;Томский район;Томская область;01.09.2017

            """, "network.csv")
        #expect(try run("organisations", "import", network).status == 0)
        let file = try CLIProcess.file(
            Self.umka.replacingOccurrences(of: #""organiser": "Богашевская СОШ""#, with: #""organiser": 1"#)
                + #", "team": {"min_size": 2, "max_size": 3}, "stages": [{"title": "Финал", "capacity": 5}]}"#, "umka.json")
        let created = try run("events", "create", file, "--format", "json")
        try #require(created.status == 0, "\(created.stderr)")
        #expect(
            !created.stdout.contains("identifier") && !created.stdout.contains("start_year") && !created.stdout.contains("rules"),
            "\(created.stdout)")
        let event = try #require(try JSONSerialization.jsonObject(with: Data(created.stdout.utf8)) as? [String: Any])
        #expect(event["organiser"] as? Int == 1)
        #expect(event["time_zone"] as? String == "Asia/Tomsk")
        #expect(event["starts_on"] as? String == "2021-04-29")
        #expect(event["school_year"] as? String == "2020-2021")
        #expect((event["registration"] as? [String: Any])?["closes_on"] as? String == "2021-04-20")
        #expect((event["team"] as? [String: Any])?["min_size"] as? Int == 2)
        #expect((event["eligibility"] as? [String: Any])?["grades"] as? [Int] == [0, 1])
        #expect((event["stages"] as? [[String: Any]])?.first?["capacity"] as? Int == 5)
        #expect(event.keys.contains("capacity") && event["capacity"] is NSNull)

        let id = try #require(event["id"] as? Int)
        let shown = try run("events", "show", String(id), "--format", "json")
        #expect(shown.stdout == created.stdout)
    }

    @Test func applicationsListSaysWhatItNeeds() throws {
        let help = try CLIProcess.run(["applications", "list", "--help"], databaseURL: nil)
        #expect(help.status == 0)
        #expect(help.stdout.contains("Needs --event ID (that event's applications) or --organisation ID|NAME"), "\(help.stdout)")
    }
}

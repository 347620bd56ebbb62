import Foundation
import PQ
import SchoolNetTestSupport
import Testing

@Suite struct CLITests {
    /// Every command a user can run, for the --help checks.
    static let commands: [[String]] = [
        ["db", "migrate"], ["db", "status"],
        ["organisations", "import"], ["organisations", "list"], ["organisations", "search"], ["organisations", "show"],
        ["organisations", "agreement"], ["people", "import"], ["people", "list"], ["modules", "list"], ["modules", "create"],
        ["events", "create"], ["events", "list"], ["events", "show"], ["events", "open"], ["events", "close"],
        ["applications", "register"], ["applications", "list"], ["applications", "withdraw"],
        ["results", "record"], ["results", "publish"], ["report", "annual"],
        ["export", "participants"], ["export", "results"],
        ["token", "issue"], ["token", "revoke"], ["token", "list"], ["demo", "load"]
    ]

    @Test(arguments: commands) func everyCommandsHelpHasAnExample(_ command: [String]) throws {
        let outcome = try CLIProcess.run(command + ["--help"], databaseURL: nil)
        #expect(outcome.status == 0)
        #expect(outcome.stdout.contains("Example"), "\(command.joined(separator: " ")) --help has no example")
    }

    @Test func usageErrorsExitWith2() throws {
        let unknown = try CLIProcess.run(["events", "list", "--no-such-option"], databaseURL: nil)
        #expect(unknown.status == 2)
        let missing = try CLIProcess.run(["token", "issue", "--role", "school"], databaseURL: nil)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("--org"))
        let badYear = try CLIProcess.run(["events", "list", "--year", "2020"], databaseURL: nil)
        #expect(badYear.status == 2)
    }

    @Test func anUnreachableDatabaseExitsWith3() throws {
        let outcome = try CLIProcess.run(["db", "status"], databaseURL: "postgresql://postgres@127.0.0.1:1/nothing?connect_timeout=2")
        #expect(outcome.status == 3)
        #expect(outcome.stderr.contains("database unreachable"))
    }

    @Test func importsTokensAndEventsEndToEnd() throws {
        let config = try TestDatabase.fresh("cli_end_to_end")
        let url = try CLIProcess.url(database: config.database ?? "")
        func run(_ arguments: String...) throws -> CLIProcess.Outcome { try CLIProcess.run(arguments, databaseURL: url) }

        #expect(try run("db", "migrate").status == 0)
        let status = try run("db", "status", "--format", "json")
        #expect(status.status == 0)
        let migrations = try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [[String: Any]]
        #expect(migrations?.allSatisfy { $0["state"] as? String == "applied" } == true)

        let network = try CLIProcess.file(
            """
            Наименование;Краткое наименование;Муниципалитет;Регион;Договор с
            МАОУ гимназия №13 г. Томска;гимназия №13;г. Томск;Томская область;01.09.2017
            МБОУ «Богашевская СОШ им. А.И. Федорова» Томского района;Богашевская СОШ;Томский район;Томская область;

            """, "network.csv")
        let imported = try run("organisations", "import", network, "--format", "json")
        #expect(imported.status == 0, "\(imported.stderr)")
        let report = try JSONSerialization.jsonObject(with: Data(imported.stdout.utf8)) as? [String: Any]
        #expect(report?["inserted"] as? Int == 2)
        #expect((report?["dialect"] as? [String: Any])?["encoding"] as? String == "UTF-8")
        #expect(report?["agreements_added"] as? Int == 1)

        let pupils = try CLIProcess.file("ФИО;Дата рождения;Класс\nИванова Мария;31.08.2009;6А\nПетров;01.01.2009;6Б\n", "6a.csv")
        let refused = try run("people", "import", "pupils", pupils, "--school", "гимназия 13", "--year", "2020-2021", "--all-or-nothing")
        #expect(refused.status == 1)
        #expect(refused.stdout.contains("missing_name"))
        let table = try run("people", "import", "pupils", pupils, "--school", "гимназия 13", "--year", "2020-2021")
        #expect(table.status == 0)
        #expect(table.stdout.contains("detected: UTF-8, delimiter ';'"))
        #expect(table.stdout.contains("1 new"))

        let found = try run("organisations", "search", "гимназия 13", "--format", "json")
        let matches = try JSONSerialization.jsonObject(with: Data(found.stdout.utf8)) as? [[String: Any]]
        #expect(matches?.first?["short_name"] as? String == "гимназия №13")

        let issued = try run("token", "issue", "--org", "Богашевская СОШ", "--role", "school", "--label", "test")
        #expect(issued.status == 0)
        let raw = issued.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(raw.hasPrefix("sn_"))
        let conn = try PQConnection(config)
        let stored = try conn.query("SELECT count(*) FROM api_token WHERE token_hash = sha256(convert_to($1, 'UTF8'))", [raw])
            .first?.decode(0, as: Int64.self)
        #expect(stored == 1)
        let leaked = try conn.query("SELECT count(*) FROM audit_log WHERE after::text LIKE '%' || $1 || '%'", [raw])
            .first?.decode(0, as: Int64.self)
        #expect(leaked == 0)
        #expect(try run("token", "revoke", "1").stdout.contains("revoked"))

        let spec = try CLIProcess.file(
            """
            {"title": "Умка", "organiser": "Богашевская СОШ", "kind": "contest", "format": "in_person",
             "starts_on": "2021-04-29", "ends_on": "2021-04-29",
             "registration": {"opens_at": "2021-03-01T00:00:00+07:00", "closes_on": "2021-04-20"},
             "team": {"min_size": 6, "max_size": 8}, "eligibility": {"grades": [0, 1], "allow_preschoolers": true},
             "nominations": [{"title": "Первоклассники"}, {"title": "Дошкольники"}]}
            """, "umka.json")
        let created = try run("events", "create", spec, "--format", "json")
        #expect(created.status == 0, "\(created.stderr)")
        let event = try JSONSerialization.jsonObject(with: Data(created.stdout.utf8)) as? [String: Any]
        #expect((event?["nominations"] as? [Any])?.count == 2)
        let twice = try run("events", "create", spec)
        #expect(twice.status == 1)

        let badRules = try CLIProcess.file(
            """
            {"title": "Ошибка", "organiser": "гимназия 13", "kind": "contest", "format": "distance",
             "starts_on": "2021-04-29", "ends_on": "2021-04-28",
             "registration": {"opens_at": "2021-03-01T00:00:00+07:00", "closes_on": "2021-05-20"},
             "eligibility": {"grades": [5, 9]}}
            """, "bad.json")
        let refusedEvent = try run("events", "create", badRules)
        #expect(refusedEvent.status == 1)
        #expect(refusedEvent.stderr.contains("refused"))
    }

    /// `--format csv` goes through the export writer: a name that starts like a formula is defused with an
    /// apostrophe (a spreadsheet opening the output never runs it), numbers stay numbers.
    @Test func csvOutputDefusesFormulas() throws {
        let config = try TestDatabase.migrated("cli_csv_defuse")
        try PQConnection(config).executeScript(
            ImportFixtures.tomsk + """
                UPDATE organisation SET short_name = '=HYPERLINK("http://x")' WHERE short_name = 'гимназия №13';
                UPDATE organisation SET short_name = '@SUM(1)' WHERE short_name = 'гимназия №18';
                """)
        let outcome = try CLIProcess.run(["organisations", "list", "--format", "csv"], databaseURL: try CLIProcess.url(database: config.database ?? ""))
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let lines = outcome.stdout.components(separatedBy: "\r\n")
        #expect(lines.first == "id,short_name,full_name,kind,municipality,member")
        #expect(lines.contains { $0.contains(",\"'=HYPERLINK(\"\"http://x\"\")\",") }, "\(outcome.stdout)")
        #expect(lines.contains { $0.contains(",'@SUM(1),") }, "\(outcome.stdout)")
        #expect(!outcome.stdout.contains(",=HYPERLINK") && !outcome.stdout.contains(",\"=HYPERLINK") && !outcome.stdout.contains(",@SUM"))
    }
}

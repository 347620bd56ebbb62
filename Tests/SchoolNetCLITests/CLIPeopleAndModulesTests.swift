import Foundation
import PQ
import SchoolNetTestSupport
import Testing

/// Issue 11, items 15, 17 and 21: `people import --school ID`, `people list`, `modules create|list`.
@Suite struct CLIPeopleAndModulesTests {
    static let network = """
        Наименование;Краткое наименование;Муниципалитет;Регион;Договор с
        МАОУ гимназия №13 г. Томска;гимназия №13;г. Томск;Томская область;01.09.2017
        МБОУ «Богашевская СОШ им. А.И. Федорова» Томского района;Богашевская СОШ;Томский район;Томская область;01.09.2017

        """

    @Test func peopleAreImportedToASchoolGivenByIDAndListedByClassWithoutBirthDates() throws {
        let config = try TestDatabase.fresh("cli_people_list")
        let url = try CLIProcess.url(database: config.database ?? "")
        func run(_ arguments: [String], token: String? = nil) throws -> CLIProcess.Outcome {
            try CLIProcess.run(arguments, databaseURL: url, extraEnvironment: token.map { ["SCHOOLNET_TOKEN": $0] } ?? [:])
        }
        #expect(try run(["db", "migrate"]).status == 0)
        #expect(try run(["organisations", "import", try CLIProcess.file(Self.network, "network.csv")]).status == 0)

        // --school took a name only: "1" was searched as one and matched no school
        let pupils = try CLIProcess.file(
            """
            ФИО;Дата рождения;Класс
            Иванова Мария Петровна;31.08.2010;6А
            Петров Пётр;01.02.2010;6Б
            Сидорова Анна;15.03.2010;6А

            """, "6.csv")
        let imported = try run(["people", "import", "pupils", pupils, "--school", "1", "--year", "2020-2021"])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("3 row(s) read, 3 new"), "\(imported.stdout)")
        let unknown = try run(["people", "import", "pupils", pupils, "--school", "99", "--year", "2020-2021"])
        #expect(unknown.status == 1, "\(unknown.stdout)")

        let listed = try run(["people", "list", "--school", "1", "--class", "6А", "--year", "2020-2021", "--format", "json"])
        #expect(listed.status == 0, "\(listed.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
        #expect(rows.map { "\($0["last_name"] ?? "") \($0["class"] ?? "")" } == ["Иванова 6А", "Сидорова 6А"])
        #expect(Set(rows.first?.keys.map { $0 } ?? []) == ["id", "last_name", "first_name", "patronymic", "kind", "organisation_id", "class"])
        let csv = try run(["people", "list", "--school", "гимназия 13", "--year", "2020-2021", "--format", "csv"])
        #expect(csv.stdout.hasPrefix("id,last_name,first_name,patronymic,kind,organisation_id,class\r\n"), "\(csv.stdout)")
        #expect(csv.stdout.components(separatedBy: "\r\n").count == 5)
        let table = try run(["people", "list", "--school", "1", "--year", "2020-2021"])
        for output in [listed.stdout, csv.stdout, table.stdout] {
            #expect(!output.contains("2010") && !output.contains("31.08") && !output.contains("birth"))
        }

        let found = try run(["people", "list", "--search", "иванова мария", "--year", "2020-2021", "--format", "json"])
        #expect(found.status == 0, "\(found.stderr)")
        #expect(found.stdout.contains("Иванова") && found.stdout.contains("6А") && !found.stdout.contains("2010"), "\(found.stdout)")

        // a school's token: its own pupils without --school; another school's and the search are refused
        let own = try run(["token", "issue", "--org", "1", "--role", "school"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let other = try run(["token", "issue", "--org", "2", "--role", "school"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let mine = try run(["people", "list", "--year", "2020-2021", "--format", "json"], token: own)
        #expect(mine.status == 0, "\(mine.stderr)")
        #expect((try JSONSerialization.jsonObject(with: Data(mine.stdout.utf8)) as? [Any])?.count == 3)
        #expect(try run(["people", "list", "--school", "1", "--year", "2020-2021"], token: other).status == 1)
        #expect(try run(["people", "list", "--search", "Иванова"], token: own).status == 1)
        #expect(try run(["people", "list"]).status == 1)
        #expect(try run(["people", "list", "--search", "x", "--school", "1"]).status == 2)
    }

    /// A fresh database had no modules, and only `demo load` made them: every event naming one was refused.
    @Test func theRegionalCentreCreatesModulesThatEventsThenName() throws {
        let config = try TestDatabase.fresh("cli_modules")
        let url = try CLIProcess.url(database: config.database ?? "")
        func run(_ arguments: String...) throws -> CLIProcess.Outcome { try CLIProcess.run(arguments, databaseURL: url) }
        #expect(try run("db", "migrate").status == 0)
        #expect(try run("organisations", "import", try CLIProcess.file(Self.network, "network.csv")).status == 0)
        let none = try run("modules", "list", "--format", "json")
        #expect((try JSONSerialization.jsonObject(with: Data(none.stdout.utf8)) as? [Any])?.isEmpty == true, "\(none.stdout)")

        let created = try run("modules", "create", "Человек XXI века", "--audience", "pupils", "--format", "json")
        #expect(created.status == 0, "\(created.stderr)")
        let module = (try JSONSerialization.jsonObject(with: Data(created.stdout.utf8)) as? [[String: Any]])?.first
        #expect(module?["name"] as? String == "Человек XXI века", "\(created.stdout)")
        #expect(module?["audience"] as? String == "pupils")
        let twice = try run("modules", "create", "человек xxi ВЕКА", "--audience", "pupils")
        #expect(twice.status == 1)
        #expect(twice.stderr.contains("already exists"), "\(twice.stderr)")
        #expect(try run("modules", "create", "Истоки", "--audience", "parents").status == 2)

        let spec = try CLIProcess.file(
            """
            {"title": "Мозаика", "organiser": "гимназия 13", "module": "Человек XXI века", "kind": "festival", "format": "distance",
             "starts_on": "2021-10-01", "ends_on": "2021-10-01",
             "registration": {"opens_at": "2021-09-01T00:00:00+07:00", "closes_on": "2021-09-28"}, "eligibility": {"grades": [6, 6]}}
            """, "mosaic.json")
        let event = try run("events", "create", spec, "--format", "json")
        #expect(event.status == 0, "\(event.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(event.stdout.utf8)) as? [String: Any]
        #expect(object?["module"] as? String == "Человек XXI века")

        let organiser = try run("token", "issue", "--org", "1", "--role", "organiser").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let refused = try CLIProcess.run(
            ["modules", "create", "Истоки", "--audience", "pupils"], databaseURL: url,
            extraEnvironment: ["SCHOOLNET_TOKEN": organiser])
        #expect(refused.status == 1)
        let listed = try CLIProcess.run(["modules", "list", "--format", "csv"], databaseURL: url, extraEnvironment: ["SCHOOLNET_TOKEN": organiser])
        #expect(listed.stdout == "id,name,audience\r\n1,Человек XXI века,pupils\r\n", "\(listed.stdout)")
    }
}

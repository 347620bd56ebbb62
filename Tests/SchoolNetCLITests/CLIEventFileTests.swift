import Foundation
import PQ
import SchoolNetTestSupport
import Testing

/// `events create` takes the event file as JSON or as YAML with the same keys (issue 7).
@Suite struct CLIEventFileTests {
    @Test func aYAMLEventFileCreatesTheSameEventAsItsJSON() throws {
        let config = try TestDatabase.fresh("cli_event_yaml")
        let url = try CLIProcess.url(database: config.database ?? "")
        func run(_ arguments: String...) throws -> CLIProcess.Outcome { try CLIProcess.run(arguments, databaseURL: url) }
        #expect(try run("db", "migrate").status == 0)
        let network = try CLIProcess.file(
            """
            Наименование;Краткое наименование;Муниципалитет;Регион;Договор с
            МАОУ гимназия №13 г. Томска;гимназия №13;г. Томск;Томская область;01.09.2017
            МБОУ «Богашевская СОШ им. А.И. Федорова» Томского района;Богашевская СОШ;Томский район;Томская область;01.09.2017

            """, "network.csv")
        #expect(try run("organisations", "import", network).status == 0)

        // dates unquoted (YAML would read them as timestamps), a flow mapping, a list, a comment, a boolean
        let yaml = try CLIProcess.file(
            """
            # Спортивная мозаика, 6 классы
            title: Спортивная мозаика
            organiser: гимназия 13
            kind: festival
            format: distance
            audience: 6 классы
            starts_on: 2021-10-01
            ends_on: 2021-10-01
            registration: {opens_at: "2021-09-01T00:00:00+07:00", closes_on: 2021-09-28}
            team:
              min_size: 7
              max_size: 7
            eligibility:
              grades: [6, 6]
              allow_preschoolers: false
            per_organisation_limit: 1
            nominations:
              - title: Эстафета
              - title: "Да"

            """, "mosaic.yaml")
        let created = try run("events", "create", yaml, "--format", "json")
        try #require(created.status == 0, "\(created.stderr)")
        let details = try JSONSerialization.jsonObject(with: Data(created.stdout.utf8)) as? [String: Any]
        #expect(details?["title"] as? String == "Спортивная мозаика")
        #expect((details?["nominations"] as? [[String: Any]])?.compactMap { $0["title"] as? String } == ["Эстафета", "Да"])
        let window = details?["registration"] as? [String: Any]
        #expect(window?["opens_at"] as? String == "2021-08-31T17:00:00Z", "\(created.stdout)")

        let conn = try PQConnection(config)
        let stored = try conn.query(
            """
            SELECT starts_on::text || ' ' || ends_on::text || ' ' || registration_closes_on::text || ' '
                   || team_min_size || '-' || team_max_size || ' ' || per_organisation_limit
            FROM event WHERE title = 'Спортивная мозаика'
            """
        ).first?.decode(0, as: String.self)
        #expect(stored == "2021-10-01 2021-10-01 2021-09-28 7-7 1")

        // the same file as JSON is the same event: refused as a duplicate
        let json = try CLIProcess.file(
            """
            {"title": "Спортивная мозаика", "organiser": "гимназия 13",
             "kind": "festival", "format": "distance", "audience": "6 классы",
             "starts_on": "2021-10-01", "ends_on": "2021-10-01",
             "registration": {"opens_at": "2021-09-01T00:00:00+07:00", "closes_on": "2021-09-28"},
             "team": {"min_size": 7, "max_size": 7}, "eligibility": {"grades": [6, 6]},
             "per_organisation_limit": 1, "nominations": [{"title": "Эстафета"}]}
            """, "mosaic.json")
        let again = try run("events", "create", json)
        #expect(again.status == 1, "\(again.stdout)")
    }
}

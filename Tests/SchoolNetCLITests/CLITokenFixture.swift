import Foundation
import PQ
import SchoolNetTestSupport

/// A migrated database of a test's own, set up through the CLI as the regional admin (no token): four member
/// organisations, an event of гимназия №13 taking applications now, and a token for each kind of caller.
struct CLITokenFixture {
    let url: String
    let config: PQConfiguration
    let event: Int64
    let schoolA: Int64, schoolB: Int64, organiser: Int64, otherOrganiser: Int64
    /// Raw tokens, as their holders keep them.
    let tokens: Tokens

    struct Tokens {
        var schoolA, schoolB, organiser, otherOrganiser, admin: String
    }

    /// The login the CLI signs with when it acts as the regional admin.
    static let user = "tester"

    init(_ label: String) throws {
        config = try TestDatabase.migrated(label)
        url = try CLIProcess.url(database: config.database ?? "")
        let url = self.url
        func admin(_ arguments: [String]) throws -> String {
            let outcome = try CLIProcess.run(arguments, databaseURL: url, extraEnvironment: ["USER": Self.user])
            guard outcome.status == 0 else { throw CLITestError("\(arguments.joined(separator: " ")): \(outcome.stderr)") }
            return outcome.stdout
        }

        let network = try CLIProcess.file(
            """
            Наименование;Краткое наименование;Муниципалитет;Регион;Договор с
            МАОУ гимназия №13 г. Томска;гимназия №13;г. Томск;Томская область;01.09.2017
            МАОУ гимназия №18 г. Томска;гимназия №18;г. Томск;Томская область;01.09.2017
            МАОУ СОШ №50 г. Томска;СОШ №50;г. Томск;Томская область;01.09.2017
            МАОУ СОШ №60 г. Томска;СОШ №60;г. Томск;Томская область;01.09.2017

            """, "network.csv")
        _ = try admin(["organisations", "import", network, "--all-or-nothing"])
        let conn = try PQConnection(config)
        func organisation(_ short: String) throws -> Int64 {
            guard let id = try conn.query("SELECT id FROM organisation WHERE short_name = $1", [short]).first?.decode(0, as: Int64.self) else {
                throw CLITestError("no organisation \(short)")
            }
            return id
        }
        schoolA = try organisation("СОШ №50")
        schoolB = try organisation("СОШ №60")
        organiser = try organisation("гимназия №13")
        otherOrganiser = try organisation("гимназия №18")

        // Taking applications whenever the test runs: opened two days ago, closing in a month.
        let tomsk = TimeZone(identifier: "Asia/Tomsk")!
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = tomsk
        func day(_ offset: Int) -> String {
            let c = calendar.dateComponents([.year, .month, .day], from: Date().addingTimeInterval(Double(offset) * 86400))
            return String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
        }
        let spec = try CLIProcess.file(
            """
            {"title": "Дни юности мятежной", "organiser": "\(organiser)", "kind": "contest", "format": "in_person",
             "starts_on": "\(day(40))", "ends_on": "\(day(40))",
             "registration": {"opens_at": "\(day(-2))T00:00:00+07:00", "closes_on": "\(day(30))"},
             "eligibility": {"grades": [5, 11]}}
            """, "event.json")
        let created = try JSONSerialization.jsonObject(with: Data(try admin(["events", "create", spec, "--format", "json"]).utf8)) as? [String: Any]
        guard let event = (created?["id"] as? NSNumber)?.int64Value else {
            throw CLITestError("events create printed no event id")
        }
        self.event = event

        func token(_ role: String, _ org: Int64?, _ label: String) throws -> String {
            try admin(["token", "issue", "--role", role, "--label", label] + (org.map { ["--org", String($0)] } ?? []))
                .trimmingCharacters(in: .whitespacesAndNewlines)
        }
        tokens = Tokens(
            schoolA: try token("school", schoolA, "СОШ №50"),
            schoolB: try token("school", schoolB, "СОШ №60"),
            organiser: try token("organiser", organiser, "Гимназия №13"),
            otherOrganiser: try token("organiser", otherOrganiser, "Гимназия №18"),
            admin: try token("admin", nil, "РЦРО")
        )
    }

    /// `schoolnet arguments...` with SCHOOLNET_TOKEN set to `token` (none when nil), USER the fixture's login.
    func run(_ arguments: String..., token: String? = nil) throws -> CLIProcess.Outcome {
        var environment = ["USER": Self.user]
        if let token { environment["SCHOOLNET_TOKEN"] = token }
        return try CLIProcess.run(arguments, databaseURL: url, extraEnvironment: environment)
    }

    /// A registration body for one pupil of `school`'s at the fixture's event.
    func registration(school: Int64, lastName: String) throws -> String {
        let birthYear = Calendar(identifier: .gregorian).component(.year, from: Date()) - 12
        return try CLIProcess.file(
            """
            {"eventId": \(event), "organisationId": \(school),
             "responsible": {"name": "Смирнова Елена Викторовна", "email": "smirnova@example.org"},
             "members": [{"lastName": "\(lastName)", "firstName": "Мария", "birthDate": "\(birthYear)-05-01",
                          "kind": "pupil", "grade": 6, "consent": true}]}
            """, "registration.json")
    }

    /// Registers for `school` as `token`'s holder (the regional admin when nil); the new application's id.
    func register(school: Int64, lastName: String, token: String? = nil) throws -> Int64 {
        let outcome = try run("applications", "register", try registration(school: school, lastName: lastName), "--format", "json", token: token)
        guard outcome.status == 0,
            let rows = try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [[String: Any]],
            let id = (rows.first?["id"] as? NSNumber)?.int64Value
        else {
            throw CLITestError("applications register: \(outcome.status) \(outcome.stderr)")
        }
        return id
    }

    func tokenID(_ raw: String) throws -> Int64 {
        try one("SELECT id FROM api_token WHERE token_hash = sha256(convert_to($1, 'UTF8'))", [raw])
    }

    /// The first column of the query's single row.
    func one<T: PQDecodable>(_ sql: String, _ parameters: [any PQEncodable] = [], as: T.Type = T.self) throws -> T {
        guard let row = try PQConnection(config).query(sql, parameters).first else { throw CLITestError("no row: \(sql)") }
        return try row.decode(0, as: T.self)
    }
}

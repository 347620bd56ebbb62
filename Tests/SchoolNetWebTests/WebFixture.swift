import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import PQ
import SchoolNetDomain
import SchoolNetHTTP
import SchoolNetService
import SchoolNetStore
import SchoolNetTestSupport
import SchoolNetWeb
import Testing

/// A clock the test moves: sessions expire, deadlines pass.
final class MovableTime: TimeSource, @unchecked Sendable {
    private let lock = NSLock()
    private var instant: Date

    init(_ instant: Date) { self.instant = instant }

    func now() -> Date { lock.withLock { instant } }

    func advance(by seconds: TimeInterval) { lock.withLock { instant += seconds } }
}

/// A migrated database of a suite's own with the network the pages need: an organiser (Гимназия №13), schools A
/// (СОШ №50) and B (СОШ №60), a module, a team event for sixth-graders (teams of 2-7, two teams per school) and an
/// individual one; accounts are made by `account(...)`. The app is the one `schoolnet serve` runs (API and pages),
/// over this fixture's movable clock, with bcrypt's cheapest cost so tests do not wait for it.
final class WebFixture: Sendable {
    let pool: PQPool
    let config: PQConfiguration
    let time: MovableTime
    let organiser: OrganisationID
    let schoolA: OrganisationID
    let schoolB: OrganisationID
    let module: ProgrammeModuleID
    /// Teams of 2-7 sixth-graders, at most two teams per school; open now.
    let teamEvent: EventID
    /// Individual, grades 5-11, open now.
    let individualEvent: EventID
    let admin = Caller(organisationID: nil, role: .regionalAdmin, displayName: "РЦРО")
    static let password = "ЛетоВТомске2026"

    /// 10 October 2025, 12:00 in Tomsk.
    static let start = ISO8601DateFormatter().date(from: "2025-10-10T05:00:00Z")!

    /// The suite's fixture, built on first use and kept for the process (Swift Testing makes a suite instance per test).
    static func shared(_ label: String) throws -> WebFixture {
        try cache.withLock { fixtures in
            if let fixture = fixtures[label] { return fixture }
            let fixture = try WebFixture(label)
            fixtures[label] = fixture
            return fixture
        }
    }

    private static let cache = NSLockedBox<[String: WebFixture]>([:])

    init(_ label: String) throws {
        self.config = try TestDatabase.migrated(label)
        self.pool = PQPool(configuration: self.config, size: 4)
        self.time = MovableTime(Self.start)
        let conn = try PQConnection(self.config)
        let reference = ReferenceRepository()
        let organisations = OrganisationRepository()
        let events = EventRepository()
        let region = try reference.ensureRegion(countryCode: "RU", name: "Томская область", on: conn)
        let city = try reference.ensureMunicipality(regionID: region.id, name: "г. Томск", kind: .city, on: conn)
        func organisation(_ kind: OrganisationKind, _ full: String, _ short: String) throws -> OrganisationID {
            let created = try organisations.create(
                NewOrganisation(municipalityID: city.id, kind: kind, legalForm: "МАОУ", fullName: full, shortName: short), on: conn)
            _ = try organisations.addAgreement(created.id, membership: NetworkMembership(since: LocalDate("2019-09-01")!), on: conn)
            return created.id
        }
        self.organiser = try organisation(.gymnasium, "МАОУ гимназия №13 г. Томска", "Гимназия №13")
        self.schoolA = try organisation(.school, "МАОУ СОШ №50 г. Томска", "СОШ №50")
        self.schoolB = try organisation(.school, "МАОУ СОШ №60 г. Томска", "СОШ №60")
        let module = try reference.ensureModule(name: "Человек XXI века", audience: .pupils, on: conn).id
        self.module = module
        let organiser = self.organiser
        let startsOn = LocalDate("2025-11-20")!
        let window = RegistrationWindow(opensAt: ISO8601DateFormatter().date(from: "2025-10-01T00:00:00+07:00")!, closesOn: LocalDate("2025-11-01")!)
        func new(_ title: String, team: TeamRules, grades: ClosedRange<Int>, perOrganisation: Int? = nil) -> NewEvent {
            var rules = EventRules(eligibility: Eligibility(grades: grades, ageReferenceDate: startsOn), team: team, window: window)
            rules.perOrganisationLimit = perOrganisation
            return NewEvent(
                title: title, moduleID: module, organiserID: organiser, kind: .festival, format: .inPerson, audience: "6 классы",
                startsOn: startsOn, endsOn: startsOn, rules: rules, stages: [], nominations: [NewNomination(title: "Эстафета")])
        }
        let team = try events.create(new("Спортивная мозаика", team: .team(2...7), grades: 6...6, perOrganisation: 2), on: conn).id
        let individual = try events.create(new("Дни юности мятежной", team: .individual, grades: 5...11), on: conn).id
        self.teamEvent = team
        self.individualEvent = individual
    }

    var accounts: AccountService {
        var policy = AccountPolicy()
        policy.bcryptCost = 4
        return AccountService(pool: pool, time: time, policy: policy)
    }

    var services: WebServices { WebServices(api: APIServices(pool: pool, time: time), accounts: accounts) }

    var app: some ApplicationProtocol {
        buildWebApplication(
            HTTPConfig(port: 0), dependencies: .live(pool: pool, time: time), web: WebRoutes(services: services),
            logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
    }

    /// Invites `email` as `role` of `organisation` and returns the invitation link's path (`/account/invitation/…`).
    func invite(_ email: String, _ role: AccountRole, of organisation: OrganisationID?, name: String) async throws -> String {
        let invitation = try await accounts.invite(email: email, displayName: name, organisation: organisation, role: role, by: admin)
        return "/account/invitation/\(try #require(invitation.link).raw)"
    }

    /// An account with a password already set.
    func account(_ email: String, _ role: AccountRole, of organisation: OrganisationID?, name: String) async throws {
        let link = try await invite(email, role, of: organisation, name: name)
        _ = try await accounts.acceptInvitation(String(link.dropFirst("/account/invitation/".count)), password: Self.password)
    }

    func count(_ sql: String, _ parameters: [any PQEncodable] = []) throws -> Int64 {
        try PQConnection(self.config).query(sql, parameters)[0].decode(0)
    }
}

/// A browser in miniature over HummingbirdTesting's client: keeps cookies, and sends back the form token of the
/// last page it read, as a browser submitting that page's form would.
final class WebClient: @unchecked Sendable {
    let client: any TestClientProtocol
    private(set) var cookies: [String: String] = [:]
    private(set) var lastPage = ""

    init(_ client: any TestClientProtocol) { self.client = client }

    struct Page {
        let status: Int
        let html: String
        let headers: HTTPFields
        var location: String? { headers[.location] }
    }

    @discardableResult
    func get(_ path: String, headers extra: HTTPFields = [:]) async throws -> Page {
        try await send(.get, path, body: nil, headers: extra)
    }

    /// Posts `fields` with the form token scraped from the last page read (unless `csrf` says otherwise).
    @discardableResult
    func post(_ path: String, _ fields: [(String, String)], csrf: String? = nil, headers extra: HTTPFields = [:]) async throws -> Page {
        var all = fields
        if let token = csrf ?? Self.formToken(in: lastPage) { all.append(("_csrf", token)) }
        let body = all.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        var headers = extra
        headers[.contentType] = "application/x-www-form-urlencoded"
        return try await send(.post, path, body: body, headers: headers)
    }

    /// Follows the answer's redirect, if any.
    func follow(_ page: Page) async throws -> Page {
        guard let location = page.location, (300..<400).contains(page.status) else { return page }
        return try await get(location)
    }

    private func send(_ method: HTTPRequest.Method, _ path: String, body: String?, headers extra: HTTPFields) async throws -> Page {
        var headers = extra
        if !cookies.isEmpty { headers[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; ") }
        let response = try await client.execute(
            uri: path, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
        for line in response.headers[values: .setCookie] {
            let pair = line.split(separator: ";", maxSplits: 1)[0].split(separator: "=", maxSplits: 1)
            let name = String(pair[0])
            let value = pair.count > 1 ? String(pair[1]) : ""
            if value.isEmpty || line.lowercased().contains("max-age=0") { cookies[name] = nil } else { cookies[name] = value }
        }
        let html = String(buffer: response.body)
        if response.headers[.contentType]?.hasPrefix("text/html") == true { lastPage = html }
        return Page(status: Int(response.status.code), html: html, headers: response.headers)
    }

    func setCookie(_ name: String, _ value: String?) { cookies[name] = value }

    static func formToken(in html: String) -> String? {
        guard let range = html.range(of: #"name="_csrf" value=""#) else { return nil }
        let rest = html[range.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }

    static func encode(_ value: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value
    }
}

/// A value behind a lock.
final class NSLockedBox<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    func withLock<T>(_ body: (inout Value) throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}

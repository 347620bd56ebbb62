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
import Testing

/// A migrated database of a suite's own, seeded through the store's repositories: an organiser (гимназия №13),
/// another organiser (гимназия №18), schools A and B, tokens for each plus the admin and a revoked one, and events.
/// The app is the production one, wired as `schoolnet serve` wires it, with a fixed clock.
final class APIFixture: Sendable {
    let pool: PQPool
    let config: PQConfiguration
    let time: FixedTime

    let organiser: OrganisationID
    let otherOrganiser: OrganisationID
    let schoolA: OrganisationID
    let schoolB: OrganisationID
    let module: ProgrammeModuleID
    let teachersModule: ProgrammeModuleID

    /// Raw bearer tokens, as their holders would send them.
    let tokens: Tokens

    /// Individual, pupils of grades 5-11, open now, in `module`, stages «Отборочный» → «Финал», nomination «Поэзия».
    let event: EventDetails
    /// Teams of 2-4 pupils, open now, no stages.
    let teamEvent: EventID
    /// Teachers only, open now, in `teachersModule`.
    let teachersEvent: EventID
    /// Organised by гимназия №18, open now.
    let otherEvent: EventID
    /// Registration ended on 1 October.
    let closedEvent: EventID

    struct Tokens: Sendable {
        var schoolA, schoolB, organiser, otherOrganiser, admin, revoked: String
    }

    /// 10 October 2025, 12:00 in Tomsk.
    static let now = ISO8601DateFormatter().date(from: "2025-10-10T05:00:00Z")!

    /// The suite's fixture, built on first use (Swift Testing makes a suite instance per test) and kept for the process.
    static func shared(_ label: String) throws -> APIFixture {
        try cache.withLock { fixtures in
            if let fixture = fixtures[label] { return fixture }
            let fixture = try APIFixture(label)
            fixtures[label] = fixture
            return fixture
        }
    }

    private static let cache = LockedFixtures()

    private init(_ label: String) throws {
        self.config = try TestDatabase.migrated(label)
        self.pool = PQPool(configuration: self.config, size: 4)
        self.time = FixedTime(Self.now)
        let now = Self.now
        let conn = try PQConnection(self.config)
        let reference = ReferenceRepository()
        let organisations = OrganisationRepository()
        let tokens = TokenRepository()
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
        self.otherOrganiser = try organisation(.gymnasium, "МАОУ гимназия №18 г. Томска", "Гимназия №18")
        self.schoolA = try organisation(.school, "МАОУ СОШ №50 г. Томска", "СОШ №50")
        self.schoolB = try organisation(.school, "МАОУ СОШ №60 г. Томска", "СОШ №60")
        self.module = try reference.ensureModule(name: "Литературное творчество", audience: .pupils, on: conn).id
        self.teachersModule = try reference.ensureModule(name: "Педагогические мастерские", audience: .teachers, on: conn).id

        func token(_ role: ActorRole, _ organisation: OrganisationID?, _ label: String) throws -> IssuedToken {
            try tokens.issue(role: role, organisationID: organisation, label: label, at: now, on: conn)
        }
        let revoked = try token(.school, self.schoolA, "СОШ №50, старый ключ")
        _ = try tokens.revoke(revoked.token.id, at: now, on: conn)
        self.tokens = Tokens(
            schoolA: try token(.school, self.schoolA, "СОШ №50").raw,
            schoolB: try token(.school, self.schoolB, "СОШ №60").raw,
            organiser: try token(.organiser, self.organiser, "Гимназия №13").raw,
            otherOrganiser: try token(.organiser, self.otherOrganiser, "Гимназия №18").raw,
            admin: try token(.regionalAdmin, nil, "РЦРО").raw,
            revoked: revoked.raw
        )

        func new(
            _ title: String, organiser: OrganisationID, module: ProgrammeModuleID?, team: TeamRules = .individual,
            eligibility: Eligibility? = nil, opens: String = "2025-10-01T00:00:00+07:00", closes: String = "2025-11-01",
            starts: String = "2025-11-20", stages: [NewStage] = [], nominations: [NewNomination] = []
        ) -> NewEvent {
            let startsOn = LocalDate(starts)!
            let window = RegistrationWindow(opensAt: ISO8601DateFormatter().date(from: opens)!, closesOn: LocalDate(closes)!)
            return NewEvent(
                title: title, moduleID: module, organiserID: organiser, kind: .contest, format: .inPerson, audience: "5-11 классы",
                startsOn: startsOn, endsOn: startsOn.adding(days: 1),
                rules: EventRules(eligibility: eligibility ?? Eligibility(grades: 5...11, ageReferenceDate: startsOn), team: team, window: window),
                stages: stages, nominations: nominations
            )
        }
        let created = try events.create(
            new(
                "Дни юности мятежной", organiser: self.organiser, module: self.module,
                stages: [NewStage(title: "Отборочный"), NewStage(title: "Финал", capacity: 10)], nominations: [NewNomination(title: "Поэзия")]
            ), on: conn)
        self.event = EventDetails(event: created, stages: try events.stages(created.id, on: conn), nominations: try events.nominations(created.id, on: conn))
        self.teamEvent = try events.create(new("Школьные кейсы", organiser: self.organiser, module: self.module, team: .team(2...4)), on: conn).id
        self.teachersEvent = try events.create(
            new(
                "Педагогический марафон", organiser: self.organiser, module: self.teachersModule,
                eligibility: Eligibility(allowPupils: false, allowTeachers: true, ageReferenceDate: LocalDate("2025-11-20")!)
            ), on: conn
        ).id
        self.otherEvent = try events.create(new("Мамочка моя!", organiser: self.otherOrganiser, module: self.module), on: conn).id
        self.closedEvent = try events.create(
            new(
                "Осенний листопад", organiser: self.organiser, module: self.module, opens: "2025-09-01T00:00:00+07:00", closes: "2025-10-01",
                starts: "2025-10-20"
            ), on: conn
        ).id
    }

    /// The dependencies `schoolnet serve` builds, with this fixture's clock.
    var dependencies: AppDependencies { .live(pool: self.pool, time: self.time) }

    var app: some ApplicationProtocol {
        buildApplication(
            HTTPConfig(port: 0), dependencies: self.dependencies,
            logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
        )
    }

    /// A number from the database, for before/after comparisons.
    func count(_ sql: String, _ parameters: [any PQEncodable] = []) throws -> Int64 {
        try PQConnection(self.config).query(sql, parameters)[0].decode(0)
    }

    /// An individual application body for `event` by `organisation`: one pupil of grade `grade`.
    func individual(
        event: EventID? = nil, organisation: OrganisationID? = nil, lastName: String = "Иванова", grade: Int = 8, birthDate: String = "2011-03-01"
    ) -> String {
        """
        {"eventId": \((event ?? self.event.event.id).rawValue), "organisationId": \((organisation ?? self.schoolA).rawValue),
         "responsible": {"name": "Кузнецова Ольга Ивановна", "email": "kuznetsova@example.org", "phone": "+7 913 000-00-00"},
         "members": [{"lastName": "\(lastName)", "firstName": "Мария", "patronymic": "Петровна", "birthDate": "\(birthDate)",
                      "kind": "pupil", "grade": \(grade), "consent": true}]}
        """
    }
}

/// Sends a request; `json` is sent as the body with `Content-Type: application/json`.
func send(
    _ client: some TestClientProtocol, _ method: HTTPRequest.Method, _ uri: String, token: String? = nil, json: String? = nil,
    headers extra: HTTPFields = [:]
) async throws -> TestResponse {
    var headers = extra
    if let token { headers[.authorization] = "Bearer \(token)" }
    if json != nil { headers[.contentType] = "application/json" }
    return try await client.execute(uri: uri, method: method, headers: headers, body: json.map { ByteBuffer(string: $0) }) { $0 }
}

extension TestResponse {
    /// The body as a JSON object (an empty one when it is not).
    var object: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(buffer: self.body))) as? [String: Any] ?? [:]
    }

    /// `items` of a list answer.
    var items: [[String: Any]] { self.object["items"] as? [[String: Any]] ?? [] }

    /// The `id` of an object answer.
    var id: Int64? { int(self.object["id"]) }
}

/// Fixtures by suite label behind a lock.
private final class LockedFixtures: @unchecked Sendable {
    private let lock = NSLock()
    private var fixtures: [String: APIFixture] = [:]

    func withLock<T>(_ body: (inout [String: APIFixture]) throws -> T) rethrows -> T {
        self.lock.lock()
        defer { self.lock.unlock() }
        return try body(&self.fixtures)
    }
}

/// A JSON number as an integer, however JSONSerialization bridged it.
func int(_ value: Any?) -> Int64? {
    switch value {
    case let number as NSNumber: number.int64Value
    case let number as Int: Int64(number)
    case let number as Int64: number
    default: nil
    }
}

/// A JSON boolean, however JSONSerialization bridged it.
func bool(_ value: Any?) -> Bool? {
    switch value {
    case let flag as Bool: flag
    case let number as NSNumber: number.boolValue
    default: nil
    }
}

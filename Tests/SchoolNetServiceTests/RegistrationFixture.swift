import Foundation
import PQ
import SchoolNetDomain
import SchoolNetService
import SchoolNetStore
import SchoolNetTestSupport
import Testing

/// One migrated database per suite with a small network: an organiser, member schools A and B, non-member C,
/// and helpers to add events with any rules. Suites are `.serialized` so row counts before/after mean something.
final class RegistrationFixture: Sendable {
    let config: PQConfiguration
    let pool: PQPool
    let organiser: OrganisationID
    let schoolA: OrganisationID
    let schoolB: OrganisationID
    /// Not a network member.
    let schoolC: OrganisationID
    /// Extra member schools for the concurrency tests.
    let others: [OrganisationID]

    /// 10 October 2020, 12:00 in Tomsk: registration for the default event is open.
    static let now = instant("2020-10-10T12:00:00+07:00")

    private init(config: PQConfiguration, ids: [OrganisationID]) {
        self.config = config
        self.pool = PQPool(configuration: config, size: 8)
        organiser = ids[0]
        schoolA = ids[1]
        schoolB = ids[2]
        schoolC = ids[3]
        others = Array(ids[4...])
    }

    /// The suite's database, created and seeded on first use.
    static func shared(_ label: String) throws -> RegistrationFixture {
        try cache.get(label) { try make(label) }
    }

    private static func make(_ label: String) throws -> RegistrationFixture {
        let config = try TestDatabase.migrated(label)
        let conn = try PQConnection(config)
        try conn.executeScript(
            """
            INSERT INTO school_year (start_year) VALUES (2019), (2020), (2021);
            INSERT INTO region (country_code, name) VALUES ('RU', 'Томская область');
            INSERT INTO municipality (region_id, name, kind) SELECT id, 'г. Томск', 'city' FROM region;
            """)
        var ids: [OrganisationID] = []
        let names =
            ["МАОУ гимназия №13 г. Томска", "МАОУ СОШ №50 г. Томска", "МБОУ Богашевская СОШ", "МБОУ Калтайская СОШ"]
            + (1...8).map { "МАОУ СОШ №\(100 + $0) г. Томска" }
        for (index, name) in names.enumerated() {
            let id: Int64 = try conn.query(
                """
                INSERT INTO organisation (municipality_id, kind, full_name) SELECT id, 'school', $1 FROM municipality RETURNING id
                """, [name]
            ).first!.decode(0)
            if index != 3 {
                try conn.execute("INSERT INTO network_agreement (organisation_id, starts_on) VALUES ($1, '2019-09-01')", [id])
            }
            ids.append(OrganisationID(rawValue: id))
        }
        return RegistrationFixture(config: config, ids: ids)
    }

    func connect() throws -> PQConnection { try PQConnection(config) }

    func service(at now: Date = RegistrationFixture.now) -> RegistrationService {
        RegistrationService(pool: pool, time: FixedTime(now))
    }

    func school(_ id: OrganisationID, tokenID: Int64? = nil) -> Caller {
        Caller(organisationID: id, role: .school, tokenID: tokenID, displayName: "Школа №\(id.rawValue)")
    }

    var admin: Caller { Caller(organisationID: nil, role: .regionalAdmin, displayName: "РЦРО") }
    var organiserCaller: Caller { Caller(organisationID: organiser, role: .organiser, displayName: "Гимназия №13") }

    /// Adds an event organised by the fixture's organiser; titles are made unique.
    func event(_ spec: EventSpec = EventSpec()) throws -> EventID {
        let conn = try connect()
        let title = "\(spec.title) \(UUID().uuidString.prefix(8))"
        let id: Int64 = try conn.query(
            """
            INSERT INTO event (school_year_id, organiser_id, title, kind, format, starts_on, ends_on, time_zone,
                registration_opens_at, registration_closes_on, closed_early_at, capacity, per_organisation_limit,
                members_only, participation, team_min_size, team_max_size, team_required_roles,
                grade_min, grade_max, age_min, age_max, age_reference_date,
                allow_preschoolers, allow_pupils, allow_teachers, allow_students)
            SELECT y.id, $1, $2, 'contest', 'in_person', $3, $4, $5, $6, $7, $8, $9, $10, $11,
                   $12::participation_kind, $13, $14, $15::text[]::participant_role[], $16, $17, $18, $19, $20,
                   $21, $22, $23, $24
            FROM school_year y WHERE y.start_year = school_year_start($3::date)
            RETURNING id
            """,
            [
                organiser.rawValue, title, PQDate(spec.startsOn)!, PQDate(spec.endsOn ?? spec.startsOn)!, spec.timeZone,
                spec.opensAt, spec.closesOn.flatMap { PQDate($0) }, spec.closedEarlyAt, spec.capacity, spec.perOrganisationLimit,
                spec.membersOnly, spec.team == nil ? "individual" : "team", spec.team?.lowerBound, spec.team?.upperBound,
                spec.requiredRoles, spec.grades?.lowerBound, spec.grades?.upperBound, spec.ages?.lowerBound, spec.ages?.upperBound,
                spec.ageReferenceDate.flatMap { PQDate($0) },
                spec.allowPreschoolers, spec.allowPupils, spec.allowTeachers, spec.allowStudents
            ]
        ).first!.decode(0)
        return EventID(rawValue: id)
    }

    func nomination(_ event: EventID, _ title: String = "Вокал") throws -> NominationID {
        let id: Int64 = try connect().query(
            "INSERT INTO nomination (event_id, title) VALUES ($1, $2) RETURNING id", [event.rawValue, title]
        ).first!.decode(0)
        return NominationID(rawValue: id)
    }

    /// Rows in every table registration writes to, the audit log included.
    func counts() throws -> RowCounts {
        let row = try connect().query(
            """
            SELECT (SELECT count(*) FROM application) AS applications, (SELECT count(*) FROM application_member) AS members,
                   (SELECT count(*) FROM person) AS people, (SELECT count(*) FROM personal_data_consent) AS consents,
                   (SELECT count(*) FROM pupil_grade) AS grades, (SELECT count(*) FROM entry) AS entries,
                   (SELECT count(*) FROM audit_log) AS audit, (SELECT count(*) FROM outbox) AS outbox
            """
        ).first!
        return RowCounts(
            applications: try row.decode("applications"), members: try row.decode("members"), people: try row.decode("people"),
            consents: try row.decode("consents"), grades: try row.decode("grades"), entries: try row.decode("entries"),
            audit: try row.decode("audit"), outbox: try row.decode("outbox"))
    }

    /// Active applications of an event, as the database counts them.
    func active(_ event: EventID, organisation: OrganisationID? = nil) throws -> Int {
        try connect().query(
            "SELECT count(*) FROM application WHERE event_id = $1 AND is_active AND ($2::bigint IS NULL OR organisation_id = $2)",
            [event.rawValue, organisation?.rawValue]
        ).first!.decode(0)
    }

    private static let cache = Cache()

    private final class Cache: @unchecked Sendable {
        private let lock = NSLock()
        private var fixtures: [String: RegistrationFixture] = [:]
        func get(_ label: String, _ make: () throws -> RegistrationFixture) throws -> RegistrationFixture {
            lock.lock()
            defer { lock.unlock() }
            if let fixture = fixtures[label] { return fixture }
            let fixture = try make()
            fixtures[label] = fixture
            return fixture
        }
    }
}

struct RowCounts: Equatable, CustomStringConvertible {
    var applications, members, people, consents, grades, entries, audit, outbox: Int
    var description: String {
        "applications \(applications), members \(members), people \(people), consents \(consents), grades \(grades), entries \(entries), audit \(audit), outbox \(outbox)"
    }
}

/// An event's rules for a test; the defaults are an individual contest for grades 5-9, registration open 1 Sep - 20 Oct 2020.
struct EventSpec {
    var title = "Конкурс"
    var startsOn = "2020-10-25"
    var endsOn: String?
    var timeZone = "Asia/Tomsk"
    var opensAt: Date? = instant("2020-09-01T00:00:00+07:00")
    var closesOn: String? = "2020-10-20"
    var closedEarlyAt: Date?
    var capacity: Int?
    var perOrganisationLimit: Int?
    var membersOnly = false
    /// nil: individual participation.
    var team: ClosedRange<Int>?
    var requiredRoles: [String] = []
    var grades: ClosedRange<Int>? = 5...9
    var ages: ClosedRange<Int>?
    var ageReferenceDate: String?
    var allowPreschoolers = false
    var allowPupils = true
    var allowTeachers = false
    var allowStudents = false
}

func instant(_ iso: String) -> Date {
    ISO8601DateFormatter().date(from: iso)!
}

func date(_ iso: String) -> LocalDate { LocalDate(iso)! }

let responsible = ResponsibleTeacher(name: "Петрова Анна Ивановна", email: "petrova@school.example")

/// A pupil with a stated consent, grade 6 in 2020-2021 unless told.
func pupil(_ last: String, _ first: String, grade: Int? = 6, born: String? = "2009-03-01", consent: Bool = true, role: MemberRole = .participant)
    -> MemberRequest
{
    MemberRequest(lastName: last, firstName: first, birthDate: born.map(date), kind: .pupil, grade: grade, role: role, consent: consent)
}

func teacher(_ last: String, _ first: String, _ patronymic: String? = nil, role: MemberRole = .participant) -> MemberRequest {
    MemberRequest(lastName: last, firstName: first, patronymic: patronymic, kind: .teacher, role: role)
}

func request(
    _ event: EventID, _ organisation: OrganisationID, _ members: [MemberRequest], team: String? = nil,
    nomination: NominationID? = nil, key: String? = nil, headcount: Int? = nil, entries: [EntryRequest] = [], historical: Bool = false
) -> RegistrationRequest {
    RegistrationRequest(
        eventID: event, organisationID: organisation,
        change: ApplicationChange(
            teamName: team, nominationID: nomination, responsible: responsible, members: members, headcount: headcount, entries: entries,
            historicalImport: historical),
        idempotencyKey: key)
}

/// Runs `body`, expecting a refusal with exactly `codes`, and checks no row anywhere changed.
func expectRefusal<T>(
    _ codes: [ErrorCode], field: String? = nil, in fixture: RegistrationFixture, sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () async throws -> T
) async throws {
    let before = try fixture.counts()
    do {
        _ = try await body()
        Issue.record("expected \(codes.map(\.rawValue)), the request succeeded", sourceLocation: sourceLocation)
    } catch let refusal as RegistrationRefusal {
        #expect(refusal.errors.map(\.code) == codes, "\(refusal.errors)", sourceLocation: sourceLocation)
        if let field { #expect(refusal.errors.first?.field == field, sourceLocation: sourceLocation) }
        for error in refusal.errors {
            #expect(!error.messageRU.isEmpty && !error.messageEN.isEmpty, sourceLocation: sourceLocation)
        }
    }
    #expect(try fixture.counts() == before, "rows changed by a refused request", sourceLocation: sourceLocation)
}

func expectRefusal<T>(
    _ code: ErrorCode, field: String? = nil, in fixture: RegistrationFixture, sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () async throws -> T
) async throws {
    try await expectRefusal([code], field: field, in: fixture, sourceLocation: sourceLocation, body)
}

import Foundation
import PQ
import SchoolNetDomain
import SchoolNetService
import SchoolNetTestSupport
import Testing

/// A migrated database of its own with two organisers' events, written with plain SQL (fixed ids, so tests read plainly):
/// event 1 by гимназия №13 with stages 11 «Отборочный» and 12 «Заключительный» (capacity 3) and nominations 21/22;
/// event 2 by гимназия №18 (stage 13, nomination 23); event 3 by гимназия №13 with no stages.
struct EventAdminFixture {
    let config: PQConfiguration
    let pool: PQPool
    let service: EventAdminService

    static let organiser = Caller(organisationID: OrganisationID(rawValue: 13), role: .organiser, tokenID: 1, displayName: "Кузнецова О. И. (гимназия №13)")
    static let otherOrganiser = Caller(organisationID: OrganisationID(rawValue: 18), role: .organiser, tokenID: 2, displayName: "гимназия №18")
    static let school = Caller(organisationID: OrganisationID(rawValue: 13), role: .school, tokenID: 3, displayName: "школа")
    static let admin = Caller(organisationID: nil, role: .regionalAdmin, tokenID: 4, displayName: "РЦРО")

    static let event = EventID(rawValue: 1)
    static let otherEvent = EventID(rawValue: 2)
    static let singleRound = EventID(rawValue: 3)
    static let qualifying = StageID(rawValue: 11)
    static let final = StageID(rawValue: 12)
    static let otherStage = StageID(rawValue: 13)
    static let poetry = NominationID(rawValue: 21)
    static let prose = NominationID(rawValue: 22)
    static let otherNomination = NominationID(rawValue: 23)

    /// 1 October 2020, 12:00 in Tomsk: registration for event 1 is open (20 September .. 16 October).
    static let defaultNow = Date(timeIntervalSince1970: 1_601_528_400)

    init(_ label: String, now: Date = EventAdminFixture.defaultNow, poolSize: Int = 4) throws {
        config = try TestDatabase.migrated(label)
        pool = PQPool(configuration: config, size: poolSize)
        service = EventAdminService(pool: pool, time: FixedTime(now))
        try run(Self.baseSQL)
    }

    func shutdown() async { await pool.shutdown() }

    func run(_ sql: String) throws {
        let conn = try PQConnection(config)
        try conn.executeScript(sql)
    }

    func count(_ sql: String, _ parameters: [any PQEncodable] = []) throws -> Int {
        let conn = try PQConnection(config)
        return Int(try conn.query(sql, parameters)[0].decode(0, as: Int64.self))
    }

    func strings(_ sql: String, _ parameters: [any PQEncodable] = []) throws -> [String] {
        let conn = try PQConnection(config)
        return try conn.query(sql, parameters).map { try $0.decode(0, as: String?.self) ?? "NULL" }
    }

    /// Rows that record anything the organiser did: what a refused action must leave untouched.
    func footprint() throws -> [Int] {
        try [
            count("SELECT count(*) FROM result"), count("SELECT count(*) FROM stage_advancement"),
            count("SELECT count(*) FROM jury_assignment"),
            count("SELECT count(*) FROM audit_log WHERE entity IN ('result', 'result_correction', 'stage_advancement', 'jury_assignment', 'event')"),
            count("SELECT count(*) FROM event WHERE results_published_at IS NOT NULL OR closed_early_at IS NOT NULL"),
            count("SELECT count(*) FROM outbox")
        ]
    }

    /// `n` individual applications to `event`, one new pupil each (ids from `firstID`), from `organisations` in turn.
    @discardableResult
    func applications(
        _ n: Int, event: EventID = EventAdminFixture.event, firstID: Int64, organisations: [Int64] = [13, 18, 50],
        status: String = "accepted", nomination: NominationID? = nil, consent: Bool = true
    ) throws -> [ApplicationID] {
        var sql = ""
        for i in 0..<n {
            let id = firstID + Int64(i)
            let org = organisations[i % organisations.count]
            let reason = status == "rejected" ? "'дисквалификация'" : "NULL"
            sql += """
                INSERT INTO person (id, kind, last_name, first_name, patronymic, birth_date, organisation_id) OVERRIDING SYSTEM VALUE
                    VALUES (\(id), 'pupil', 'Ученица\(id)', 'Мария', 'Петровна', '2006-03-01', \(org));
                INSERT INTO pupil_grade (person_id, school_year_id, organisation_id, grade) VALUES (\(id), 1, \(org), 9);
                INSERT INTO application (id, event_id, organisation_id, nomination_id, status, status_reason, submitted_by, responsible_name, contact_email)
                    OVERRIDING SYSTEM VALUE VALUES (\(id), \(event.rawValue), \(org), \(nomination.map { String($0.rawValue) } ?? "NULL"),
                    '\(status)', \(reason), 'test', 'Кузнецова О. И.', 'k@example.org');
                INSERT INTO application_member (application_id, person_id) VALUES (\(id), \(id));

                """
            if consent {
                sql += "INSERT INTO personal_data_consent (person_id, given_by, recorded_by, recorded_at) VALUES (\(id), 'мама', 'test', now());\n"
            }
        }
        try run(sql)
        return (0..<n).map { ApplicationID(rawValue: firstID + Int64($0)) }
    }

    /// Puts applications into a stage directly, as if advanced earlier.
    func place(_ applications: [ApplicationID], in stage: StageID, event: EventID = EventAdminFixture.event) throws {
        try run(
            applications.map {
                "INSERT INTO stage_advancement (event_id, application_id, stage_id) VALUES (\(event.rawValue), \($0.rawValue), \(stage.rawValue));"
            }.joined(separator: "\n"))
    }

    /// Accepted applications already in the final stage of event 1.
    func finalists(_ n: Int, firstID: Int64, nomination: NominationID? = nil) throws -> [ApplicationID] {
        let ids = try applications(n, firstID: firstID, nomination: nomination)
        try place(ids, in: Self.qualifying)
        try place(ids, in: Self.final)
        return ids
    }

    static let baseSQL = """
        INSERT INTO region (id, country_code, name) OVERRIDING SYSTEM VALUE VALUES (1, 'RU', 'Томская область');
        INSERT INTO municipality (id, region_id, name, kind) OVERRIDING SYSTEM VALUE VALUES (1, 1, 'г. Томск', 'city');
        INSERT INTO organisation (id, municipality_id, kind, legal_form, full_name, short_name) OVERRIDING SYSTEM VALUE VALUES
            (13, 1, 'gymnasium', 'МАОУ', 'Муниципальное автономное общеобразовательное учреждение гимназия №13 г. Томска', 'МАОУ гимназия №13'),
            (18, 1, 'gymnasium', 'МАОУ', 'МАОУ гимназия №18 г. Томска', NULL),
            (50, 1, 'school', 'МАОУ', 'МАОУ СОШ №50 г. Томска', 'СОШ №50'),
            (60, 1, 'school', 'МАОУ', 'МАОУ СОШ №60 г. Томска', 'СОШ №60');
        INSERT INTO school_year (id, start_year) OVERRIDING SYSTEM VALUE VALUES (1, 2020);
        INSERT INTO api_token (id, token_hash, role, organisation_id) OVERRIDING SYSTEM VALUE VALUES
            (1, sha256('organiser-13'), 'organiser', 13), (2, sha256('organiser-18'), 'organiser', 18),
            (3, sha256('school-13'), 'school', 13), (4, sha256('admin'), 'admin', NULL);
        INSERT INTO event (id, school_year_id, organiser_id, title, kind, format, starts_on, ends_on,
                           registration_opens_at, registration_closes_on, grade_min, grade_max)
            OVERRIDING SYSTEM VALUE VALUES
            (1, 1, 13, 'Дни юности мятежной', 'contest', 'mixed', '2020-10-19', '2020-11-02', '2020-09-20 00:00+07', '2020-10-16', 8, 11),
            (2, 1, 18, 'Мамочка моя!', 'contest', 'in_person', '2020-12-01', '2020-12-01', '2020-11-01 00:00+07', '2020-11-25', 1, 4),
            (3, 1, 13, 'Весенний переполох', 'festival', 'in_person', '2021-05-11', '2021-05-11', '2021-04-01 00:00+07', '2021-05-01', 1, 9);
        INSERT INTO event_stage (id, event_id, position, title, capacity) OVERRIDING SYSTEM VALUE VALUES
            (11, 1, 1, 'Отборочный', NULL), (12, 1, 2, 'Заключительный', 3), (13, 2, 1, 'Финал', NULL);
        INSERT INTO nomination (id, event_id, title, position) OVERRIDING SYSTEM VALUE VALUES
            (21, 1, 'Поэзия', 1), (22, 1, 'Проза', 2), (23, 2, 'Стихи о маме', 1);
        INSERT INTO person (id, kind, last_name, first_name, patronymic, organisation_id) OVERRIDING SYSTEM VALUE VALUES
            (201, 'teacher', 'Кузнецова', 'Ольга', 'Ивановна', 18),
            (202, 'teacher', 'Смирнов', 'Павел', NULL, NULL),
            (203, 'teacher', 'Орлова', 'Нина', NULL, 60);
        INSERT INTO teacher_role (person_id, organisation_id, role) VALUES (202, 50, 'expert');
        """
}

/// The codes of a refusal, whether it came as one error or a list.
func refusalCodes(_ error: any Error) -> [ErrorCode] {
    if let one = error as? RegistrationError { return [one.code] }
    if let many = error as? RegistrationRefusal { return many.errors.map(\.code) }
    return []
}

/// The fields of a refusal's errors.
func refusalFields(_ error: any Error) -> [String?] {
    if let one = error as? RegistrationError { return [one.field] }
    if let many = error as? RegistrationRefusal { return many.errors.map(\.field) }
    return []
}

/// Runs `body`, expecting a `RegistrationRefusal` (the service's one refusal type); returns its codes and fields,
/// empty when it did not fail, which the caller's #expect catches.
func refusal(_ body: () async throws -> some Any) async -> (codes: [ErrorCode], fields: [String?]) {
    do {
        _ = try await body()
        return ([], [])
    } catch let refusal as RegistrationRefusal {
        return (refusal.errors.map(\.code), refusal.errors.map(\.field))
    } catch {
        Issue.record("expected a RegistrationRefusal, got \(error)")
        return ([], [])
    }
}

extension EventAdminFixture {
    /// Runs `body` on a fresh fixture and shuts its pool down however the body ends.
    static func with(
        _ label: String, now: Date = EventAdminFixture.defaultNow, poolSize: Int = 4,
        _ body: (EventAdminFixture) async throws -> Void
    ) async throws {
        let fixture = try EventAdminFixture(label, now: now, poolSize: poolSize)
        do {
            try await body(fixture)
        } catch {
            await fixture.shutdown()
            throw error
        }
        await fixture.shutdown()
    }
}

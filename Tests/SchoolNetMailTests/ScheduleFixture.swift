import Foundation
import PQ
import SchoolNetDomain
import SchoolNetMail
import SchoolNetStore
import SchoolNetTestSupport

/// A database of its own for the schedulers (fixed ids, plain SQL): organiser гимназия №13 (accounts 1 and 2, role
/// organiser), schools 50 and 60 (coordinator accounts 50 and 60), three events with the same local dates
/// (registration closes on 16 October 2020, the event starts on 19 October) in three zones: 1 Asia/Tomsk (UTC+7),
/// 2 Asia/Novosibirsk (UTC+7), 3 Asia/Almaty (UTC+6 in 2020). School 50 follows all three; each event has one
/// active application from school 60 (ids 101, 102, 103) with teacher 601's address.
struct ScheduleFixture {
    let config: PQConfiguration
    let pool: PQPool

    static let tomsk = EventID(rawValue: 1)
    static let novosibirsk = EventID(rawValue: 2)
    static let almaty = EventID(rawValue: 3)

    init(_ label: String) throws {
        config = try TestDatabase.migrated(label)
        pool = PQPool(configuration: config, size: 4)
        try run(Self.baseSQL)
    }

    func shutdown() async { await pool.shutdown() }

    func run(_ sql: String) throws {
        let conn = try PQConnection(config)
        try conn.executeScript(sql)
    }

    func strings(_ sql: String, _ parameters: [any PQEncodable] = []) throws -> [String] {
        let conn = try PQConnection(config)
        return try conn.query(sql, parameters).map { try $0.decode(0, as: String?.self) ?? "NULL" }
    }

    func count(_ sql: String, _ parameters: [any PQEncodable] = []) throws -> Int {
        let conn = try PQConnection(config)
        return Int(try conn.query(sql, parameters)[0].decode(0, as: Int64.self))
    }

    /// "kind event recipient" of every outbox row, oldest first.
    func outbox() throws -> [String] {
        try strings("SELECT kind::text || ' ' || coalesce(event_id::text, '-') || ' ' || recipient_email FROM outbox ORDER BY id")
    }

    /// An instant from ISO 8601 text ("2020-10-13T02:00:00Z").
    static func at(_ text: String) -> Date {
        ISO8601DateFormatter().date(from: text)!
    }

    static let baseSQL = """
        INSERT INTO region (id, country_code, name) OVERRIDING SYSTEM VALUE VALUES (1, 'RU', 'Томская область');
        INSERT INTO municipality (id, region_id, name, kind) OVERRIDING SYSTEM VALUE VALUES (1, 1, 'г. Томск', 'city');
        INSERT INTO organisation (id, municipality_id, kind, legal_form, full_name, short_name) OVERRIDING SYSTEM VALUE VALUES
            (13, 1, 'gymnasium', 'МАОУ', 'МАОУ гимназия №13 г. Томска', 'гимназия №13'),
            (50, 1, 'school', 'МАОУ', 'МАОУ СОШ №50 г. Томска', 'СОШ №50'),
            (60, 1, 'school', 'МАОУ', 'МАОУ СОШ №60 г. Томска', 'СОШ №60');
        INSERT INTO school_year (id, start_year) OVERRIDING SYSTEM VALUE VALUES (1, 2020);
        INSERT INTO event (id, school_year_id, organiser_id, title, kind, format, starts_on, ends_on, time_zone,
                           registration_opens_at, registration_closes_on, grade_min, grade_max, created_at)
            OVERRIDING SYSTEM VALUE VALUES
            (1, 1, 13, 'Томская олимпиада', 'contest', 'mixed', '2020-10-19', '2020-10-20', 'Asia/Tomsk', '2020-09-20 00:00+07', '2020-10-16', 8, 11, '2020-09-01'),
            (2, 1, 13, 'Новосибирский турнир', 'contest', 'mixed', '2020-10-19', '2020-10-20', 'Asia/Novosibirsk', '2020-09-20 00:00+07', '2020-10-16', 8, 11, '2020-09-01'),
            (3, 1, 13, 'Алматинский фестиваль', 'festival', 'mixed', '2020-10-19', '2020-10-20', 'Asia/Almaty', '2020-09-20 00:00+06', '2020-10-16', 8, 11, '2020-09-01');
        INSERT INTO person (id, kind, last_name, first_name, patronymic, organisation_id) OVERRIDING SYSTEM VALUE VALUES
            (601, 'teacher', 'Орлова', 'Нина', 'Петровна', 60);
        INSERT INTO account (id, email, display_name, person_id) OVERRIDING SYSTEM VALUE VALUES
            (1, 'org1@g13.example', 'Организатор 1', NULL), (2, 'org2@g13.example', 'Организатор 2', NULL),
            (50, 'coord@s50.example', 'Координатор 50', NULL), (60, 'orlova@s60.example', 'Орлова Н. П.', 601);
        INSERT INTO account_membership (account_id, organisation_id, role, granted_by) VALUES
            (1, 13, 'organiser', 'test'), (2, 13, 'organiser', 'test'), (50, 50, 'coordinator', 'test'), (60, 60, 'coordinator', 'test');
        INSERT INTO event_follow (event_id, organisation_id, followed_at, followed_by) VALUES
            (1, 50, '2020-09-21', 'test'), (2, 50, '2020-09-21', 'test'), (3, 50, '2020-09-21', 'test');
        INSERT INTO application (id, event_id, organisation_id, status, submitted_by, responsible_teacher_id, contact_email, headcount, submitted_at)
            OVERRIDING SYSTEM VALUE VALUES
            (101, 1, 60, 'accepted', 'test', 601, 'orlova@s60.example', 3, '2020-10-01 10:00+07'),
            (102, 2, 60, 'submitted', 'test', 601, 'orlova@s60.example', 3, '2020-10-01 10:00+07'),
            (103, 3, 60, 'accepted', 'test', 601, 'orlova@s60.example', 3, '2020-10-01 10:00+06');
        """
}

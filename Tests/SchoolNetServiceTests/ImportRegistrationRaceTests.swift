import Foundation
import PQ
import SchoolNetDomain
import SchoolNetImport
import SchoolNetService
import SchoolNetTestSupport
import Testing

/// An import and registrations naming the same new pupils at the same time: every pupil ends up one person,
/// whichever side gets there first and however big the file. The interleaving is forced, not hoped for: a
/// test connection holds `pupil_grade` (SHARE) so that the first side stops in the middle of its writes, after
/// its look-up and its person rows, until the other side is waiting too.
@Suite(.serialized) struct ImportRegistrationRaceTests {
    let fx: RegistrationFixture
    init() throws { fx = try RegistrationFixture.shared("import_registration_race") }

    /// The file's school: the fixture's school A.
    static let school = "МАОУ СОШ №50 г. Томска"
    static let born = "2009-03-01"

    /// A pupils' file: `pupils` (surname, first name) born on `born`, grade 6 at school A, then `fillers` others.
    func file(_ pupils: [(String, String)], fillers: Int, tag: String) throws -> String {
        var csv = "Фамилия;Имя;Дата рождения;Класс;Школа\n"
        for (last, first) in pupils {
            csv += "\(last);\(first);01.03.2009;6А;\(Self.school)\n"
        }
        for i in 0..<fillers {
            csv += "Заполнитель\(tag)x\(i);Иван;\(String(format: "%02d.%02d", 1 + i % 28, 1 + i % 12)).2009;6Б;\(Self.school)\n"
        }
        return try ImportFixtures.file(Array(csv.utf8))
    }

    func makeImporter() -> (ImportService, PQPool) {
        let pool = PQPool(configuration: fx.config, size: 1)
        return (ImportService(pool: pool, clock: FixedTime(RegistrationFixture.now)), pool)
    }

    /// Holds SHARE on pupil_grade in an open transaction: both the import and a registration stop at their
    /// first write there.
    func holdPupilGrades() throws -> PQConnection {
        let raw = try fx.connect()
        try raw.executeScript("BEGIN; LOCK TABLE pupil_grade IN SHARE MODE")
        return raw
    }

    /// Waits until `n` sessions of the suite's database wait for a lock; false if they never do.
    func lockWaiters(_ n: Int, _ watcher: PQConnection) async throws -> Bool {
        // Bounded only so that a broken test can't hang the run; the outcome doesn't depend on it.
        for _ in 0..<1500 {
            let waiting: Int = try watcher.query(
                """
                SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'
                """
            ).first!.decode(0)
            if waiting >= n { return true }
            try await Task.sleep(for: .milliseconds(20))
        }
        return false
    }

    /// People per (normalised name, birth date) that exist more than once.
    func duplicates() throws -> Int {
        try fx.connect().query(
            """
            SELECT count(*) FROM (SELECT 1 FROM person GROUP BY name_key, birth_date HAVING count(*) > 1) d
            """
        ).first!.decode(0)
    }

    func people(_ last: String, _ first: String) throws -> [Int64] {
        try fx.connect().query(
            """
            SELECT id FROM person WHERE name_key = normalize_person_name($1) || ' ' || normalize_person_name($2) AND birth_date = $3
            """, [last, first, PQDate(Self.born)!]
        ).map { try $0.decode(0) }
    }

    /// Identity locks held, per holding session.
    func identityLocksHeld(_ watcher: PQConnection) throws -> [Int] {
        try watcher.query(
            """
            SELECT count(*) FROM pg_locks
            WHERE locktype = 'advisory' AND classid = 1346720339 AND granted
              AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
            GROUP BY pid ORDER BY 1
            """
        ).map { Int(try $0.decode(0, as: Int64.self)) }
    }

    func register(_ event: EventID, _ members: [MemberRequest], team: String? = nil) -> Task<RegistrationOutcome, any Error> {
        let service = fx.service()
        let caller = fx.school(fx.schoolA)
        let r = request(event, fx.schoolA, members, team: team)
        return Task { try await service.register(r, by: caller) }
    }

    /// A file of more people than there are lock buckets, several times over, while six registrations (five
    /// pupils alone, three in a team) name pupils of the file: the import stops after creating the people of
    /// its first batch, the registrations start and wait (for the batch's buckets, or at their own grades
    /// after creating a pupil of a later batch), the import goes on. Every such pupil is one person.
    @Test func aBigImportAndRegistrationsOfItsPupilsMakeEachPupilOnce() async throws {
        let singles = try (0..<5).map { _ in try fx.event() }
        let teams = try fx.event(EventSpec(team: 2...3))
        let watcher = try fx.connect()
        for round in 0..<3 {
            let alone = (0..<5).map { ("Гонкова\(round)x\($0)", "Вера") }
            let team = (0..<3).map { ("Сборная\(round)x\($0)", "Лиза") }
            let path = try file(alone + team, fillers: 4_500, tag: "\(round)")
            let raw = try holdPupilGrades()
            let (importer, pool) = makeImporter()
            defer { Task { await pool.shutdown() } }
            let imported = Task { try await importer.importFile(.pupils, path: path) }
            #expect(try await lockWaiters(1, watcher), "the import never reached its grades")
            // however big the file, the import holds one lock per bucket at most, and only its first batch's
            let held = try identityLocksHeld(watcher)
            #expect(held.count == 1 && (1..<1024).contains(held.first ?? 0), "\(held)")
            var registrations = zip(singles, alone).map { event, name in register(event, [pupil(name.0, name.1, born: Self.born)]) }
            registrations.append(register(teams, team.map { pupil($0.0, $0.1, born: Self.born) }, team: "Сборная \(round)"))
            #expect(try await lockWaiters(1 + registrations.count, watcher), "the registrations never waited")
            try raw.executeScript("COMMIT")
            let report = try await imported.value
            // a pupil in a later batch may have been registered (created) first: the import then matches her
            #expect(report.inserted + report.matched == 4_508 && report.matched <= 8 && report.rejectionsTotal == 0, "\(report)")
            var registered: Set<Int64> = []
            for registration in registrations {
                for member in try await registration.value.application.members { registered.insert(member.personID.rawValue) }
            }
            for (last, first) in alone + team {
                let ids = try people(last, first)
                #expect(ids.count == 1, "\(last) \(first): \(ids.count) people")
                #expect(registered.isSuperset(of: ids))
            }
            #expect(try duplicates() == 0)
        }
    }

    /// A small file locks only its own people's buckets; the registration of one of them waits for it.
    @Test func aSmallImportFirstThenARegistrationOfTheSamePupil() async throws {
        let event = try fx.event()
        let watcher = try fx.connect()
        let path = try file([("Первая", "Полина"), ("Вторая", "Вика")], fillers: 0, tag: "s1")
        let raw = try holdPupilGrades()
        let (importer, pool) = makeImporter()
        defer { Task { await pool.shutdown() } }
        let imported = Task { try await importer.importFile(.pupils, path: path) }
        #expect(try await lockWaiters(1, watcher), "the import never reached its grades")
        let held = try identityLocksHeld(watcher)
        #expect(held.count == 1 && (1...2).contains(held.first ?? 0), "\(held)")
        let registration = register(event, [pupil("ПЕРВАЯ", "полина", born: Self.born)])
        #expect(try await lockWaiters(2, watcher), "the registration never waited")
        try raw.executeScript("COMMIT")
        #expect(try await imported.value.inserted == 2)
        let member = try await registration.value.application.members[0].personID.rawValue
        #expect(try people("Первая", "Полина") == [member])
        #expect(try duplicates() == 0)
    }

    /// The other way round: the registration has created the pupil and not committed; the import waits for it
    /// and then finds her.
    @Test func aRegistrationFirstThenASmallImportOfTheSamePupil() async throws {
        let event = try fx.event()
        let watcher = try fx.connect()
        let raw = try holdPupilGrades()
        let registration = register(event, [pupil("Ранняя", "Рита", born: Self.born)])
        #expect(try await lockWaiters(1, watcher), "the registration never reached the grade")
        let path = try file([("Ранняя", "Рита"), ("Поздняя", "Поля")], fillers: 0, tag: "s2")
        let (importer, pool) = makeImporter()
        defer { Task { await pool.shutdown() } }
        let imported = Task { try await importer.importFile(.pupils, path: path) }
        #expect(try await lockWaiters(2, watcher), "the import never waited")
        try raw.executeScript("COMMIT")
        let member = try await registration.value.application.members[0].personID.rawValue
        let report = try await imported.value
        #expect((report.inserted, report.matched) == (1, 1))
        #expect(try people("Ранняя", "Рита") == [member])
        #expect(try duplicates() == 0)
    }
}

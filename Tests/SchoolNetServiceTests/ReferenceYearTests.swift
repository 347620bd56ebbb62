import Foundation
import PQ
import SchoolNetDomain
@testable import SchoolNetService
import SchoolNetTestSupport
import Testing

/// The reference year loaded into an empty database reproduces every figure of the seed report.
@Suite(.serialized) struct ReferenceYearTests {
    @Test func theEmbeddedCopyIsTheDataFile() throws {
        let file = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("data/reference-year.json")
        #expect(try String(contentsOf: file, encoding: .utf8) == EmbeddedReferenceYear.json)
        let dataset = try ReferenceDataset.embedded()
        #expect(dataset.events.count == 22)
        #expect(dataset.organisations.filter { $0.memberSince != nil }.count == 20)
    }

    @Test func loadsTheReportsFiguresAndASecondLoadAddsNothing() async throws {
        let pool = try TestDatabase.pool("reference_year", size: 2)
        defer { Task { await pool.shutdown() } }
        let loader = ReferenceYearLoader(pool: pool, dataset: try ReferenceDataset.embedded())
        let first = try await loader.load()
        #expect(!first.alreadyLoaded)
        #expect(first.replayed == 0)

        let report = try await ReportService(pool: pool).annual(schoolYear: "2020-2021")
        #expect(report.totals.events == 16)
        #expect(report.totals.pupilEvents == 11)
        #expect(report.totals.pupilParticipations == 1281)
        #expect(report.totals.teacherEvents == 5)
        #expect(report.totals.teacherParticipations == 110)
        #expect(report.totals.jurors == 22)
        #expect(report.totals.participations == 1391)
        #expect(report.previous?.events == 6)
        #expect(report.previous?.pupilEvents == 6)
        #expect(report.previous?.pupilParticipations == 1560)
        #expect(report.network.members == 20)
        #expect(report.network.joined == 3)

        let perEvent = Dictionary(uniqueKeysWithValues: report.groups.flatMap(\.events).map { ($0.title, $0.participants) })
        #expect(perEvent == [
            "Спортивная мозаика": 42, "Дни юности мятежной": 96, "Умный дом": 45, "Моя любимая книга": 17,
            "Мамочка моя!": 142, "Открытая выставка научно-технического творчества": 92, "Мы памятью своей сильны": 135,
            "Умка": 110, "Создавай со Scratch": 17, "Весенний переполох": 510,
            "Фестиваль ученических и педагогических проектов": 75,
            "Использование языка программирования Scratch в урочной и внеурочной деятельности школьников": 29,
            "Школьные кейсы": 34,
            "Инновационные педагогические технологии как средство повышения качества образования": 6,
            "Фестиваль проектов: секция педагогических проектов": 10,
            "Осуществление текущего контроля, оценка учебных достижений и итоговых результатов освоения ООП обучающимися": 9,
        ])

        let facts = try await pool.withConnection { conn in try Self.facts(conn) }
        #expect(facts == [
            "Дни юности мятежной: schools 20",
            "Дни юности мятежной: stage 1 = 96", "Дни юности мятежной: stage 2 = 54",
            "Дни юности мятежной: winner/prizewinner 17, certificate 34",
            "Мамочка моя!: organisations 48 (kindergartens 21)",
            "Мы памятью своей сильны: applications 20, active teams 19",
            "Мы памятью своей сильны: winners 7 in 4 nominations, prizewinners 10, special 5",
            "Открытая выставка научно-технического творчества: diplomas 61",
            "Спортивная мозаика: absolute_winner гимназия №55",
            "Умка: teams 14 (first grade 9, preschool 5)",
            "Весенний переполох: organisations 8, performances 76, works 157",
            "Фестиваль ученических и педагогических проектов: projects 75, diplomas 65",
            "Фестиваль проектов: секция педагогических проектов: diplomas 6",
            "members on 2019-10-01: 17, on 2020-10-01: 20",
        ])

        let applications = try await Self.count(pool, "SELECT count(*) FROM application")
        let people = try await Self.count(pool, "SELECT count(*) FROM person")
        let second = try await loader.load()
        #expect(second.alreadyLoaded)
        #expect(try await Self.count(pool, "SELECT count(*) FROM application") == applications)
        #expect(try await Self.count(pool, "SELECT count(*) FROM person") == people)
    }

    static func count(_ pool: PQPool, _ sql: String) async throws -> Int64 {
        try await pool.withConnection { conn in try conn.query(sql).first!.decode(0, as: Int64.self) }
    }

    /// The report's other statements, counted straight from the tables.
    static func facts(_ conn: PQConnection) throws -> [String] {
        func one(_ sql: String) throws -> String { try conn.query(sql).first!.decode(0, as: String.self) }
        func id(_ title: String) -> String { "(SELECT id FROM event WHERE title = '\(title)' AND school_year_id = (SELECT id FROM school_year WHERE start_year = 2020))" }
        let days = id("Дни юности мятежной"), memory = id("Мы памятью своей сильны")
        return [
            try one("SELECT 'Дни юности мятежной: schools ' || count(DISTINCT organisation_id) FROM application WHERE event_id = \(days)"),
            // registering is entering the first stage: its contestants are the active applications
            try one("SELECT 'Дни юности мятежной: stage 1 = ' || count(*) FROM application WHERE event_id = \(days) AND is_active"),
            try one("""
                SELECT 'Дни юности мятежной: stage 2 = ' || count(*) FROM stage_advancement s JOIN event_stage t ON t.id = s.stage_id
                WHERE s.event_id = \(days) AND t.position = 2
                """),
            try one("""
                SELECT 'Дни юности мятежной: winner/prizewinner ' || count(*) FILTER (WHERE award IN ('winner', 'prizewinner'))
                       || ', certificate ' || count(*) FILTER (WHERE award = 'certificate') FROM result WHERE event_id = \(days)
                """),
            try one("""
                SELECT 'Мамочка моя!: organisations ' || count(DISTINCT a.organisation_id) || ' (kindergartens '
                       || count(DISTINCT a.organisation_id) FILTER (WHERE o.kind = 'kindergarten') || ')'
                FROM application a JOIN organisation o ON o.id = a.organisation_id WHERE a.event_id = \(id("Мамочка моя!"))
                """),
            try one("""
                SELECT 'Мы памятью своей сильны: applications ' || count(*) || ', active teams ' || count(*) FILTER (WHERE is_active)
                FROM application WHERE event_id = \(memory)
                """),
            try one("""
                SELECT 'Мы памятью своей сильны: winners ' || count(*) FILTER (WHERE r.award = 'winner')
                       || ' in ' || count(DISTINCT r.nomination_id) FILTER (WHERE r.award = 'winner')
                       || ' nominations, prizewinners ' || count(*) FILTER (WHERE r.award = 'prizewinner')
                       || ', special ' || count(*) FILTER (WHERE r.award = 'special' AND n.is_special)
                FROM result r JOIN nomination n ON n.id = r.nomination_id WHERE r.event_id = \(memory)
                """),
            try one("""
                SELECT 'Открытая выставка научно-технического творчества: diplomas ' || count(*) FROM result
                WHERE event_id = \(id("Открытая выставка научно-технического творчества")) AND award IN ('diploma_1', 'diploma_2', 'diploma_3')
                """),
            try one("""
                SELECT 'Спортивная мозаика: absolute_winner ' || o.short_name FROM result r
                JOIN application a ON a.id = r.application_id JOIN organisation o ON o.id = a.organisation_id
                WHERE r.event_id = \(id("Спортивная мозаика")) AND r.award = 'absolute_winner'
                """),
            try one("""
                SELECT 'Умка: teams ' || count(*) || ' (first grade ' || count(*) FILTER (WHERE n.title = 'Первоклассники')
                       || ', preschool ' || count(*) FILTER (WHERE n.title = 'Дошкольники') || ')'
                FROM application a JOIN nomination n ON n.id = a.nomination_id WHERE a.event_id = \(id("Умка"))
                """),
            try one("""
                SELECT 'Весенний переполох: organisations ' || count(DISTINCT a.organisation_id)
                       || ', performances ' || count(*) FILTER (WHERE en.kind = 'performance')
                       || ', works ' || count(*) FILTER (WHERE en.kind = 'work')
                FROM entry en JOIN application a ON a.id = en.application_id WHERE en.event_id = \(id("Весенний переполох"))
                """),
            try one("""
                SELECT 'Фестиваль ученических и педагогических проектов: projects ' || (SELECT count(*) FROM entry WHERE event_id = e.id AND kind = 'project')
                       || ', diplomas ' || (SELECT count(*) FROM result WHERE event_id = e.id AND award IN ('diploma_1', 'diploma_2', 'diploma_3'))
                FROM event e WHERE e.id = \(id("Фестиваль ученических и педагогических проектов"))
                """),
            try one("""
                SELECT 'Фестиваль проектов: секция педагогических проектов: diplomas ' || count(*) FROM result
                WHERE event_id = \(id("Фестиваль проектов: секция педагогических проектов"))
                """),
            try one("""
                SELECT 'members on 2019-10-01: ' || count(*) FILTER (WHERE is_member(id, DATE '2019-10-01'))
                       || ', on 2020-10-01: ' || count(*) FILTER (WHERE is_member(id, DATE '2020-10-01')) FROM organisation
                """),
        ]
    }
}

import Foundation
import PQ
import SchoolNetDomain
@testable import SchoolNetDemo
import SchoolNetService
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

    /// The seed report compares only pupils' figures with 2019-2020 (11 vs 6 events, 1281 vs 1560
    /// pupils); it has no teachers' figures for that year, so neither has the comparison: teachers'
    /// figures and the totals are unknown there, not 0, and no change is claimed for them.
    static func comparesLikeWithLike(_ report: AnnualReport, pool: PQPool) async throws {
        let changes = try #require(report.comparison).map { c in
            "\(c.name): \(c.change.current.map(String.init) ?? "?") vs \(c.change.previous.map(String.init) ?? "?")"
                + (c.change.difference.map { ", \($0)" } ?? "") + (c.change.percent.map { " (\($0) %)" } ?? "")
        }
        #expect(
            changes == [
                "events: 16 vs ?",
                "pupil_events: 11 vs 6, 5 (83.3 %)",
                "pupil_participations: 1281 vs 1560, -279 (-17.9 %)",
                "teacher_events: 5 vs ?",
                "teacher_participations: 110 vs ?",
                "jurors: 22 vs ?",
                "participations: 1391 vs ?"
            ])

        let md = report.markdown()
        #expect(md.contains("| Событий | 16 | нет данных | — |"))
        #expect(md.contains("| События ученических модулей | 11 | 6 | +5 (+83.3 %) |"))
        #expect(md.contains("| Участников-школьников | 1281 | 1560 | -279 (-17.9 %) |"))
        #expect(md.contains("| События педагогического модуля | 5 | нет данных | — |"))
        #expect(md.contains("| Участников-педагогов (с экспертами) | 110 | нет данных | — |"))
        #expect(md.contains("| Всего участников | 1391 | нет данных | — |"))
        #expect(md.contains("За 2019-2020 учебный год есть данные только об ученических модулях"))
        #expect(!md.contains("+110"))

        let summary = report.summaryCSV().components(separatedBy: "\r\n")
        #expect(summary.contains("pupil_events,11,6,5"))
        #expect(summary.contains("pupil_participations,1281,1560,-279"))
        #expect(summary.contains("teacher_events,5,,"))
        #expect(summary.contains("teacher_participations,110,,"))
        #expect(summary.contains("events,16,,"))
        #expect(summary.contains("participations,1391,,"))

        let json = try report.json()
        let object = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
        let previous = try #require(object["previous"] as? [String: Any])
        #expect(previous["pupilParticipations"] as? Int == 1560)
        #expect(previous["teacherParticipations"] is NSNull)
        #expect(previous["participations"] is NSNull)
        #expect(previous["audiences"] as? [String] == ["pupils"])
        #expect(try AnnualReport.fromJSON(json) == report)

        // the views say the same: unknown is NULL, and no change is computed from it
        let row = try await pool.withConnection { conn in
            try conn.query(
                """
                SELECT concat_ws('|', array_to_string(previous_audiences, ','), pupil_events_change,
                                 pupil_participations_change, pupil_participations_change_pct,
                                 coalesce(previous_teacher_participations::text, '?'),
                                 coalesce(teacher_participations_change::text, '?'),
                                 coalesce(previous_participations::text, '?'), coalesce(participations_change::text, '?'))
                FROM analytics.year_over_year WHERE school_year = '2020-2021'
                """
            ).first?.decode(0, as: String.self)
        }
        #expect(row == "pupils|5|-279|-17.9|?|?|?|?")
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
        // 2019-2020 was entered from the report's pupils' figures alone: 6 events, 1560 pupils
        #expect(
            report.previous
                == AnnualReport.Totals(
                    schoolYear: "2019-2020", audiences: [.pupils], events: 6, pupilEvents: 6, pupilParticipations: 1560,
                    teacherEvents: 0, teacherParticipations: 0, jurors: 0))
        #expect(report.previous?.pupilEvents == 6)
        #expect(report.previous?.pupilParticipations == 1560)
        #expect(report.previous?.teacherEvents == nil)
        #expect(report.previous?.participations == nil)
        try await Self.comparesLikeWithLike(report, pool: pool)
        #expect(report.network.members == 20)
        #expect(report.network.joined == 3)

        let perEvent = Dictionary(uniqueKeysWithValues: report.groups.flatMap(\.events).map { ($0.title, $0.participants) })
        #expect(
            perEvent == [
                "Спортивная мозаика": 42, "Дни юности мятежной": 96, "Умный дом": 45, "Моя любимая книга": 17,
                "Мамочка моя!": 142, "Открытая выставка научно-технического творчества": 92, "Мы памятью своей сильны": 135,
                "Умка": 110, "Создавай со Scratch": 17, "Весенний переполох": 510,
                "Фестиваль ученических и педагогических проектов": 75,
                "Использование языка программирования Scratch в урочной и внеурочной деятельности школьников": 29,
                "Школьные кейсы": 34,
                "Инновационные педагогические технологии как средство повышения качества образования": 6,
                "Фестиваль проектов: секция педагогических проектов": 10,
                "Осуществление текущего контроля, оценка учебных достижений и итоговых результатов освоения ООП обучающимися": 9
            ])

        let facts = try await pool.withConnection { conn in try Self.facts(conn) }
        #expect(
            facts == [
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
                "members on 2019-10-01: 17, on 2020-10-01: 20"
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
        func id(_ title: String) -> String {
            "(SELECT id FROM event WHERE title = '\(title)' AND school_year_id = (SELECT id FROM school_year WHERE start_year = 2020))"
        }
        let days = id("Дни юности мятежной"), memory = id("Мы памятью своей сильны")
        return [
            try one("SELECT 'Дни юности мятежной: schools ' || count(DISTINCT organisation_id) FROM application WHERE event_id = \(days)"),
            // registering is entering the first stage: its contestants are the active applications
            try one("SELECT 'Дни юности мятежной: stage 1 = ' || count(*) FROM application WHERE event_id = \(days) AND is_active"),
            try one(
                """
                SELECT 'Дни юности мятежной: stage 2 = ' || count(*) FROM stage_advancement s JOIN event_stage t ON t.id = s.stage_id
                WHERE s.event_id = \(days) AND t.position = 2
                """),
            try one(
                """
                SELECT 'Дни юности мятежной: winner/prizewinner ' || count(*) FILTER (WHERE award IN ('winner', 'prizewinner'))
                       || ', certificate ' || count(*) FILTER (WHERE award = 'certificate') FROM result WHERE event_id = \(days)
                """),
            try one(
                """
                SELECT 'Мамочка моя!: organisations ' || count(DISTINCT a.organisation_id) || ' (kindergartens '
                       || count(DISTINCT a.organisation_id) FILTER (WHERE o.kind = 'kindergarten') || ')'
                FROM application a JOIN organisation o ON o.id = a.organisation_id WHERE a.event_id = \(id("Мамочка моя!"))
                """),
            try one(
                """
                SELECT 'Мы памятью своей сильны: applications ' || count(*) || ', active teams ' || count(*) FILTER (WHERE is_active)
                FROM application WHERE event_id = \(memory)
                """),
            try one(
                """
                SELECT 'Мы памятью своей сильны: winners ' || count(*) FILTER (WHERE r.award = 'winner')
                       || ' in ' || count(DISTINCT r.nomination_id) FILTER (WHERE r.award = 'winner')
                       || ' nominations, prizewinners ' || count(*) FILTER (WHERE r.award = 'prizewinner')
                       || ', special ' || count(*) FILTER (WHERE r.award = 'special' AND n.is_special)
                FROM result r JOIN nomination n ON n.id = r.nomination_id WHERE r.event_id = \(memory)
                """),
            try one(
                """
                SELECT 'Открытая выставка научно-технического творчества: diplomas ' || count(*) FROM result
                WHERE event_id = \(id("Открытая выставка научно-технического творчества")) AND award IN ('diploma_1', 'diploma_2', 'diploma_3')
                """),
            try one(
                """
                SELECT 'Спортивная мозаика: absolute_winner ' || o.short_name FROM result r
                JOIN application a ON a.id = r.application_id JOIN organisation o ON o.id = a.organisation_id
                WHERE r.event_id = \(id("Спортивная мозаика")) AND r.award = 'absolute_winner'
                """),
            try one(
                """
                SELECT 'Умка: teams ' || count(*) || ' (first grade ' || count(*) FILTER (WHERE n.title = 'Первоклассники')
                       || ', preschool ' || count(*) FILTER (WHERE n.title = 'Дошкольники') || ')'
                FROM application a JOIN nomination n ON n.id = a.nomination_id WHERE a.event_id = \(id("Умка"))
                """),
            try one(
                """
                SELECT 'Весенний переполох: organisations ' || count(DISTINCT a.organisation_id)
                       || ', performances ' || count(*) FILTER (WHERE en.kind = 'performance')
                       || ', works ' || count(*) FILTER (WHERE en.kind = 'work')
                FROM entry en JOIN application a ON a.id = en.application_id WHERE en.event_id = \(id("Весенний переполох"))
                """),
            try one(
                """
                SELECT 'Фестиваль ученических и педагогических проектов: projects ' || (SELECT count(*) FROM entry WHERE event_id = e.id AND kind = 'project')
                       || ', diplomas ' || (SELECT count(*) FROM result WHERE event_id = e.id AND award IN ('diploma_1', 'diploma_2', 'diploma_3'))
                FROM event e WHERE e.id = \(id("Фестиваль ученических и педагогических проектов"))
                """),
            try one(
                """
                SELECT 'Фестиваль проектов: секция педагогических проектов: diplomas ' || count(*) FROM result
                WHERE event_id = \(id("Фестиваль проектов: секция педагогических проектов"))
                """),
            try one(
                """
                SELECT 'members on 2019-10-01: ' || count(*) FILTER (WHERE is_member(id, DATE '2019-10-01'))
                       || ', on 2020-10-01: ' || count(*) FILTER (WHERE is_member(id, DATE '2020-10-01')) FROM organisation
                """)
        ]
    }
}

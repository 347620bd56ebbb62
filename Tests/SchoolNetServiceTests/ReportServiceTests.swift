import Foundation
import PQ
import SchoolNetDomain
@testable import SchoolNetService
import Testing

/// The annual report of the fixture's 2020-2021 (see AnalyticsViewTests for the hand count).
@Suite struct ReportServiceTests {
    static func report(_ year: String = "2020-2021") async throws -> AnnualReport {
        let pool = PQPool(configuration: try AnalyticsFixture.database("report"), size: 1)
        do {
            let report = try await ReportService(pool: pool).annual(schoolYear: year)
            await pool.shutdown()
            return report
        } catch {
            await pool.shutdown()
            throw error
        }
    }

    @Test func eventsAreGroupedByAudienceAndModule() async throws {
        let report = try await Self.report()
        #expect(report.schoolYear == "2020-2021")
        let groups = report.groups.map { "\($0.audience.rawValue)/\($0.module ?? "-"): \($0.events.map(\.id)) = \($0.participants)" }
        #expect(
            groups == [
                "pupils/Истоки: [11] = 8",
                "pupils/Тайны науки: [12] = 14",
                "pupils/-: [15] = 1",
                "teachers/Точки роста: [13] = 4",
                "teachers/-: [14] = 1"
            ])
        let festival = try #require(report.groups.flatMap(\.events).first { $0.id == 12 })
        #expect(festival.title == "Весенний переполох")
        #expect(festival.edition == 9)
        #expect(festival.organiser == "гимназия №13")
        #expect(festival.startsOn == LocalDate(year: 2021, month: 5, day: 11))
        #expect(festival.audienceNote == "1-9 классы")
        #expect(festival.jurors == 2)
        let scratch = try #require(report.groups.flatMap(\.events).first { $0.id == 15 })
        #expect(scratch.participants == 1)
        #expect(scratch.otherParticipants == 1)
    }

    @Test func totalsPreviousYearAndNetwork() async throws {
        let report = try await Self.report()
        #expect(
            report.totals
                == AnnualReport.Totals(
                    schoolYear: "2020-2021", events: 5, pupilEvents: 3, pupilParticipations: 23, teacherEvents: 2,
                    teacherParticipations: 7, jurors: 2))
        #expect(report.totals.participations == 30)
        #expect(
            report.previous
                == AnnualReport.Totals(
                    schoolYear: "2019-2020", events: 2, pupilEvents: 1, pupilParticipations: 22, teacherEvents: 1,
                    teacherParticipations: 2, jurors: 1))
        let change = try #require(report.comparison?.first { $0.name == "participations" }?.change)
        #expect(change.difference == 6)
        #expect(change.percent == 25.0)
        #expect(
            report.network
                == AnnualReport.Network(
                    members: 4, joined: 2, agreementsSigned: 2, joinedOrganisations: ["Богашевская СОШ", "СОШ №6 г. Юрги"]))
    }

    @Test func theTotalsEqualTheYearTotalsView() async throws {
        let report = try await Self.report()
        let conn = try AnalyticsFixture.connect("report")
        let row = try #require(
            try conn.query(
                """
                SELECT events, pupil_events, pupil_participations, teacher_events, teacher_participations, jurors, participations
                FROM analytics.year_totals WHERE school_year = '2020-2021'
                """
            ).first)
        let view = try (0..<7).map { try row.decode($0, as: Int64?.self).map(Int.init) }
        let t = report.totals
        #expect(view == [t.events, t.pupilEvents, t.pupilParticipations, t.teacherEvents, t.teacherParticipations, t.jurors, t.participations])
    }

    /// Both fixture years have pupils' and teachers' events: every figure is compared, totals included.
    @Test func yearsWithDataForBothAudiencesCompareEveryFigure() async throws {
        let report = try await Self.report()
        #expect(report.totals.audiences == [.pupils, .teachers])
        #expect(report.previous?.audiences == [.pupils, .teachers])
        let changes = try #require(report.comparison).map { c in
            "\(c.name): \(c.change.current.map(String.init) ?? "?") vs \(c.change.previous.map(String.init) ?? "?")"
                + (c.change.difference.map { ", \($0)" } ?? "")
        }
        #expect(
            changes == [
                "events: 5 vs 2, 3",
                "pupil_events: 3 vs 1, 2",
                "pupil_participations: 23 vs 22, 1",
                "teacher_events: 2 vs 1, 1",
                "teacher_participations: 7 vs 2, 5",
                "jurors: 2 vs 1, 1",
                "participations: 30 vs 24, 6"
            ])
        let md = report.markdown()
        #expect(md.contains("| Участников-педагогов (с экспертами) | 7 | 2 | +5 (+250.0 %) |"))
        #expect(!md.contains("нет данных"))
        #expect(!md.contains("есть данные только"))
    }

    /// A figure unknown for either year is shown as unknown, with no change; known ones still compare.
    @Test func aFigureUnknownForAYearHasNoChange() {
        let current = AnnualReport.Totals(
            schoolYear: "2020-2021", events: 5, pupilEvents: 3, pupilParticipations: 23, teacherEvents: 2,
            teacherParticipations: 7, jurors: 2)
        let previous = AnnualReport.Totals(
            schoolYear: "2019-2020", audiences: [.pupils], events: 1, pupilEvents: 1, pupilParticipations: 22,
            teacherEvents: 0, teacherParticipations: 0, jurors: 0)
        let report = AnnualReport(
            schoolYear: "2020-2021", groups: [], totals: current, previous: previous,
            network: AnnualReport.Network(members: 1, joined: 0, agreementsSigned: 0, joinedOrganisations: []))
        let byName = Dictionary(uniqueKeysWithValues: (report.comparison ?? []).map { ($0.name, $0.change) })
        #expect(byName["pupil_participations"]?.difference == 1)
        #expect(byName["teacher_participations"] == AnnualReport.Change(current: 7, previous: nil))
        #expect(byName["teacher_participations"]?.difference == nil)
        #expect(byName["participations"]?.difference == nil)
        #expect(byName["participations"]?.percent == nil)
        #expect(report.markdown().contains("| Всего участников | 30 | нет данных | — |"))
        #expect(report.summaryCSV().components(separatedBy: "\r\n").contains("teacher_events,2,,"))
    }

    @Test func theFirstYearHasNoPreviousYear() async throws {
        let report = try await Self.report("2019-2020")
        #expect(report.previous == nil)
        #expect(report.comparison == nil)
        #expect(report.totals.participations == 24)
        #expect(report.network.joinedOrganisations == ["СОШ №50"])
    }

    @Test func badAndUnknownSchoolYears() async throws {
        await #expect(throws: ReportService.ReportError.invalidSchoolYear("2020")) { try await Self.report("2020") }
        await #expect(throws: ReportService.ReportError.unknownSchoolYear("2030-2031")) { try await Self.report("2030-2031") }
    }

    @Test func markdown() async throws {
        let md = try await Self.report().markdown()
        #expect(md.hasPrefix("# Итоги 2020-2021 учебного года\n"))
        #expect(md.contains("## Ученические модули"))
        #expect(md.contains("### «Истоки»"))
        #expect(md.contains("### Вне модулей"))
        #expect(md.contains("## Педагогический модуль"))
        #expect(md.contains("| 1 | IX Весенний переполох | гимназия №13 | 11.05.2021 | 1-9 классы | 14; экспертов жюри: 2 |"))
        #expect(md.contains("| 1 | Школьные кейсы | Богашевская СОШ | 17.10.2020–02.11.2020 | наставник и молодой учитель | 4 |"))
        #expect(md.contains("| 1 | Создавай со Scratch | гимназия №13 | 01.04.2021–30.04.2021 |  | 1; вне аудитории: 1 |"))
        #expect(md.contains("Всего: 1 событие, участников: 14."))
        #expect(md.contains("| Всего участников | 30 | 24 | +6 (+25.0 %) |"))
        #expect(md.contains("Участников сети в 2020-2021 учебном году: 4; вошли в сеть: 2 (Богашевская СОШ, СОШ №6 г. Юрги)."))
    }

    @Test func csv() async throws {
        let report = try await Self.report()
        let lines = report.csv().components(separatedBy: "\r\n")
        #expect(
            lines.first
                == "school_year,audience,module,event_id,title,edition,kind,format,organiser_id,organiser,starts_on,ends_on,audience_note,participants,other_participants,jurors"
        )
        #expect(lines.count == 1 + 5 + 1)
        #expect(
            lines.contains("2020-2021,pupils,Тайны науки,12,Весенний переполох,9,festival,distance,13,гимназия №13,2021-05-11,2021-05-11,1-9 классы,14,0,2"))
        let summary = report.summaryCSV(separator: ";").components(separatedBy: "\r\n")
        #expect(summary.first == "figure;2020-2021;2019-2020;change")
        #expect(summary.contains("participations;30;24;6"))
        #expect(summary.contains("network_joined;2;;"))
        #expect(AnnualReport.csvLine(["a,b", "say \"hi\"", "x"], ",") == "\"a,b\",\"say \"\"hi\"\"\",x")
    }

    /// The report's CSV goes through the export writer: an event title that starts like a formula is defused,
    /// a negative change stays a number.
    @Test func csvDefusesFormulasButNotNegativeChanges() {
        #expect(AnnualReport.csvLine(["=HYPERLINK(\"x\")", "@team", "-6", "+2"], ";") == "\"'=HYPERLINK(\"\"x\"\")\";'@team;-6;+2")
    }

    @Test func jsonRoundTrips() async throws {
        let report = try await Self.report()
        let data = try report.json()
        #expect(try AnnualReport.fromJSON(data) == report)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"startsOn\" : \"2021-05-11\""))
        #expect(text.contains("\"participations\" : 30"))
    }
}

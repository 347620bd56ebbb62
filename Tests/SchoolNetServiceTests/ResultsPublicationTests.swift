import Foundation
import SchoolNetDomain
import SchoolNetService
import Testing

@Suite struct ResultsPublicationTests {
    typealias F = EventAdminFixture

    @Test func unpublishedResultsAreNotFoundForThePublic() async throws {
        try await F.with("pub_hidden") { f in
            let ids = try f.finalists(1, firstID: 1000)
            _ = try await f.service.recordResult(ResultInput(applicationID: ids[0], award: .winner), event: F.event, by: F.organiser)
            let draft = await refusal { try await f.service.publicResults(event: F.event) }
            let unknown = await refusal { try await f.service.publicResults(event: EventID(rawValue: 999)) }
            #expect(draft.codes == [.notFound])
            #expect(unknown.codes == [.notFound])
        }
    }

    @Test func publishedResultsShowNamesSchoolsAwardsAndNothingPersonal() async throws {
        try await F.with("pub_public") { f in
            let ids = try f.finalists(2, firstID: 1000, nomination: F.poetry)
            let shy = try f.applications(1, firstID: 1100, organisations: [18], consent: false)
            try f.place(shy, in: F.qualifying)
            try f.place(shy, in: F.final)
            _ = try await f.service.recordResults(
                [
                    ResultInput(applicationID: ids[1], nominationID: F.poetry, award: .diplomaSecondDegree),
                    ResultInput(applicationID: ids[0], nominationID: F.poetry, award: .winner),
                    ResultInput(applicationID: shy[0], nominationID: F.poetry, award: .certificate)
                ], event: F.event, by: F.organiser)
            let publishedAt = try await f.service.publishResults(event: F.event, by: F.organiser)
            #expect(publishedAt == F.defaultNow)

            let page = try await f.service.publicResults(event: F.event)
            #expect(page.eventTitle == "Дни юности мятежной")
            #expect(
                page.results == [
                    PublicResult(nomination: "Поэзия", award: .winner, teamName: nil, names: ["Ученица1000 Мария"], organisation: "МАОУ гимназия №13"),
                    PublicResult(
                        nomination: "Поэзия", award: .diplomaSecondDegree, teamName: nil, names: ["Ученица1001 Мария"],
                        organisation: "МАОУ гимназия №18 г. Томска"),
                    // No consent to show the name: the school and the award stay public.
                    PublicResult(nomination: "Поэзия", award: .certificate, teamName: nil, names: [], organisation: "МАОУ гимназия №18 г. Томска")
                ])
            let json = String(decoding: try JSONEncoder().encode(page), as: UTF8.self)
            #expect(!json.contains("2006"))
            #expect(!json.contains("example.org"))
            #expect(!json.contains("Петровна"))
        }
    }

    @Test func publishingAgainKeepsTheFirstInstant() async throws {
        try await F.with("pub_twice") { f in
            let first = try await f.service.publishResults(event: F.event, by: F.organiser)
            let later = EventAdminService(pool: f.pool, time: FixedTime(F.defaultNow.addingTimeInterval(86_400)))
            #expect(try await later.publishResults(event: F.event, by: F.organiser) == first)
        }
    }

    @Test func afterPublicationResultsChangeOnlyByCorrection() async throws {
        try await F.with("pub_locked") { f in
            let ids = try f.finalists(2, firstID: 1000)
            _ = try await f.service.recordResult(ResultInput(applicationID: ids[0], award: .winner), event: F.event, by: F.organiser)
            _ = try await f.service.publishResults(event: F.event, by: F.organiser)
            let before = try f.footprint()
            let record = await refusal {
                try await f.service.recordResult(ResultInput(applicationID: ids[1], award: .prizewinner), event: F.event, by: F.organiser)
            }
            #expect(record.codes == [.resultsPublished])
            let bulk = await refusal { try await f.service.recordResults([ResultInput(applicationID: ids[0], award: nil)], event: F.event, by: F.organiser) }
            #expect(bulk.codes == [.resultsPublished])
            let noReason = await refusal {
                try await f.service.correctResult(ResultInput(applicationID: ids[0], award: .prizewinner), reason: "  ", event: F.event, by: F.organiser)
            }
            #expect(noReason.codes == [.correctionReasonRequired])
            #expect(try f.footprint() == before)
        }
    }

    @Test func aCorrectionIsAuditedWithItsReason() async throws {
        try await F.with("pub_correction") { f in
            let ids = try f.finalists(2, firstID: 1000)
            _ = try await f.service.recordResult(ResultInput(applicationID: ids[0], award: .winner), event: F.event, by: F.organiser)
            _ = try await f.service.publishResults(event: F.event, by: F.organiser)
            let reason = "Опечатка в протоколе жюри"
            let written = try await f.service.correctResults(
                [
                    ResultInput(applicationID: ids[0], award: .diplomaFirstDegree),
                    ResultInput(applicationID: ids[1], award: .certificate)
                ], reason: reason, event: F.event, by: F.admin)
            #expect(written == ResultsWritten(created: 1, changed: 1))
            #expect(
                try f.strings(
                    """
                    SELECT coalesce(before->>'award', '-') || ' -> ' || (after->>'award') || ' | ' || (after->>'reason') || ' | ' || actor || ' ' || token_id
                    FROM audit_log WHERE entity = 'result_correction' ORDER BY id
                    """) == ["winner -> diploma_1 | \(reason) | РЦРО 4", "- -> certificate | \(reason) | РЦРО 4"])
            #expect(
                try f.count(
                    "SELECT count(*) FROM audit_log WHERE entity = 'result' AND action = 'update' AND before->>'award' = 'winner' AND after->>'award' = 'diploma_1' AND actor = 'РЦРО'"
                ) == 1)
            #expect(try await f.service.publicResults(event: F.event).results.map(\.award) == [.diplomaFirstDegree, .certificate])
        }
    }

    @Test func aCorrectionStillKeepsOneAbsoluteWinner() async throws {
        try await F.with("pub_correction_absolute") { f in
            let ids = try f.finalists(2, firstID: 1000)
            _ = try await f.service.recordResult(ResultInput(applicationID: ids[0], award: .absoluteWinner), event: F.event, by: F.organiser)
            _ = try await f.service.publishResults(event: F.event, by: F.organiser)
            let before = try f.footprint()
            let r = await refusal {
                try await f.service.correctResult(
                    ResultInput(applicationID: ids[1], award: .absoluteWinner), reason: "апелляция", event: F.event, by: F.organiser)
            }
            #expect(r.codes == [.absoluteWinnerTaken])
            #expect(try f.footprint() == before)
        }
    }

    @Test func aCorrectionMayRemoveAResult() async throws {
        try await F.with("pub_correction_remove") { f in
            let ids = try f.finalists(1, firstID: 1000)
            _ = try await f.service.recordResult(ResultInput(applicationID: ids[0], award: .winner), event: F.event, by: F.organiser)
            _ = try await f.service.publishResults(event: F.event, by: F.organiser)
            let written = try await f.service.correctResult(
                ResultInput(applicationID: ids[0], award: nil), reason: "дисквалификация", event: F.event, by: F.organiser)
            #expect(written == ResultsWritten(removed: 1))
            #expect(
                try f.strings("SELECT (before->>'award') || ' -> ' || coalesce(after->>'award', '-') FROM audit_log WHERE entity = 'result_correction'") == [
                    "winner -> -"
                ])
            #expect(try f.count("SELECT count(*) FROM audit_log WHERE entity = 'result' AND action = 'delete'") == 1)
        }
    }
}

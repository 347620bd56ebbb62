import Foundation
import SchoolNetDomain
import SchoolNetService
import Testing

@Suite struct ResultsBulkTests {
    typealias F = EventAdminFixture

    @Test func fiveHundredResultsInOneGo() async throws {
        try await F.with("bulk_500") { f in
            let ids = try f.applications(500, event: F.singleRound, firstID: 10_000, organisations: [13, 18, 50, 60])
            let awards: [Award] = [.winner, .diplomaFirstDegree, .diplomaSecondDegree, .diplomaThirdDegree, .certificate]
            let lines = ids.enumerated().map { i, id in ResultInput(applicationID: id, award: awards[i % awards.count]) }
            let written = try await f.service.recordResults(lines, event: F.singleRound, by: F.organiser)
            #expect(written == ResultsWritten(created: 500))
            #expect(try f.count("SELECT count(*) FROM result WHERE event_id = 3") == 500)
            #expect(try f.count("SELECT count(*) FROM audit_log WHERE entity = 'result' AND actor = $1", [F.organiser.displayName]) == 500)
            #expect(try await f.service.results(event: F.singleRound, by: F.organiser).count == 500)
        }
    }

    @Test func everyBadLineIsNamedAndNothingIsWritten() async throws {
        try await F.with("bulk_bad_lines") { f in
            let finalists = try f.finalists(3, firstID: 1000)
            let qualifier = try f.applications(1, firstID: 1100)
            try f.place(qualifier, in: F.qualifying)
            let before = try f.footprint()
            let lines = [
                ResultInput(applicationID: finalists[0], nominationID: F.poetry, award: .winner),  // fine
                ResultInput(applicationID: finalists[1], nominationID: F.poetry, award: "gold"),  // unknown award
                ResultInput(applicationID: qualifier[0], nominationID: F.poetry, award: .prizewinner),  // not a finalist
                ResultInput(applicationID: finalists[2], nominationID: F.otherNomination, award: .winner),  // another event's nomination
                ResultInput(applicationID: ApplicationID(rawValue: 999), award: .winner),  // no such application
                ResultInput(applicationID: finalists[0], nominationID: F.poetry, award: .diplomaFirstDegree),  // repeats line 0
                ResultInput(applicationID: finalists[1], nominationID: F.prose, award: "special")  // special without title
            ]
            do {
                _ = try await f.service.recordResults(lines, event: F.event, by: F.organiser)
                Issue.record("a list with bad lines was recorded")
            } catch let refusal as RegistrationRefusal {
                let named = refusal.errors.map { "\($0.code.rawValue) \($0.field ?? "-")" }
                #expect(
                    named == [
                        "validation rows[1].award",
                        "not_in_final_stage rows[2].applicationId",
                        "nomination_not_in_event rows[3].nominationId",
                        "not_found rows[4].applicationId",
                        "validation rows[5].applicationId",
                        "special_title_required rows[6].title"
                    ])
            }
            #expect(try f.footprint() == before)
        }
    }

    @Test func oneListMayNotNameTwoAbsoluteWinners() async throws {
        try await F.with("bulk_two_absolute") { f in
            let ids = try f.finalists(2, firstID: 1000)
            let before = try f.footprint()
            let r = await refusal {
                try await f.service.recordResults(ids.map { ResultInput(applicationID: $0, award: .absoluteWinner) }, event: F.event, by: F.organiser)
            }
            #expect(r.codes == [.absoluteWinnerTaken])
            #expect(r.fields == ["rows[1].award"])
            #expect(try f.footprint() == before)
        }
    }

    @Test func theAbsoluteWinnerMayPassToAnotherInOneList() async throws {
        try await F.with("bulk_swap_absolute") { f in
            let ids = try f.finalists(2, firstID: 1000)
            _ = try await f.service.recordResult(ResultInput(applicationID: ids[0], award: .absoluteWinner), event: F.event, by: F.organiser)
            // The new holder comes first in the list; the old one steps down after it.
            let written = try await f.service.recordResults(
                [
                    ResultInput(applicationID: ids[1], award: .absoluteWinner),
                    ResultInput(applicationID: ids[0], award: .winner)
                ], event: F.event, by: F.organiser)
            #expect(written == ResultsWritten(created: 1, changed: 1))
            #expect(try f.strings("SELECT application_id::text FROM result WHERE award = 'absolute_winner'") == ["1001"])
        }
    }

    @Test func anEmptyListIsRefused() async throws {
        try await F.with("bulk_empty") { f in
            let before = try f.footprint()
            let r = await refusal { try await f.service.recordResults([], event: F.event, by: F.organiser) }
            #expect(r.codes == [.validation])
            #expect(try f.footprint() == before)
        }
    }
}

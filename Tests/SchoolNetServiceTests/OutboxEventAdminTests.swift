import Foundation
import PQ
import SchoolNetDomain
import SchoolNetService
import SchoolNetStore
import Testing

/// Issue 15, the organiser's side: stage moves, publication (with the award) and corrections each write one outbox row
/// per application they touch, in the same transaction; draft results and refused actions write none.
@Suite struct OutboxEventAdminTests {
    typealias F = EventAdminFixture

    static func kinds(_ f: F, _ id: ApplicationID) throws -> [String] {
        try f.strings("SELECT kind::text FROM outbox WHERE application_id = $1 ORDER BY id", [id.rawValue])
    }

    @Test func advancingAndRemovingWriteOneRowPerApplicationNamingTheStage() async throws {
        try await F.with("outbox_stages") { f in
            let ids = try f.applications(2, firstID: 1000)
            try f.place(ids, in: F.qualifying)
            _ = try await f.service.advance(ids.map(AdvanceTarget.application), into: F.final, event: F.event, by: F.organiser)
            #expect(try Self.kinds(f, ids[0]) == ["stage_advanced"])
            #expect(try Self.kinds(f, ids[1]) == ["stage_advanced"])
            #expect(try f.strings("SELECT payload->>'stage' FROM outbox WHERE application_id = $1", [ids[0].rawValue]) == ["Заключительный"])
            #expect(try f.strings("SELECT recipient_email FROM outbox WHERE application_id = $1", [ids[0].rawValue]) == ["k@example.org"])
            // already there: nothing moved, nothing told
            _ = try await f.service.advance([.application(ids[0])], into: F.final, event: F.event, by: F.organiser)
            #expect(try Self.kinds(f, ids[0]) == ["stage_advanced"])
            _ = try await f.service.removeFromStage([ids[0]], stage: F.final, event: F.event, by: F.organiser)
            #expect(try Self.kinds(f, ids[0]) == ["stage_advanced", "stage_removed"])
            #expect(try Self.kinds(f, ids[1]) == ["stage_advanced"])
            // a refused removal (not in the stage) changes nothing, the outbox included
            let before = try f.footprint()
            let refused = await refusal { try await f.service.removeFromStage([ids[0]], stage: F.final, event: F.event, by: F.organiser) }
            #expect(refused.codes == [.notFound])
            #expect(try f.footprint() == before)
        }
    }

    @Test func publicationTellsEveryAcceptedApplicationItsAwardAndACorrectionTellsOnce() async throws {
        try await F.with("outbox_results") { f in
            let ids = try f.finalists(2, firstID: 2000)
            _ = try await f.service.recordResult(ResultInput(applicationID: ids[0], award: .winner), event: F.event, by: F.organiser)
            #expect(try f.count("SELECT count(*) FROM outbox") == 0)  // a draft reaches nobody
            _ = try await f.service.publishResults(event: F.event, by: F.organiser)
            #expect(try Self.kinds(f, ids[0]) == ["results_published"])
            #expect(try Self.kinds(f, ids[1]) == ["results_published"])
            #expect(
                try f.strings("SELECT payload->'awards'->0->>'award' FROM outbox WHERE application_id = $1", [ids[0].rawValue]) == ["winner"])
            #expect(try f.strings("SELECT jsonb_array_length(payload->'awards')::text FROM outbox WHERE application_id = $1", [ids[1].rawValue]) == ["0"])
            // publishing again changes nothing and tells nobody again
            _ = try await f.service.publishResults(event: F.event, by: F.organiser)
            #expect(try f.count("SELECT count(*) FROM outbox") == 2)

            _ = try await f.service.correctResults(
                [
                    ResultInput(applicationID: ids[1], award: .diplomaFirstDegree),
                    ResultInput(applicationID: ids[1], nominationID: F.poetry, award: .certificate)
                ],
                reason: "ошибка в протоколе", event: F.event, by: F.organiser)
            #expect(try Self.kinds(f, ids[1]) == ["results_published", "result_corrected"])
            #expect(try Self.kinds(f, ids[0]) == ["results_published"])
            #expect(
                try f.strings("SELECT payload->>'correctionReason' FROM outbox WHERE kind = 'result_corrected'") == ["ошибка в протоколе"])
        }
    }
}

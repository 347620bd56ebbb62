import Foundation
import SchoolNetDomain
import SchoolNetService
import Testing

@Suite struct ResultsConcurrencyTests {
    typealias F = EventAdminFixture

    @Test func fortyConcurrentClaimsLeaveOneAbsoluteWinner() async throws {
        try await F.with("results_race", poolSize: 33) { f in
            let ids = try f.applications(40, event: F.singleRound, firstID: 1000)
            let service = f.service
            let outcomes = await withTaskGroup(of: [ErrorCode].self) { group in
                for id in ids {
                    group.addTask {
                        do {
                            _ = try await service.recordResult(ResultInput(applicationID: id, award: .absoluteWinner), event: F.singleRound, by: F.organiser)
                            return []
                        } catch {
                            return refusalCodes(error).isEmpty ? [.validation] : refusalCodes(error)
                        }
                    }
                }
                var all: [[ErrorCode]] = []
                for await outcome in group { all.append(outcome) }
                return all
            }
            #expect(outcomes.filter(\.isEmpty).count == 1)
            #expect(outcomes.filter { $0 == [.absoluteWinnerTaken] }.count == 39)
            #expect(try f.count("SELECT count(*) FROM result WHERE award = 'absolute_winner'") == 1)
        }
    }

    @Test func aWriterThatBypassesTheLockStillMeetsTheDatabasesIndex() async throws {
        // Another process (an import, psql) records an absolute winner without taking the event lock: the unique
        // index answers, and the service maps it to the same refusal its check gives.
        try await F.with("results_index") { f in
            let ids = try f.applications(2, event: F.singleRound, firstID: 1000)
            try f.run("INSERT INTO result (event_id, application_id, award) VALUES (3, 1000, 'absolute_winner')")
            let r = await refusal {
                try await f.service.recordResult(ResultInput(applicationID: ids[1], award: .absoluteWinner), event: F.singleRound, by: F.organiser)
            }
            #expect(r.codes == [.absoluteWinnerTaken])
        }
    }
}

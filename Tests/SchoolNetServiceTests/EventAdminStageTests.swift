import Foundation
import SchoolNetDomain
import SchoolNetService
import Testing

@Suite struct EventAdminStageTests {
    typealias F = EventAdminFixture

    @Test func acceptedApplicationsMoveIntoTheFinal() async throws {
        try await F.with("stage_move") { f in
            let ids = try f.applications(3, firstID: 1000)
            let final = try await f.service.advance([.application(ids[0]), .person(PersonID(rawValue: 1001))], into: F.final, event: F.event, by: F.organiser)
            #expect(final.advanced == [ids[0], ids[1]])
            #expect(final.taken == 2)
            #expect(final.capacity == 3)
            #expect(try f.count("SELECT count(*) FROM stage_advancement WHERE stage_id = 12 AND decided_by_token_id = 1") == 2)
            #expect(try f.count("SELECT count(*) FROM audit_log WHERE entity = 'stage_advancement' AND actor = $1", [F.organiser.displayName]) == 2)
        }
    }

    @Test func registeringEntersTheFirstStage() async throws {
        try await F.with("stage_first") { f in
            let ids = try f.applications(2, firstID: 1000)
            let first = try await f.service.advance(ids.map { .application($0) }, into: F.qualifying, event: F.event, by: F.organiser)
            #expect(first.advanced.isEmpty)
            #expect(first.alreadyInStage == ids)
            #expect(try f.count("SELECT count(*) FROM stage_advancement") == 0)
        }
    }

    @Test func advancingAgainWritesNothingNew() async throws {
        try await F.with("stage_again") { f in
            let ids = try f.applications(2, firstID: 1000)
            _ = try await f.service.advance([.application(ids[0])], into: F.final, event: F.event, by: F.organiser)
            let again = try await f.service.advance(ids.map { .application($0) }, into: F.final, event: F.event, by: F.organiser)
            #expect(again.advanced == [ids[1]])
            #expect(again.alreadyInStage == [ids[0]])
            #expect(try f.count("SELECT count(*) FROM stage_advancement") == 2)
        }
    }

    @Test func theStageCapacityHolds() async throws {
        try await F.with("stage_full") { f in
            let ids = try f.applications(4, firstID: 1000)
            try f.place(ids, in: F.qualifying)
            let before = try f.footprint()
            let r = await refusal { try await f.service.advance(ids.map { .application($0) }, into: F.final, event: F.event, by: F.organiser) }
            #expect(r.codes == [.stageFull])
            #expect(try f.footprint() == before)
        }
    }

    @Test func onlyAcceptedApplicationsAdvance() async throws {
        try await F.with("stage_not_accepted") { f in
            let submitted = try f.applications(1, firstID: 1000, status: "submitted")
            let withdrawn = try f.applications(1, firstID: 1100, status: "withdrawn")
            let before = try f.footprint()
            let r = await refusal {
                try await f.service.advance([.application(submitted[0]), .application(withdrawn[0])], into: F.final, event: F.event, by: F.organiser)
            }
            // A withdrawn application has also left the first stage.
            #expect(r.codes == [.applicationNotAccepted, .applicationNotAccepted, .invalidTransition])
            #expect(r.fields == ["targets[0].status", "targets[1].status", "targets[1]"])
            #expect(try f.footprint() == before)
        }
    }

    @Test func onlyThePreviousStagesEntrantsMoveOn() async throws {
        try await F.with("stage_skip") { f in
            try f.run("INSERT INTO event_stage (id, event_id, position, title) OVERRIDING SYSTEM VALUE VALUES (14, 1, 3, 'Суперфинал')")
            let ids = try f.applications(1, firstID: 1000)
            let before = try f.footprint()
            let r = await refusal { try await f.service.advance([.application(ids[0])], into: StageID(rawValue: 14), event: F.event, by: F.organiser) }
            #expect(r.codes == [.invalidTransition])
            #expect(try f.footprint() == before)
        }
    }

    @Test func unknownStagesApplicationsAndPeopleAreNotFound() async throws {
        try await F.with("stage_missing") { f in
            let elsewhere = try f.applications(1, event: F.otherEvent, firstID: 2000)
            let ids = try f.applications(1, firstID: 1000)
            let before = try f.footprint()
            let stage = await refusal { try await f.service.advance([.application(ids[0])], into: F.otherStage, event: F.event, by: F.organiser) }
            #expect(stage.codes == [.notFound])
            let targets = await refusal {
                try await f.service.advance(
                    [.application(elsewhere[0]), .person(PersonID(rawValue: 201)), .application(ids[0])],
                    into: F.qualifying, event: F.event, by: F.organiser)
            }
            #expect(targets.codes == [.notFound, .notFound])
            #expect(Set(targets.fields) == ["targets[0].applicationId", "targets[1].personId"])
            let empty = await refusal { try await f.service.advance([], into: F.qualifying, event: F.event, by: F.organiser) }
            #expect(empty.codes == [.validation])
            #expect(try f.footprint() == before)
        }
    }

    @Test func onlyTheOrganiserAdvances() async throws {
        try await F.with("stage_forbidden") { f in
            let ids = try f.applications(1, firstID: 1000)
            let before = try f.footprint()
            for actor in [F.otherOrganiser, F.school] {
                let r = await refusal { try await f.service.advance([.application(ids[0])], into: F.qualifying, event: F.event, by: actor) }
                #expect(r.codes == [.forbidden])
            }
            #expect(try f.footprint() == before)
        }
    }

    @Test func fortyConcurrentAdvancesFillTheFinalExactly() async throws {
        try await F.with("stage_race", poolSize: 33) { f in
            let ids = try f.applications(40, firstID: 1000)
            try f.place(ids, in: F.qualifying)
            let service = f.service
            let outcomes = await withTaskGroup(of: [ErrorCode].self) { group in
                for id in ids {
                    group.addTask {
                        do {
                            _ = try await service.advance([.application(id)], into: F.final, event: F.event, by: F.organiser)
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
            #expect(outcomes.filter(\.isEmpty).count == 3)
            #expect(outcomes.filter { $0 == [.stageFull] }.count == 37)
            #expect(try f.count("SELECT count(*) FROM stage_advancement WHERE stage_id = 12") == 3)
        }
    }
}

@Suite struct EventAdminStageRemovalTests {
    typealias F = EventAdminFixture

    @Test func aMistakenAdvancementIsUndoneAndAudited() async throws {
        try await F.with("stage_remove") { f in
            let ids = try f.finalists(2, firstID: 1000)
            let removed = try await f.service.removeFromStage([ids[1]], stage: F.final, event: F.event, by: F.organiser)
            #expect(removed == [ids[1]])
            #expect(try f.count("SELECT count(*) FROM stage_advancement WHERE stage_id = 12") == 1)
            #expect(
                try f.count("SELECT count(*) FROM audit_log WHERE entity = 'stage_advancement' AND action = 'delete' AND actor = $1", [F.organiser.displayName])
                    == 1)
        }
    }

    @Test func removalsThatWouldBreakTheStagesAreRefused() async throws {
        try await F.with("stage_remove_refused") { f in
            let ids = try f.finalists(2, firstID: 1000)
            let outsider = try f.applications(1, firstID: 1100)
            _ = try await f.service.recordResult(ResultInput(applicationID: ids[0], award: .winner), event: F.event, by: F.organiser)
            let before = try f.footprint()
            let r = await refusal {
                try await f.service.removeFromStage([ids[0], outsider[0], ApplicationID(rawValue: 999)], stage: F.final, event: F.event, by: F.organiser)
            }
            #expect(r.codes == [.invalidTransition, .notFound, .notFound])
            #expect(r.fields == ["applications[0]", "applications[1]", "applications[2]"])
            let first = await refusal { try await f.service.removeFromStage([ids[1]], stage: F.qualifying, event: F.event, by: F.organiser) }
            #expect(first.codes == [.invalidTransition])
            #expect(first.fields == ["stageId"])
            let forbidden = await refusal { try await f.service.removeFromStage([ids[1]], stage: F.final, event: F.event, by: F.otherOrganiser) }
            #expect(forbidden.codes == [.forbidden])
            let empty = await refusal { try await f.service.removeFromStage([], stage: F.final, event: F.event, by: F.organiser) }
            #expect(empty.codes == [.validation])
            let stage = await refusal { try await f.service.removeFromStage([ids[1]], stage: F.otherStage, event: F.event, by: F.organiser) }
            #expect(stage.codes == [.notFound])
            #expect(try f.footprint() == before)
        }
    }
}

extension EventAdminStageRemovalTests {
    @Test func anEntrantLeavesTheLaterStagesFirst() async throws {
        try await F.with("stage_remove_later") { f in
            try f.run("INSERT INTO event_stage (id, event_id, position, title) OVERRIDING SYSTEM VALUE VALUES (14, 1, 3, 'Суперфинал')")
            let ids = try f.finalists(1, firstID: 1000)
            try f.place(ids, in: StageID(rawValue: 14))
            let before = try f.footprint()
            let r = await refusal { try await f.service.removeFromStage(ids, stage: F.final, event: F.event, by: F.organiser) }
            #expect(r.codes == [.invalidTransition])
            #expect(r.fields == ["applications[0]"])
            #expect(try f.footprint() == before)
        }
    }
}

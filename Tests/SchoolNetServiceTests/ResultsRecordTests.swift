import Foundation
import SchoolNetDomain
import SchoolNetService
import Testing

@Suite struct ResultsRecordTests {
    typealias F = EventAdminFixture

    @Test func recordingReplacingAndRemovingADraftResult() async throws {
        try await F.with("results_record") { f in
            let ids = try f.finalists(1, firstID: 1000, nomination: F.poetry)
            let line = ResultInput(applicationID: ids[0], nominationID: F.poetry, award: .diplomaFirstDegree)
            #expect(try await f.service.recordResult(line, event: F.event, by: F.organiser) == ResultsWritten(created: 1))
            #expect(try await f.service.recordResult(line, event: F.event, by: F.organiser) == ResultsWritten(unchanged: 1))

            let listed = try await f.service.results(event: F.event, by: F.organiser)
            #expect(listed.count == 1)
            #expect(listed.first?.names == ["Ученица1000 Мария"])
            #expect(listed.first?.organisationName == "МАОУ гимназия №13")
            #expect(listed.first?.nominationTitle == "Поэзия")
            #expect(listed.first?.award == .diplomaFirstDegree)

            let special = ResultInput(applicationID: ids[0], nominationID: F.poetry, award: "special", title: "  За  артистизм ")
            #expect(try await f.service.recordResult(special, event: F.event, by: F.organiser) == ResultsWritten(changed: 1))
            #expect(try await f.service.results(event: F.event, by: F.organiser).first?.award == .specialNomination(title: "За артистизм"))

            let remove = ResultInput(applicationID: ids[0], nominationID: F.poetry, award: nil)
            #expect(try await f.service.recordResult(remove, event: F.event, by: F.organiser) == ResultsWritten(removed: 1))
            #expect(try f.count("SELECT count(*) FROM result") == 0)
        }
    }

    @Test func everyResultChangeIsAuditedWithWhoAndWhat() async throws {
        try await F.with("results_audit") { f in
            let ids = try f.finalists(1, firstID: 1000)
            _ = try await f.service.recordResult(ResultInput(applicationID: ids[0], award: .winner), event: F.event, by: F.organiser)
            _ = try await f.service.recordResult(ResultInput(applicationID: ids[0], award: .prizewinner), event: F.event, by: F.organiser)
            let rows = try f.strings(
                """
                SELECT action || ' ' || coalesce(before->>'award', '-') || ' ' || coalesce(after->>'award', '-') || ' ' || actor || ' ' || token_id
                FROM audit_log WHERE entity = 'result' ORDER BY id
                """)
            #expect(rows == ["insert - winner \(F.organiser.displayName) 1", "update winner prizewinner \(F.organiser.displayName) 1"])
        }
    }

    @Test func aSingleRoundEventTakesResultsForAnyAcceptedApplication() async throws {
        try await F.with("results_single_round") { f in
            let ids = try f.applications(1, event: F.singleRound, firstID: 1000)
            let written = try await f.service.recordResult(ResultInput(applicationID: ids[0], award: .winner), event: F.singleRound, by: F.organiser)
            #expect(written.created == 1)
        }
    }

    @Test func resultsGoOnlyToFinalists() async throws {
        try await F.with("results_not_final") { f in
            let ids = try f.applications(1, firstID: 1000)
            try f.place(ids, in: F.qualifying)
            let before = try f.footprint()
            let r = await refusal { try await f.service.recordResult(ResultInput(applicationID: ids[0], award: .winner), event: F.event, by: F.organiser) }
            #expect(r.codes == [.notInFinalStage])
            #expect(try f.footprint() == before)
        }
    }

    @Test func aDisqualifiedFinalistGetsNoResult() async throws {
        try await F.with("results_rejected") { f in
            let ids = try f.finalists(1, firstID: 1000)
            try f.run("UPDATE application SET status = 'rejected', status_reason = 'плагиат' WHERE id = 1000")
            let before = try f.footprint()
            let r = await refusal { try await f.service.recordResult(ResultInput(applicationID: ids[0], award: .winner), event: F.event, by: F.organiser) }
            #expect(r.codes == [.applicationNotAccepted])
            #expect(try f.footprint() == before)
        }
    }

    @Test func anEventHasOneAbsoluteWinner() async throws {
        try await F.with("results_one_absolute") { f in
            let ids = try f.finalists(2, firstID: 1000)
            _ = try await f.service.recordResult(ResultInput(applicationID: ids[0], award: .absoluteWinner), event: F.event, by: F.organiser)
            let before = try f.footprint()
            do {
                _ = try await f.service.recordResult(
                    ResultInput(applicationID: ids[1], nominationID: F.prose, award: .absoluteWinner), event: F.event, by: F.organiser)
                Issue.record("a second absolute winner was recorded")
            } catch let refusal as RegistrationRefusal {
                #expect(refusal.errors.map(\.code) == [.absoluteWinnerTaken])
                #expect(refusal.errors[0].messageRU.contains("Ученица1000 Мария"))
            }
            #expect(try f.footprint() == before)
            // The holder itself may be re-recorded (and so moved to another award).
            #expect(
                try await f.service.recordResult(ResultInput(applicationID: ids[0], award: .absoluteWinner), event: F.event, by: F.organiser).unchanged == 1)
        }
    }

    @Test func awardsAreChecked() async throws {
        try await F.with("results_awards") { f in
            let ids = try f.finalists(1, firstID: 1000)
            let before = try f.footprint()
            let noTitle = await refusal {
                try await f.service.recordResult(ResultInput(applicationID: ids[0], award: "special", title: "  "), event: F.event, by: F.organiser)
            }
            #expect(noTitle.codes == [.specialTitleRequired])
            let unknown = await refusal { try await f.service.recordResult(ResultInput(applicationID: ids[0], award: "gold"), event: F.event, by: F.organiser) }
            #expect(unknown.codes == [.validation])
            #expect(unknown.fields == ["award"])
            #expect(try f.footprint() == before)
        }
    }

    @Test func nominationsAndApplicationsMustBelongToTheEvent() async throws {
        try await F.with("results_foreign") { f in
            let ids = try f.finalists(1, firstID: 1000)
            let theirs = try f.applications(1, event: F.otherEvent, firstID: 2000)
            let before = try f.footprint()
            let nomination = await refusal {
                try await f.service.recordResult(
                    ResultInput(applicationID: ids[0], nominationID: F.otherNomination, award: .winner), event: F.event, by: F.organiser)
            }
            #expect(nomination.codes == [.nominationNotInEvent])
            let application = await refusal {
                try await f.service.recordResult(ResultInput(applicationID: theirs[0], award: .winner), event: F.event, by: F.organiser)
            }
            #expect(application.codes == [.notFound])
            let removal = await refusal { try await f.service.recordResult(ResultInput(applicationID: ids[0], award: nil), event: F.event, by: F.organiser) }
            #expect(removal.codes == [.notFound])
            #expect(try f.footprint() == before)
        }
    }

    @Test func onlyTheOrganiserRecordsAndReadsDraftResults() async throws {
        try await F.with("results_forbidden") { f in
            let ids = try f.finalists(1, firstID: 1000)
            let before = try f.footprint()
            for actor in [F.otherOrganiser, F.school] {
                let write = await refusal { try await f.service.recordResult(ResultInput(applicationID: ids[0], award: .winner), event: F.event, by: actor) }
                #expect(write.codes == [.forbidden])
                let read = await refusal { try await f.service.results(event: F.event, by: actor) }
                #expect(read.codes == [.forbidden])
                let export = await refusal { try await f.service.participants(event: F.event, by: actor) }
                #expect(export.codes == [.forbidden])
                let publish = await refusal { try await f.service.publishResults(event: F.event, by: actor) }
                #expect(publish.codes == [.forbidden])
                let bulk = await refusal { try await f.service.recordResults([ResultInput(applicationID: ids[0], award: .winner)], event: F.event, by: actor) }
                #expect(bulk.codes == [.forbidden])
                let correct = await refusal {
                    try await f.service.correctResult(ResultInput(applicationID: ids[0], award: .winner), reason: "ошибка", event: F.event, by: actor)
                }
                #expect(correct.codes == [.forbidden])
            }
            #expect(try f.footprint() == before)
            #expect(try await f.service.recordResult(ResultInput(applicationID: ids[0], award: .winner), event: F.event, by: F.admin).created == 1)
        }
    }
}

import Foundation
import SchoolNetDomain
import SchoolNetService
import Testing

@Suite struct EventAdminRegistrationTests {
    typealias F = EventAdminFixture

    @Test func closingEarlyStopsRegistrationAndIsAudited() async throws {
        try await F.with("reg_close") { f in
            let state = try await f.service.closeRegistration(event: F.event, by: F.organiser)
            #expect(state.closedEarlyAt == F.defaultNow)
            #expect(!state.isOpen)
            #expect(try f.count("SELECT count(*) FROM event WHERE id = 1 AND closed_early_at = $1", [F.defaultNow]) == 1)
            #expect(try f.strings("SELECT actor FROM audit_log WHERE entity = 'event' AND entity_id = 1 AND action = 'update'") == [F.organiser.displayName])
            #expect(
                try f.count(
                    "SELECT count(*) FROM audit_log WHERE entity = 'event' AND token_id = 1 AND before->>'closed_early_at' IS NULL AND after->>'closed_early_at' IS NOT NULL"
                ) == 1)
        }
    }

    @Test func closingTwiceKeepsTheFirstInstant() async throws {
        try await F.with("reg_close_twice") { f in
            let first = try await f.service.closeRegistration(event: F.event, by: F.organiser)
            let later = EventAdminService(pool: f.pool, time: FixedTime(F.defaultNow.addingTimeInterval(3600)))
            let second = try await later.closeRegistration(event: F.event, by: F.organiser)
            #expect(second.closedEarlyAt == first.closedEarlyAt)
        }
    }

    @Test func openingAgainAfterAnEarlyClose() async throws {
        try await F.with("reg_reopen") { f in
            _ = try await f.service.closeRegistration(event: F.event, by: F.organiser)
            let state = try await f.service.openRegistration(event: F.event, by: F.organiser)
            #expect(state.closedEarlyAt == nil)
            #expect(state.isOpen)
            #expect(try f.count("SELECT count(*) FROM event WHERE id = 1 AND closed_early_at IS NULL") == 1)
        }
    }

    @Test func openingEarlierThanAnnounced() async throws {
        try await F.with("reg_open_early") { f in
            // Event 3 announces registration from 1 April 2021; it is 1 October 2020.
            let state = try await f.service.openRegistration(event: F.singleRound, by: F.organiser)
            #expect(state.opensAt == F.defaultNow)
            #expect(state.isOpen)
            #expect(try f.count("SELECT count(*) FROM event WHERE id = 3 AND registration_opens_at = $1", [F.defaultNow]) == 1)
        }
    }

    @Test func theRegionalCentreMayActForTheOrganiser() async throws {
        try await F.with("reg_admin") { f in
            let state = try await f.service.closeRegistration(event: F.event, by: F.admin)
            #expect(!state.isOpen)
        }
    }

    @Test func closingBeforeOpeningIsRefused() async throws {
        try await F.with("reg_not_open") { f in
            let before = try f.footprint()
            let r = await refusal { try await f.service.closeRegistration(event: F.singleRound, by: F.organiser) }
            #expect(r.codes == [.registrationNotOpen])
            #expect(try f.footprint() == before)
        }
    }

    @Test(arguments: [true, false])
    func afterTheDeadlineNothingOpensOrCloses(opening: Bool) async throws {
        // 17 October 2020 in Tomsk: event 1's registration ended at the end of the 16th.
        let afterDeadline = Date(timeIntervalSince1970: 1_602_867_600 + 3600)
        try await F.with("reg_ended", now: afterDeadline) { f in
            let before = try f.footprint()
            let r = await refusal {
                opening
                    ? try await f.service.openRegistration(event: F.event, by: F.organiser)
                    : try await f.service.closeRegistration(event: F.event, by: F.organiser)
            }
            #expect(r.codes == [.registrationClosed])
            #expect(try f.footprint() == before)
        }
    }

    @Test func onlyTheOrganiserMayActOnItsEvent() async throws {
        try await F.with("reg_forbidden") { f in
            let before = try f.footprint()
            for actor in [F.otherOrganiser, F.school] {
                let close = await refusal { try await f.service.closeRegistration(event: F.event, by: actor) }
                let open = await refusal { try await f.service.openRegistration(event: F.event, by: actor) }
                #expect(close.codes == [.forbidden])
                #expect(open.codes == [.forbidden])
            }
            #expect(try f.footprint() == before)
        }
    }

    @Test func anUnknownEventIsNotFound() async throws {
        try await F.with("reg_missing") { f in
            let before = try f.footprint()
            let r = await refusal { try await f.service.closeRegistration(event: EventID(rawValue: 999), by: F.organiser) }
            #expect(r.codes == [.notFound])
            let results = await refusal {
                try await f.service.recordResults(
                    [ResultInput(applicationID: ApplicationID(rawValue: 1), award: .winner)], event: EventID(rawValue: 999), by: F.organiser)
            }
            #expect(results.codes == [.notFound])
            #expect(try f.footprint() == before)
        }
    }
}

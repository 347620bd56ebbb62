import Foundation
import PQ
import SchoolNetDomain
import SchoolNetService
import SchoolNetStore
import Testing

/// Issue 15: closing registration by hand tells the organiser's accounts the count, in the close's own transaction:
/// one row per account per close, none for a refused close or a rolled-back one.
@Suite struct OutboxRegistrationClosedTests {
    typealias F = EventAdminFixture

    static let accounts = """
        INSERT INTO account (id, email, display_name) OVERRIDING SYSTEM VALUE VALUES
            (1, 'kuznetsova@g13.example', 'Кузнецова О. И.'), (2, 'other@g18.example', 'гимназия №18');
        INSERT INTO account_membership (account_id, organisation_id, role, granted_by) VALUES
            (1, 13, 'organiser', 'test'), (2, 18, 'organiser', 'test');
        """

    @Test func closingTellsTheOrganiserTheCountOnce() async throws {
        try await F.with("outbox_closed") { f in
            try f.run(Self.accounts)
            try f.applications(3, firstID: 3000, status: "submitted")
            try f.applications(1, firstID: 3100, status: "withdrawn")
            _ = try await f.service.closeRegistration(event: F.event, by: F.organiser)
            #expect(
                try f.strings("SELECT kind::text || ' ' || recipient_email || ' ' || (payload->>'count') FROM outbox") == [
                    "registration_closed kuznetsova@g13.example 3"
                ])
            // closing a closed registration changes nothing and tells nobody again
            _ = try await f.service.closeRegistration(event: F.event, by: F.organiser)
            #expect(try f.count("SELECT count(*) FROM outbox") == 1)
        }
    }

    @Test func aRefusedOrRolledBackCloseTellsNobody() async throws {
        // 17 October in Tomsk: event 1's registration ended on the 16th
        try await F.with("outbox_closed_refused", now: Date(timeIntervalSince1970: 1_602_910_800)) { f in
            try f.run(Self.accounts)
            let refused = await refusal { try await f.service.closeRegistration(event: F.event, by: F.organiser) }
            #expect(refused.codes == [.registrationClosed])
            #expect(try f.count("SELECT count(*) FROM outbox") == 0)
            struct Abort: Error {}
            await #expect(throws: Abort.self) {
                try await f.pool.withTransaction { conn in
                    try EventRepository().setClosedEarly(F.otherEvent, at: Date(), on: conn)
                    let written = try ScheduledMailRepository().enqueueRegistrationClosed(event: F.otherEvent, at: Date(), on: conn)
                    if written == 1 { throw Abort() }
                }
            }
            #expect(try f.count("SELECT count(*) FROM outbox") == 0)
        }
    }
}

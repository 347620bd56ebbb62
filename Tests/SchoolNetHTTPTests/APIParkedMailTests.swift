import Foundation
import Hummingbird
import HummingbirdTesting
import PQ
import SchoolNetDomain
import SchoolNetStore
import Testing

/// `/v1/notifications/parked` (issue 15): the regional centre sees the mail the worker gave up on, without its content,
/// and queues one again; schools and organisers are refused; a message that is not parked is 404.
@Suite(.serialized) struct APIParkedMailTests {
    let fixture: APIFixture

    init() throws { self.fixture = try APIFixture.shared("api_parked_mail") }

    @Test func theRegionalCentreListsAndRetriesOthersAreRefused() async throws {
        let f = self.fixture
        let ids: [Int64] = try PQConnection(f.config).query(
            """
            INSERT INTO outbox (kind, recipient_email, payload, dedupe_key, created_at, available_at, attempts, last_error, parked_at, sent_at)
            VALUES ('application_rejected', 'parked@school.example', '{"members": ["Секретов Сергей"]}', 'api-parked', $1, $1, 1,
                    '550 5.1.1 no such user', $1, NULL),
                   ('application_accepted', 'sent@school.example', '{}', 'api-sent', $1, $1, 1, NULL, NULL, $1)
            RETURNING id
            """, [APIFixture.now]
        ).map { try $0.decode(0) }
        try await f.app.test(.live) { client in
            for token in [f.tokens.schoolA, f.tokens.organiser] {
                #expect(try await send(client, .get, "/v1/notifications/parked", token: token).status == .forbidden)
                #expect(try await send(client, .post, "/v1/notifications/parked/\(ids[0])/retry", token: token).status == .forbidden)
            }
            let listed = try await send(client, .get, "/v1/notifications/parked", token: f.tokens.admin)
            #expect(listed.status == .ok, "\(listed.text)")
            #expect(listed.items.compactMap { $0["recipient"] as? String } == ["parked@school.example"])
            #expect(listed.items.first?["lastError"] as? String == "550 5.1.1 no such user")
            #expect(!listed.text.contains("Секретов"))

            let retried = try await send(client, .post, "/v1/notifications/parked/\(ids[0])/retry", token: f.tokens.admin)
            #expect(retried.status == .ok, "\(retried.text)")
            #expect(try await send(client, .get, "/v1/notifications/parked", token: f.tokens.admin).items.isEmpty)
            // no longer parked, and a sent one never was: 404
            for id in ids {
                #expect(try await send(client, .post, "/v1/notifications/parked/\(id)/retry", token: f.tokens.admin).status == .notFound)
            }
        }
        let states = try OutboxRepository().rows(on: PQConnection(f.config))
        #expect(states.first { $0.id == ids[0] }.map { $0.parkedAt == nil && $0.attempts == 0 && $0.sentAt == nil } == true)
    }
}

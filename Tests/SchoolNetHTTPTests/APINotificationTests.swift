import Foundation
import Hummingbird
import HummingbirdTesting
import PQ
import SchoolNetDomain
import SchoolNetStore
import Testing

/// Issue 15 over the API: a school follows an event for itself (not for another school), the regional centre
/// subscribes webhooks (others 403, unknown types 422 at their index) and sets a person's preferences.
@Suite(.serialized) struct APINotificationTests {
    let fixture: APIFixture

    init() throws { self.fixture = try APIFixture.shared("api_notifications") }

    @Test func aSchoolFollowsForItselfAndTheRegionalCentreNamesTheSchool() async throws {
        let f = self.fixture
        let event = f.event.event.id.rawValue
        try await f.app.test(.live) { client in
            let followed = try await send(client, .put, "/v1/events/\(event)/follow", token: f.tokens.schoolA)
            #expect(followed.status == .noContent, "\(followed.text)")
            let again = try await send(client, .put, "/v1/events/\(event)/follow", token: f.tokens.schoolA)
            #expect(again.status == .noContent)
            #expect(try f.count("SELECT count(*) FROM event_follow WHERE event_id = $1 AND organisation_id = $2", [event, f.schoolA.rawValue]) == 1)
            let forOther = try await send(client, .put, "/v1/events/\(event)/follow?organisationId=\(f.schoolB.rawValue)", token: f.tokens.schoolA)
            #expect(forOther.status == .forbidden, "\(forOther.text)")
            let byOrganiser = try await send(client, .put, "/v1/events/\(event)/follow", token: f.tokens.organiser)
            #expect(byOrganiser.status == .forbidden)
            let unnamed = try await send(client, .put, "/v1/events/\(event)/follow", token: f.tokens.admin)
            #expect(unnamed.status == .unprocessableContent, "\(unnamed.text)")
            #expect(unnamed.problem?.errors?.first?.field == "organisationId")
            let named = try await send(client, .put, "/v1/events/\(event)/follow?organisationId=\(f.schoolB.rawValue)", token: f.tokens.admin)
            #expect(named.status == .noContent, "\(named.text)")
            let unknown = try await send(client, .put, "/v1/events/999999/follow", token: f.tokens.schoolA)
            #expect(unknown.status == .notFound)
            let stopped = try await send(client, .delete, "/v1/events/\(event)/follow", token: f.tokens.schoolA)
            #expect(stopped.status == .noContent)
            #expect(try f.count("SELECT count(*) FROM event_follow WHERE event_id = $1", [event]) == 1)
        }
    }

    @Test func theRegionalCentreSubscribesWebhooksAndSetsPreferences() async throws {
        let f = self.fixture
        try await f.app.test(.live) { client in
            let body = #"{"url": "https://crm.example/hooks", "eventTypes": ["application.accepted", "registration.closed"]}"#
            let refused = try await send(client, .post, "/v1/webhooks", token: f.tokens.organiser, json: body)
            #expect(refused.status == .forbidden)
            let created = try await send(client, .post, "/v1/webhooks", token: f.tokens.admin, json: body)
            #expect(created.status == .created, "\(created.text)")
            #expect((created.object["secret"] as? String)?.hasPrefix("whsec_") == true)
            let listed = try await send(client, .get, "/v1/webhooks", token: f.tokens.admin)
            #expect(listed.items.count == 1 && listed.items[0]["secret"] == nil)
            let badType = try await send(
                client, .post, "/v1/webhooks", token: f.tokens.admin, json: #"{"url": "https://crm.example/x", "eventTypes": ["event.tomorrow"]}"#)
            #expect(badType.status == .unprocessableContent)
            #expect(badType.problem?.errors?.first?.field == "eventTypes[0]")
            let id = try #require(created.id)
            #expect(try await send(client, .delete, "/v1/webhooks/\(id)", token: f.tokens.admin).status == .noContent)
            #expect(try await send(client, .delete, "/v1/webhooks/\(id)", token: f.tokens.admin).status == .notFound)

            let person = try f.count("INSERT INTO person (kind, last_name, first_name) VALUES ('teacher', 'Орлова', 'Нина') RETURNING id")
            let set = try await send(client, .put, "/v1/people/\(person)/notification-preferences", token: f.tokens.admin, json: #"{"reminders": false}"#)
            #expect(set.status == .ok, "\(set.text)")
            #expect(bool(set.object["reminders"]) == false && bool(set.object["digests"]) == true)
            let read = try await send(client, .get, "/v1/people/\(person)/notification-preferences", token: f.tokens.admin)
            #expect(bool(read.object["reminders"]) == false)
            #expect(try await send(client, .get, "/v1/people/\(person)/notification-preferences", token: f.tokens.schoolA).status == .forbidden)
            #expect(try await send(client, .get, "/v1/people/999999/notification-preferences", token: f.tokens.admin).status == .notFound)
        }
    }
}

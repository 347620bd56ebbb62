import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// `POST /v1/events/{eventID}/stages/{stageID}/remove`: the organiser undoes an advancement, all or none.
@Suite(.serialized) struct APIStageRemovalTests {
    let fixture: APIFixture

    init() throws { self.fixture = try APIFixture.shared("api_jury") }

    @Test func organiserTakesAnApplicationBackOutOfTheFinal() async throws {
        let f = self.fixture
        let event = f.event.event.id.rawValue
        let qualifying = try #require(f.event.stages.first?.id.rawValue)
        let final = try #require(f.event.stages.last?.id.rawValue)
        try await f.app.test(.live) { client in
            let created = try await send(client, .post, "/v1/applications", token: f.tokens.schoolA, json: f.individual(lastName: "Финалистова"))
            let a = try #require(created.id)
            #expect(try await send(client, .post, "/v1/applications/\(a)/accept", token: f.tokens.organiser).status == .ok)
            let target = #"{"targets": [{"applicationId": \#(a)}]}"#
            #expect(try await send(client, .post, "/v1/events/\(event)/stages/\(final)/advance", token: f.tokens.organiser, json: target).status == .ok)

            let body = #"{"applications": [\#(a)]}"#
            let path = "/v1/events/\(event)/stages/\(final)/remove"
            #expect(try await send(client, .post, path, token: f.tokens.otherOrganiser, json: body).status == .forbidden)
            #expect(try await send(client, .post, path, token: f.tokens.schoolA, json: body).status == .forbidden)

            let removed = try await send(client, .post, path, token: f.tokens.organiser, json: body)
            #expect(removed.status == .ok, "\(removed.text)")
            #expect((removed.object["removed"] as? [Any]).map { $0.compactMap(int) } == [a])
            #expect(int(removed.object["stageId"]) == final)

            // Not there any more: named under its position in the list.
            let again = try await send(client, .post, path, token: f.tokens.organiser, json: body)
            #expect(again.status == .notFound)
            #expect(again.problem?.errors?.first?.field == "applications[0]")
            // The first stage is where registering puts everyone: leaving it is rejecting.
            let first = try await send(client, .post, "/v1/events/\(event)/stages/\(qualifying)/remove", token: f.tokens.organiser, json: body)
            #expect(first.status == .conflict)
            #expect(first.problem?.code == "invalid_transition")
            let empty = try await send(client, .post, path, token: f.tokens.organiser, json: #"{"applications": []}"#)
            #expect(empty.status == .unprocessableContent)
            #expect(empty.problem?.code == "validation")
            #expect(try await send(client, .post, "/v1/events/\(event)/stages/999999/remove", token: f.tokens.organiser, json: body).status == .notFound)
        }
    }
}

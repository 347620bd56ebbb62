import Foundation
import Hummingbird
import HummingbirdTesting
import PQ
import SchoolNetDomain
import SchoolNetStore
import Testing

/// `/v1/events/{eventID}/jury`: the organiser lists, assigns and removes jurors; the service's refusals keep their codes.
@Suite(.serialized) struct APIJuryTests {
    let fixture: APIFixture

    init() throws { self.fixture = try APIFixture.shared("api_jury") }

    /// A teacher whose usual organisation is `organisation`.
    private func teacher(_ surname: String, at organisation: OrganisationID) throws -> Int64 {
        let conn = try PQConnection(self.fixture.config)
        let person = try PersonRepository().create(
            NewPerson(kind: .teacher, name: PersonName(surname: surname, givenName: "Ольга", patronymic: "Ивановна"), organisationID: organisation),
            on: conn)
        return person.id.rawValue
    }

    @Test func organiserAssignsListsAndRemovesAJuror() async throws {
        let f = self.fixture
        let event = f.event.event.id.rawValue
        let poetry = try #require(f.event.nominations.first?.id.rawValue)
        let juror = try self.teacher("Судейкина", at: f.schoolB)
        try await f.app.test(.live) { client in
            let path = "/v1/events/\(event)/jury"
            let body = #"{"personId": \#(juror), "nominationId": \#(poetry), "role": "chair"}"#
            let assigned = try await send(client, .post, path, token: f.tokens.organiser, json: body)
            #expect(assigned.status == .ok, "\(assigned.text)")
            let id = try #require(assigned.id)
            #expect(int(assigned.object["personId"]) == juror)
            #expect(int(assigned.object["nominationId"]) == poetry)
            #expect(assigned.object["stageId"] is NSNull)
            #expect(assigned.object["role"] as? String == "chair")
            #expect(assigned.object["jurorName"] as? String == "Судейкина Ольга")
            // Repeating the request answers the same assignment.
            #expect(try await send(client, .post, path, token: f.tokens.organiser, json: body).id == id)

            let list = try await send(client, .get, path, token: f.tokens.organiser)
            #expect(list.status == .ok)
            #expect(list.items.compactMap { int($0["id"]) }.contains(id))
            #expect(try await send(client, .get, path, token: f.tokens.admin).status == .ok)

            #expect(try await send(client, .delete, "\(path)/\(id)", token: f.tokens.organiser).status == .noContent)
            let again = try await send(client, .delete, "\(path)/\(id)", token: f.tokens.organiser)
            #expect(again.status == .notFound)
            #expect(again.problem?.code == "not_found")
            #expect(try await send(client, .get, path, token: f.tokens.organiser).items.compactMap { int($0["id"]) }.contains(id) == false)
        }
    }

    @Test func onlyTheEventsOrganiserManagesItsJury() async throws {
        let f = self.fixture
        let event = f.event.event.id.rawValue
        let juror = try self.teacher("Чужакова", at: f.schoolB)
        try await f.app.test(.live) { client in
            let path = "/v1/events/\(event)/jury"
            let body = #"{"personId": \#(juror)}"#
            let id = try #require(try await send(client, .post, path, token: f.tokens.admin, json: body).id)
            for token in [f.tokens.otherOrganiser, f.tokens.schoolA] {
                let list = try await send(client, .get, path, token: token)
                #expect(list.status == .forbidden)
                #expect(list.problem?.code == "forbidden")
                #expect(try await send(client, .post, path, token: token, json: body).status == .forbidden)
                #expect(try await send(client, .delete, "\(path)/\(id)", token: token).status == .forbidden)
            }
            #expect(try await send(client, .get, path).status == .unauthorized)
            // An assignment is addressed through its own event only.
            let elsewhere = try await send(client, .delete, "/v1/events/\(f.teamEvent.rawValue)/jury/\(id)", token: f.tokens.organiser)
            #expect(elsewhere.status == .notFound)
            #expect(try await send(client, .get, "/v1/events/999999/jury", token: f.tokens.organiser).status == .notFound)
            #expect(try await send(client, .delete, "\(path)/\(id)", token: f.tokens.organiser).status == .noContent)
        }
    }

    @Test func aJurorFromACompetingSchoolIsAConflictNotAnError() async throws {
        let f = self.fixture
        let event = f.event.event.id.rawValue
        let juror = try self.teacher("Пристрастнова", at: f.schoolA)
        try await f.app.test(.live) { client in
            let applied = try await send(client, .post, "/v1/applications", token: f.tokens.schoolA, json: f.individual(lastName: "Ученикова"))
            #expect(applied.status == .created)
            let path = "/v1/events/\(event)/jury"
            let before = try f.count("SELECT count(*) FROM jury_assignment")
            let refused = try await send(client, .post, path, token: f.tokens.organiser, json: #"{"personId": \#(juror)}"#)
            #expect(refused.status == .conflict)
            #expect(refused.headers[.contentType] == "application/problem+json")
            #expect(refused.problem?.code == "juror_conflict")
            #expect(refused.problem?.errors?.first?.field == "personId")
            #expect(try f.count("SELECT count(*) FROM jury_assignment") == before)
        }
    }

    @Test func badJurorRequestsAreNamed() async throws {
        let f = self.fixture
        let event = f.event.event.id.rawValue
        let juror = try self.teacher("Ошибкина", at: f.schoolB)
        try await f.app.test(.live) { client in
            let path = "/v1/events/\(event)/jury"
            let role = try await send(client, .post, path, token: f.tokens.organiser, json: #"{"personId": \#(juror), "role": "boss"}"#)
            #expect(role.status == .badRequest)
            #expect(role.problem?.errors?.map(\.field) == ["role"])
            let nomination = try await send(client, .post, path, token: f.tokens.organiser, json: #"{"personId": \#(juror), "nominationId": 999999}"#)
            #expect(nomination.status == .unprocessableContent)
            #expect(nomination.problem?.code == "nomination_not_in_event")
            let nobody = try await send(client, .post, path, token: f.tokens.organiser, json: #"{"personId": 999999}"#)
            #expect(nobody.status == .notFound)
            let missing = try await send(client, .post, path, token: f.tokens.organiser, json: "{}")
            #expect(missing.status == .badRequest)
            #expect(missing.problem?.errors?.first?.field == "personId")
        }
    }
}

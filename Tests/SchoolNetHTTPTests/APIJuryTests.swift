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

    /// A teacher whose usual organisation is `organisation`; unless `stranger`, also an expert of the organiser
    /// (an organiser may name only people it may know).
    private func teacher(_ surname: String, at organisation: OrganisationID, stranger: Bool = false) throws -> Int64 {
        let conn = try PQConnection(self.fixture.config)
        let person = try PersonRepository().create(
            NewPerson(kind: .teacher, name: PersonName(surname: surname, givenName: "Ольга", patronymic: "Ивановна"), organisationID: organisation),
            on: conn)
        if !stranger {
            try conn.execute(
                "INSERT INTO teacher_role (person_id, organisation_id, role) VALUES ($1, $2, 'expert')",
                [person.id.rawValue, self.fixture.organiser.rawValue])
        }
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

    @Test func aPersonIdIsNoOracleForNames() async throws {
        let f = self.fixture
        let event = f.event.event.id.rawValue
        let stranger = try self.teacher("Незнакомова", at: f.schoolB, stranger: true)
        let rival = try self.teacher("Соперникова", at: f.schoolA, stranger: true)
        try await f.app.test(.live) { client in
            // A pupil the organiser has never seen: in another organiser's event.
            let applied = try await send(
                client, .post, "/v1/applications", token: f.tokens.schoolB,
                json: f.individual(event: f.otherEvent, organisation: f.schoolB, lastName: "Тайнова"))
            #expect(applied.status == .created, "\(applied.text)")
            let pupil = try #require(int((applied.object["members"] as? [[String: Any]])?.first?["personId"]))
            _ = try await send(client, .post, "/v1/applications", token: f.tokens.schoolA, json: f.individual(lastName: "Участникова"))
            let path = "/v1/events/\(event)/jury"
            let before = try f.count("SELECT count(*) FROM jury_assignment")
            let nobody = try await send(client, .post, path, token: f.tokens.organiser, json: #"{"personId": 999999}"#)
            for (person, secrets) in [(pupil, ["Тайнова"]), (stranger, ["Незнакомова", "СОШ №60"]), (rival, ["Соперникова", "СОШ №50"])] {
                let answer = try await send(client, .post, path, token: f.tokens.organiser, json: #"{"personId": \#(person)}"#)
                #expect(answer.status == .notFound, "\(answer.text)")
                #expect(answer.problem?.code == "not_found")
                for secret in secrets { #expect(!answer.text.contains(secret), "\(answer.text)") }
                #expect(answer.problem?.detail == nobody.problem?.detail.replacingOccurrences(of: "999999", with: String(person)))
            }
            #expect(try f.count("SELECT count(*) FROM jury_assignment") == before)
            // The regional centre may still name anyone.
            let byAdmin = try await send(client, .post, path, token: f.tokens.admin, json: #"{"personId": \#(stranger)}"#)
            #expect(byAdmin.status == .ok, "\(byAdmin.text)")
            #expect(byAdmin.object["jurorName"] as? String == "Незнакомова Ольга")
        }
    }
}

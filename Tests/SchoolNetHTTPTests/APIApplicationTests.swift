import Foundation
import Hummingbird
import HummingbirdTesting
import SchoolNetDomain
import Testing

/// The school's side: apply (idempotently), list, show, edit, withdraw; and who may see what.
@Suite(.serialized) struct APIApplicationTests {
    let fixture: APIFixture

    init() throws { self.fixture = try APIFixture.shared("api_applications") }

    @Test func createShowAndListOwnApplication() async throws {
        let f = self.fixture
        try await f.app.test(.router) { client in
            let created = try await send(client, .post, "/v1/applications", token: f.tokens.schoolA, json: f.individual(lastName: "Соколова"))
            #expect(created.status == .created)
            let id = try #require(created.id)
            #expect(created.headers[.location] == "/v1/applications/\(id)")
            #expect(created.object["status"] as? String == "submitted")
            #expect(int(created.object["eventId"]) == f.event.event.id.rawValue)
            let member = try #require((created.object["members"] as? [[String: Any]])?.first)
            #expect(member["lastName"] as? String == "Соколова")
            #expect(member["birthDate"] == nil, "birth dates are never sent back")

            let shown = try await send(client, .get, "/v1/applications/\(id)", token: f.tokens.schoolA)
            #expect(shown.status == .ok)
            #expect(shown.id == id)

            let listed = try await send(client, .get, "/v1/applications?eventId=\(f.event.event.id.rawValue)", token: f.tokens.schoolA)
            #expect(listed.items.contains { int($0["id"]) == id })
            #expect(listed.items.allSatisfy { int($0["organisationId"]) == f.schoolA.rawValue })
        }
    }

    @Test func idempotentReplayReturnsTheSameApplicationAndCreatesNothing() async throws {
        let f = self.fixture
        try await f.app.test(.live) { client in
            let body = f.individual(lastName: "Петрова")
            let key: HTTPFields = [.idempotencyKey: "petrova-2025-10-10"]
            let first = try await send(client, .post, "/v1/applications", token: f.tokens.schoolA, json: body, headers: key)
            #expect(first.status == .created)
            let before = try f.count("SELECT count(*) FROM application")
            let audit = try f.count("SELECT count(*) FROM audit_log")

            let again = try await send(client, .post, "/v1/applications", token: f.tokens.schoolA, json: body, headers: key)
            #expect(again.status == .ok)
            #expect(again.headers[.idempotentReplayed] == "true")
            #expect(again.id == first.id)
            #expect(try f.count("SELECT count(*) FROM application") == before)
            #expect(try f.count("SELECT count(*) FROM audit_log") == audit)

            let other = try await send(
                client, .post, "/v1/applications", token: f.tokens.schoolA, json: f.individual(lastName: "Петрова", grade: 9), headers: key)
            #expect(other.status == .conflict)
            #expect(other.problem?.code == "idempotency_conflict")
            #expect(try f.count("SELECT count(*) FROM application") == before)
        }
    }

    @Test func applyThroughTheEventsURL() async throws {
        let f = self.fixture
        let event = f.event.event.id.rawValue
        try await f.app.test(.router) { client in
            let withoutEvent = f.individual(lastName: "Адресная").replacingOccurrences(of: "\"eventId\": \(event), ", with: "")
            #expect(!withoutEvent.contains("eventId"))
            let created = try await send(client, .post, "/v1/events/\(event)/applications", token: f.tokens.schoolA, json: withoutEvent)
            #expect(created.status == .created)
            #expect(int(created.object["eventId"]) == event)
            let disagreeing = try await send(
                client, .post, "/v1/events/\(f.teamEvent.rawValue)/applications", token: f.tokens.schoolA, json: f.individual(lastName: "Адресная"))
            #expect(disagreeing.status == .unprocessableContent)
            #expect(disagreeing.problem?.code == "validation")
            #expect(disagreeing.problem?.errors?.first?.field == "eventId")
            let missing = try await send(client, .post, "/v1/applications", token: f.tokens.schoolA, json: withoutEvent)
            #expect(missing.status == .badRequest)
            #expect(missing.problem?.errors?.first?.code == "missing")
            #expect(try await send(client, .post, "/v1/events/\(event)/applications", token: f.tokens.organiser, json: withoutEvent).status == .forbidden)
        }
    }

    @Test func keysArePerOrganisation() async throws {
        let f = self.fixture
        try await f.app.test(.router) { client in
            let key: HTTPFields = [.idempotencyKey: "shared-key"]
            let a = try await send(client, .post, "/v1/applications", token: f.tokens.schoolA, json: f.individual(lastName: "Общая"), headers: key)
            let b = try await send(
                client, .post, "/v1/applications", token: f.tokens.schoolB, json: f.individual(organisation: f.schoolB, lastName: "Общая"), headers: key)
            #expect(a.status == .created)
            #expect(b.status == .created)
            #expect(a.id != b.id)
        }
    }

    @Test func keyInTheBodyOrMalformedKeyIsRefused() async throws {
        let f = self.fixture
        try await f.app.test(.router) { client in
            let body = f.individual(lastName: "Ключева").replacingOccurrences(of: "{\"eventId\"", with: "{\"idempotencyKey\": \"k\", \"eventId\"")
            let inBody = try await send(client, .post, "/v1/applications", token: f.tokens.schoolA, json: body)
            #expect(inBody.status == .badRequest)
            #expect(inBody.problem?.errors?.first?.field == "idempotencyKey")
            let tooLong = try await send(
                client, .post, "/v1/applications", token: f.tokens.schoolA, json: f.individual(lastName: "Ключева"),
                headers: [.idempotencyKey: String(repeating: "k", count: 201)])
            #expect(tooLong.status == .badRequest)
            #expect(tooLong.problem?.code == "invalid_idempotency_key")
        }
    }

    @Test func refusalIsProblemWithFieldsInRussianOrEnglish() async throws {
        let f = self.fixture
        try await f.app.test(.live) { client in
            let before = try f.count("SELECT count(*) FROM application")
            let body = f.individual(lastName: "Малышева", grade: 3)
            let ru = try await send(client, .post, "/v1/applications", token: f.tokens.schoolA, json: body)
            #expect(ru.status == .unprocessableContent)
            #expect(ru.headers[.contentType] == "application/problem+json")
            let problem = try #require(ru.problem)
            #expect(problem.code == "grade_out_of_range")
            #expect(problem.type == "urn:schoolnet:problem:grade_out_of_range")
            #expect(problem.detail.contains("Малышева"))
            #expect(problem.detail.contains("класс"))
            #expect(problem.errors?.map(\.field) == ["members[0].grade"])
            #expect(problem.errors?.first?.code == "grade_out_of_range")

            let en = try await send(client, .post, "/v1/applications", token: f.tokens.schoolA, json: body, headers: [.acceptLanguage: "en-GB, ru;q=0.5"])
            #expect(en.status == .unprocessableContent)
            #expect(en.problem?.code == "grade_out_of_range")
            #expect(en.problem?.detail.contains("grade") == true)
            #expect(en.problem?.title == "Unprocessable Content")
            #expect(try f.count("SELECT count(*) FROM application") == before)
        }
    }

    @Test func severalReasonsAreAllListed() async throws {
        let f = self.fixture
        try await f.app.test(.router) { client in
            let body = """
                {"eventId": \(f.event.event.id.rawValue), "organisationId": \(f.schoolA.rawValue),
                 "responsible": {"name": "Кузнецова Ольга Ивановна", "email": "kuznetsova@example.org"},
                 "members": [{"lastName": "Без", "firstName": "Согласия", "birthDate": "2011-03-01", "kind": "pupil", "grade": 3}]}
                """
            let response = try await send(client, .post, "/v1/applications", token: f.tokens.schoolA, json: body)
            let codes = Set(response.problem?.errors?.map(\.code) ?? [])
            #expect(codes.isSuperset(of: ["grade_out_of_range", "consent_missing"]))
        }
    }

    @Test func closedRegistrationIs409() async throws {
        let f = self.fixture
        try await f.app.test(.live) { client in
            let response = try await send(
                client, .post, "/v1/applications", token: f.tokens.schoolA, json: f.individual(event: f.closedEvent, lastName: "Поздняя"))
            #expect(response.status == .conflict)
            #expect(response.problem?.code == "registration_closed")
        }
    }

    @Test func malformedBodiesAreNever500() async throws {
        let f = self.fixture
        try await f.app.test(.live) { client in
            let missing = try await send(client, .post, "/v1/applications", token: f.tokens.schoolA, json: #"{"eventId": 1}"#)
            #expect(missing.status == .badRequest)
            #expect(missing.problem?.code == "invalid_body")
            let broken = try await send(client, .post, "/v1/applications", token: f.tokens.schoolA, json: #"{"eventId": "#)
            #expect(broken.status == .badRequest)
            #expect(broken.problem?.code == "malformed_json")
            let wrongKind = try await send(
                client, .post, "/v1/applications", token: f.tokens.schoolA,
                json: f.individual(lastName: "Странная").replacingOccurrences(of: "\"pupil\"", with: "\"alien\""))
            #expect(wrongKind.status == .badRequest)
            #expect(wrongKind.problem?.errors?.first?.field == "members[0].kind")
            let noType = try await client.execute(
                uri: "/v1/applications", method: .post, headers: [.authorization: "Bearer \(f.tokens.schoolA)"],
                body: ByteBuffer(string: f.individual())
            ) { $0 }
            #expect(noType.status == .unsupportedMediaType)
            let unknownEvent = try await send(client, .post, "/v1/applications", token: f.tokens.schoolA, json: f.individual(event: EventID(rawValue: 987654)))
            #expect(unknownEvent.status == .notFound)
            #expect(unknownEvent.problem?.errors?.first?.field == "eventId")
        }
    }

    /// One status per kind of mistake: a body of another shape (5.5 for an integer) is 400 `invalid_body`; a value of
    /// the right shape that a rule refuses (grade 99) is 422 `validation`; both name `members[0].grade`.
    @Test func aMistypedGradeIs400AndAnImpossibleGradeIs422() async throws {
        let f = self.fixture
        try await f.app.test(.router) { client in
            let fraction = f.individual(lastName: "Дробная").replacingOccurrences(of: "\"grade\": 8", with: "\"grade\": 5.5")
            let mistyped = try await send(client, .post, "/v1/applications", token: f.tokens.schoolA, json: fraction)
            #expect(mistyped.status == .badRequest)
            #expect(mistyped.problem?.code == "invalid_body")
            #expect(mistyped.problem?.errors?.map(\.field) == ["members[0].grade"])
            let impossible = try await send(client, .post, "/v1/applications", token: f.tokens.schoolA, json: f.individual(lastName: "Сотая", grade: 99))
            #expect(impossible.status == .unprocessableContent)
            #expect(impossible.problem?.code == "validation")
            #expect(impossible.problem?.errors?.map(\.field) == ["members[0].grade"])
        }
    }

    /// PostgreSQL refuses U+0000 in text: a NUL in a name is 422 naming the field (it was a 500), and nothing is stored.
    @Test func aNULInANameIs422NamingTheField() async throws {
        let f = self.fixture
        try await f.app.test(.router) { client in
            let response = try await send(client, .post, "/v1/applications", token: f.tokens.schoolA, json: f.individual(lastName: #"Нуль\u0000ева"#))
            #expect(response.status == .unprocessableContent)
            #expect(response.problem?.code == "validation")
            #expect(response.problem?.errors?.map(\.field) == ["members[0].lastName"])
            let team = f.individual(lastName: "Нулева").replacingOccurrences(of: "\"responsible\"", with: "\"teamName\": \"Нуль\\u0000\", \"responsible\"")
            let named = try await send(client, .post, "/v1/events/\(f.event.event.id.rawValue)/applications", token: f.tokens.schoolA, json: team)
            #expect(named.status == .unprocessableContent)
            #expect(named.problem?.errors?.map(\.field) == ["teamName"])
        }
    }

    @Test func rolesThatMayNotApply() async throws {
        let f = self.fixture
        try await f.app.test(.live) { client in
            let organiser = try await send(client, .post, "/v1/applications", token: f.tokens.organiser, json: f.individual(lastName: "Орг"))
            #expect(organiser.status == .forbidden)
            #expect(organiser.problem?.code == "forbidden")
            let forOthers = try await send(
                client, .post, "/v1/applications", token: f.tokens.schoolB, json: f.individual(organisation: f.schoolA, lastName: "Чужая"))
            #expect(forOthers.status == .forbidden)
            #expect(forOthers.problem?.errors?.first?.field == "organisationId")
            let anonymous = try await send(client, .post, "/v1/applications", json: f.individual(lastName: "Аноним"))
            #expect(anonymous.status == .unauthorized)
            let revoked = try await send(client, .post, "/v1/applications", token: f.tokens.revoked, json: f.individual(lastName: "Отозванная"))
            #expect(revoked.status == .unauthorized)
            #expect(revoked.problem?.code == "invalid_token")
            let admin = try await send(client, .post, "/v1/applications", token: f.tokens.admin, json: f.individual(lastName: "Админская"))
            #expect(admin.status == .created)
        }
    }

    @Test func whoSeesAnApplication() async throws {
        let f = self.fixture
        try await f.app.test(.live) { client in
            let created = try await send(client, .post, "/v1/applications", token: f.tokens.schoolA, json: f.individual(lastName: "Видимая"))
            let id = try #require(created.id)
            let path = "/v1/applications/\(id)"
            #expect(try await send(client, .get, path, token: f.tokens.schoolA).status == .ok)
            #expect(try await send(client, .get, path, token: f.tokens.organiser).status == .ok)
            #expect(try await send(client, .get, path, token: f.tokens.admin).status == .ok)
            // Another school and another organiser must not learn that it exists.
            let schoolB = try await send(client, .get, path, token: f.tokens.schoolB)
            #expect(schoolB.status == .notFound)
            #expect(schoolB.problem?.code == "not_found")
            #expect(try await send(client, .get, path, token: f.tokens.otherOrganiser).status == .notFound)
            #expect(
                try await send(client, .get, "/v1/applications/99999999", token: f.tokens.schoolB).problem?.detail
                    == schoolB.problem?.detail.replacingOccurrences(of: "\(id)", with: "99999999"))
            #expect(try await send(client, .get, path).status == .unauthorized)
            #expect(try await send(client, .get, path, token: f.tokens.revoked).status == .unauthorized)

            let listB = try await send(client, .get, "/v1/applications", token: f.tokens.schoolB)
            #expect(!listB.items.contains { int($0["id"]) == id })
            let listOther = try await send(client, .get, "/v1/applications", token: f.tokens.otherOrganiser)
            #expect(!listOther.items.contains { int($0["id"]) == id })
            let listAdmin = try await send(client, .get, "/v1/applications?organisationId=\(f.schoolA.rawValue)", token: f.tokens.admin)
            #expect(listAdmin.items.contains { int($0["id"]) == id })
            let othersList = try await send(client, .get, "/v1/applications?organisationId=\(f.schoolA.rawValue)", token: f.tokens.schoolB)
            #expect(othersList.status == .forbidden)
            let badQuery = try await send(client, .get, "/v1/applications?eventId=-3", token: f.tokens.schoolB)
            #expect(badQuery.status == .badRequest)
        }
    }

    @Test func editOwnApplication() async throws {
        let f = self.fixture
        try await f.app.test(.live) { client in
            let created = try await send(client, .post, "/v1/applications", token: f.tokens.schoolA, json: f.individual(lastName: "Правкина"))
            let id = try #require(created.id)
            let change = """
                {"responsible": {"name": "Смирнов Павел", "email": "smirnov@example.org"},
                 "members": [{"lastName": "Правкина", "firstName": "Мария", "patronymic": "Петровна", "birthDate": "2011-03-01",
                              "kind": "pupil", "grade": 8, "consent": true}]}
                """
            let edited = try await send(client, .put, "/v1/applications/\(id)", token: f.tokens.schoolA, json: change)
            #expect(edited.status == .ok)
            #expect((edited.object["responsible"] as? [String: Any])?["name"] as? String == "Смирнов Павел")
            #expect(int((edited.object["members"] as? [[String: Any]])?.first?["grade"]) == 8)
            // the grade on record is corrected explicitly (POST /v1/people/{id}/grade), never by an edit
            let regraded = try await send(
                client, .put, "/v1/applications/\(id)", token: f.tokens.schoolA,
                json: change.replacingOccurrences(of: "\"grade\": 8", with: "\"grade\": 9"))
            #expect(regraded.status == .conflict)
            #expect(regraded.problem?.code == "grade_conflict")

            #expect(try await send(client, .put, "/v1/applications/\(id)", token: f.tokens.schoolB, json: change).status == .notFound)
            #expect(try await send(client, .put, "/v1/applications/\(id)", token: f.tokens.organiser, json: change).status == .forbidden)
            let bad = try await send(
                client, .put, "/v1/applications/\(id)", token: f.tokens.schoolA, json: change.replacingOccurrences(of: "\"grade\": 8", with: "\"grade\": 2"))
            #expect(bad.status == .unprocessableContent)
            #expect(bad.problem?.code == "grade_out_of_range")
        }
    }

    @Test func withdrawOwnApplication() async throws {
        let f = self.fixture
        try await f.app.test(.live) { client in
            let created = try await send(client, .post, "/v1/applications", token: f.tokens.schoolA, json: f.individual(lastName: "Уходящая"))
            let id = try #require(created.id)
            #expect(try await send(client, .post, "/v1/applications/\(id)/withdraw", token: f.tokens.schoolB).status == .notFound)
            #expect(try await send(client, .post, "/v1/applications/\(id)/withdraw", token: f.tokens.organiser).status == .forbidden)
            let withdrawn = try await send(client, .post, "/v1/applications/\(id)/withdraw", token: f.tokens.schoolA, json: #"{"reason": "заболела"}"#)
            #expect(withdrawn.status == .ok)
            #expect(withdrawn.object["status"] as? String == "withdrawn")
            #expect(withdrawn.object["statusReason"] as? String == "заболела")
            // Withdrawing again is a state conflict, not a server error.
            let again = try await send(client, .post, "/v1/applications/\(id)/withdraw", token: f.tokens.schoolA)
            #expect(again.status == .conflict)
            #expect(again.problem?.code == "invalid_transition")
        }
    }

    @Test func teamApplication() async throws {
        let f = self.fixture
        try await f.app.test(.router) { client in
            let member = { (name: String) in
                #"{"lastName": "\#(name)", "firstName": "Анна", "birthDate": "2011-05-05", "kind": "pupil", "grade": 8, "consent": true}"#
            }
            let body = """
                {"eventId": \(f.teamEvent.rawValue), "organisationId": \(f.schoolB.rawValue), "teamName": "Звёздочки",
                 "responsible": {"name": "Орлова Нина", "phone": "+7 913 111-22-33"},
                 "members": [\(member("Зайцева")), \(member("Волкова"))]}
                """
            let created = try await send(client, .post, "/v1/applications", token: f.tokens.schoolB, json: body)
            #expect(created.status == .created)
            #expect(created.object["teamName"] as? String == "Звёздочки")
            let tooSmall = try await send(
                client, .post, "/v1/applications", token: f.tokens.schoolB,
                json: body.replacingOccurrences(of: ", \(member("Волкова"))", with: "").replacingOccurrences(of: "Звёздочки", with: "Одиночки"))
            #expect(tooSmall.status == .unprocessableContent)
            #expect(tooSmall.problem?.code == "team_too_small")
        }
    }
}

import Foundation
import Hummingbird
import HummingbirdTesting
import SchoolNetDomain
import Testing

/// The organiser's side, from applications to published results, and the public results page.
@Suite(.serialized) struct APIOrganiserTests {
    let fixture: APIFixture

    init() throws { self.fixture = try APIFixture.shared("api_organiser") }

    /// Applications by schools A and B to the main event: (A's, B's).
    private func twoApplications(_ client: some TestClientProtocol, _ names: (String, String)) async throws -> (Int64, Int64) {
        let f = self.fixture
        let a = try await send(client, .post, "/v1/applications", token: f.tokens.schoolA, json: f.individual(lastName: names.0))
        let b = try await send(client, .post, "/v1/applications", token: f.tokens.schoolB, json: f.individual(organisation: f.schoolB, lastName: names.1))
        return (try #require(a.id), try #require(b.id))
    }

    @Test func eventApplicationsForItsOrganiserOnly() async throws {
        let f = self.fixture
        try await f.app.test(.live) { client in
            let (a, b) = try await self.twoApplications(client, ("Листова", "Перова"))
            let path = "/v1/events/\(f.event.event.id.rawValue)/applications"
            let own = try await send(client, .get, path, token: f.tokens.organiser)
            #expect(own.status == .ok)
            let ids = Set(own.items.compactMap { int($0["id"]) })
            #expect(ids.isSuperset(of: [a, b]))
            #expect(try await send(client, .get, path, token: f.tokens.admin).items.count == own.items.count)
            let other = try await send(client, .get, path, token: f.tokens.otherOrganiser)
            #expect(other.status == .forbidden)
            #expect(other.problem?.code == "forbidden")
            #expect(try await send(client, .get, path, token: f.tokens.schoolA).status == .forbidden)
            #expect(try await send(client, .get, path).status == .unauthorized)
            #expect(try await send(client, .get, "/v1/events/999999/applications", token: f.tokens.organiser).status == .notFound)
        }
    }

    @Test func acceptAndReject() async throws {
        let f = self.fixture
        try await f.app.test(.live) { client in
            let (a, b) = try await self.twoApplications(client, ("Принятова", "Отказова"))
            // Another organiser may not even learn the application exists; a school may not review at all.
            #expect(try await send(client, .post, "/v1/applications/\(a)/accept", token: f.tokens.otherOrganiser).status == .notFound)
            #expect(try await send(client, .post, "/v1/applications/\(a)/accept", token: f.tokens.schoolA).status == .forbidden)
            let accepted = try await send(client, .post, "/v1/applications/\(a)/accept", token: f.tokens.organiser)
            #expect(accepted.status == .ok)
            #expect(accepted.object["status"] as? String == "accepted")

            let noReason = try await send(client, .post, "/v1/applications/\(b)/reject", token: f.tokens.organiser, json: "{}")
            #expect(noReason.status == .badRequest)
            #expect(noReason.problem?.errors?.first?.field == "reason")
            let blank = try await send(client, .post, "/v1/applications/\(b)/reject", token: f.tokens.organiser, json: #"{"reason": "  "}"#)
            #expect(blank.status == .unprocessableContent)
            #expect(blank.problem?.code == "rejection_reason_required")
            let rejected = try await send(client, .post, "/v1/applications/\(b)/reject", token: f.tokens.admin, json: #"{"reason": "работа не по теме"}"#)
            #expect(rejected.status == .ok)
            #expect(rejected.object["status"] as? String == "rejected")
            #expect(rejected.object["statusReason"] as? String == "работа не по теме")
            // The school sees why.
            let seen = try await send(client, .get, "/v1/applications/\(b)", token: f.tokens.schoolB)
            #expect(seen.object["statusReason"] as? String == "работа не по теме")
        }
    }

    @Test func closeAndReopenRegistration() async throws {
        let f = self.fixture
        try await f.app.test(.live) { client in
            let path = "/v1/events/\(f.teamEvent.rawValue)/registration"
            #expect(try await send(client, .post, "\(path)/close", token: f.tokens.otherOrganiser).status == .forbidden)
            #expect(try await send(client, .post, "\(path)/close", token: f.tokens.schoolA).status == .forbidden)
            let closed = try await send(client, .post, "\(path)/close", token: f.tokens.organiser)
            #expect(closed.status == .ok)
            #expect(bool(closed.object["isOpen"]) == false)
            #expect(closed.object["closedEarlyAt"] as? String == "2025-10-10T05:00:00Z")

            let member = #"{"lastName": "Рано", "firstName": "Анна", "birthDate": "2011-05-05", "kind": "pupil", "grade": 8, "consent": true}"#
            let body = """
                {"eventId": \(f.teamEvent.rawValue), "organisationId": \(f.schoolA.rawValue), "teamName": "Опоздавшие",
                 "responsible": {"name": "Орлова Нина", "email": "orlova@example.org"}, "members": [\(member), \(member.replacingOccurrences(of: "Рано", with: "Поздно"))]}
                """
            let refused = try await send(client, .post, "/v1/applications", token: f.tokens.schoolA, json: body)
            #expect(refused.status == .conflict)
            #expect(refused.problem?.code == "registration_closed_early")

            let opened = try await send(client, .post, "\(path)/open", token: f.tokens.admin)
            #expect(opened.status == .ok)
            #expect(bool(opened.object["isOpen"]) == true)
            #expect(try await send(client, .post, "/v1/applications", token: f.tokens.schoolA, json: body).status == .created)

            let ended = try await send(client, .post, "/v1/events/\(f.closedEvent.rawValue)/registration/open", token: f.tokens.organiser)
            #expect(ended.status == .conflict)
            #expect(ended.problem?.code == "registration_closed")
            #expect(try await send(client, .post, "/v1/events/999999/registration/open", token: f.tokens.organiser).status == .notFound)
        }
    }

    @Test func fromStagesToPublishedResults() async throws {
        let f = self.fixture
        let event = f.event.event.id.rawValue
        let qualifying = try #require(f.event.stages.first?.id.rawValue)
        let final = try #require(f.event.stages.last?.id.rawValue)
        let poetry = try #require(f.event.nominations.first?.id.rawValue)
        try await f.app.test(.live) { client in
            let (a, b) = try await self.twoApplications(client, ("Победова", "Стараева"))
            #expect(try await send(client, .post, "/v1/applications/\(a)/accept", token: f.tokens.organiser).status == .ok)
            // All or none: b is not accepted yet, so a does not move either.
            let both = #"{"targets": [{"applicationId": \#(a)}, {"applicationId": \#(b)}]}"#
            let refused = try await send(client, .post, "/v1/events/\(event)/stages/\(final)/advance", token: f.tokens.organiser, json: both)
            #expect(refused.status == .conflict)
            #expect(refused.problem?.code == "application_not_accepted")
            #expect(refused.problem?.errors?.map(\.field) == ["targets[1].status"])
            #expect(try await send(client, .post, "/v1/applications/\(b)/accept", token: f.tokens.organiser).status == .ok)

            let ambiguous = try await send(
                client, .post, "/v1/events/\(event)/stages/\(qualifying)/advance", token: f.tokens.organiser, json: #"{"targets": [{}]}"#)
            #expect(ambiguous.status == .badRequest)
            #expect(ambiguous.problem?.errors?.first?.field == "targets[0]")
            #expect(
                try await send(
                    client, .post, "/v1/events/\(event)/stages/\(final)/advance", token: f.tokens.otherOrganiser, json: both
                ).status == .forbidden)
            #expect(
                try await send(
                    client, .post, "/v1/events/\(event)/stages/999999/advance", token: f.tokens.organiser, json: both
                ).status == .notFound)

            // Registering put both into the first stage already.
            let first = try await send(client, .post, "/v1/events/\(event)/stages/\(qualifying)/advance", token: f.tokens.organiser, json: both)
            #expect(first.status == .ok)
            #expect((first.object["alreadyInStage"] as? [Any])?.count == 2)
            let second = try await send(client, .post, "/v1/events/\(event)/stages/\(final)/advance", token: f.tokens.organiser, json: both)
            #expect(second.status == .ok)
            #expect((second.object["advanced"] as? [Any])?.count == 2)
            #expect(int(second.object["capacity"]) == 10)

            // Results: one line, then a list with a bad row (all or nothing), then a good list.
            let one = try await send(
                client, .post, "/v1/events/\(event)/results", token: f.tokens.organiser,
                json: #"{"applicationId": \#(a), "nominationId": \#(poetry), "award": "winner"}"#)
            #expect(one.status == .ok)
            #expect(int(one.object["created"]) == 1)
            let badBulk = try await send(
                client, .post, "/v1/events/\(event)/results/bulk", token: f.tokens.organiser,
                json: #"{"rows": [{"applicationId": \#(b), "nominationId": \#(poetry), "award": "diploma_2"}, {"applicationId": \#(b), "award": "special"}]}"#)
            #expect(badBulk.status == .unprocessableContent)
            #expect(badBulk.problem?.code == "special_title_required")
            #expect(badBulk.problem?.errors?.first?.field.hasPrefix("rows[1]") == true)
            let bulk = try await send(
                client, .post, "/v1/events/\(event)/results/bulk", token: f.tokens.organiser,
                json:
                    #"{"rows": [{"applicationId": \#(b), "nominationId": \#(poetry), "award": "diploma_2"}, {"applicationId": \#(b), "award": "special", "title": "За артистизм"}]}"#
            )
            #expect(bulk.status == .ok)
            #expect(int(bulk.object["created"]) == 2)
            #expect(
                try await send(
                    client, .post, "/v1/events/\(event)/results", token: f.tokens.schoolA,
                    json: #"{"applicationId": \#(a), "award": "winner"}"#
                ).status == .forbidden)

            let draft = try await send(client, .get, "/v1/events/\(event)/results", token: f.tokens.organiser)
            #expect(draft.items.count == 3)
            #expect(try await send(client, .get, "/v1/events/\(event)/results", token: f.tokens.otherOrganiser).status == .forbidden)

            // Unpublished results are not there for the public, exactly like a missing event.
            let hidden = try await send(client, .get, "/v1/public/events/\(event)/results")
            #expect(hidden.status == .notFound)
            #expect(hidden.problem?.code == "not_found")
            #expect(try await send(client, .get, "/v1/public/events/999999/results").problem?.detail == "Событие №999999 не найдено")

            #expect(try await send(client, .post, "/v1/events/\(event)/results/publish", token: f.tokens.otherOrganiser).status == .forbidden)
            let published = try await send(client, .post, "/v1/events/\(event)/results/publish", token: f.tokens.organiser)
            #expect(published.status == .ok)
            #expect(published.object["publishedAt"] as? String == "2025-10-10T05:00:00Z")

            let late = try await send(
                client, .post, "/v1/events/\(event)/results", token: f.tokens.organiser, json: #"{"applicationId": \#(a), "award": "certificate"}"#)
            #expect(late.status == .conflict)
            #expect(late.problem?.code == "results_published")
            let noReason = try await send(
                client, .post, "/v1/events/\(event)/results/corrections", token: f.tokens.organiser,
                json: #"{"rows": [{"applicationId": \#(a), "nominationId": \#(poetry), "award": "absolute_winner"}], "reason": " "}"#)
            #expect(noReason.problem?.code == "correction_reason_required")
            let corrected = try await send(
                client, .post, "/v1/events/\(event)/results/corrections", token: f.tokens.organiser,
                json: #"{"rows": [{"applicationId": \#(a), "nominationId": \#(poetry), "award": "absolute_winner"}], "reason": "опечатка в протоколе"}"#)
            #expect(corrected.status == .ok)
            #expect(int(corrected.object["changed"]) == 1)

            // Anyone may read published results: names, organisations, awards; nothing else about the children.
            let page = try await send(client, .get, "/v1/public/events/\(event)/results", headers: [.authorization: "Bearer garbage"])
            #expect(page.status == .ok)
            let lines = try #require(page.object["results"] as? [[String: Any]])
            #expect(lines.count == 3)
            let names = lines.flatMap { $0["names"] as? [String] ?? [] }
            #expect(names.contains("Победова Мария"))
            #expect(names.contains("Стараева Мария"))
            #expect(lines.contains { ($0["award"] as? [String: Any])?["code"] as? String == "absolute_winner" && $0["organisation"] as? String == "СОШ №50" })
            #expect(lines.contains { ($0["award"] as? [String: Any])?["title"] as? String == "За артистизм" })
            let text = page.text
            for leak in ["2011", "birth", "example.org", "+7 913", "Кузнецова", "Петровна", "email", "phone"] {
                #expect(!text.contains(leak), "public results contain \(leak)")
            }
            for line in lines {
                #expect(Set(line.keys).isSubset(of: ["nomination", "award", "teamName", "names", "organisation"]))
            }
        }
    }

    @Test func participantsExportIsExcelReadyCSV() async throws {
        let f = self.fixture
        let event = f.event.event.id.rawValue
        try await f.app.test(.live) { client in
            _ = try await self.twoApplications(client, ("Ёлкина", "Щукина"))
            let path = "/v1/events/\(event)/participants.csv"
            let response = try await send(client, .get, path, token: f.tokens.organiser)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/csv; charset=utf-8; header=present")
            #expect(response.headers[.contentDisposition] == "attachment; filename=\"participants-\(event).csv\"")
            let bytes = Array(response.body.readableBytesView)
            #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
            let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
            let lines = text.components(separatedBy: "\r\n")
            #expect(lines.first == "Заявка;Статус;Организация;Команда;Номинация;ФИО;Роль;Класс;Этап;Награды")
            #expect(text.contains("Ёлкина Мария Петровна"))
            #expect(text.contains("СОШ №60"))
            #expect(text.contains("Щукина Мария Петровна"))
            for leak in ["2011-03-01", "example.org", "+7 913"] {
                #expect(!text.contains(leak), "export contains \(leak)")
            }

            #expect(try await send(client, .get, path, token: f.tokens.admin).status == .ok)
            #expect(try await send(client, .get, path, token: f.tokens.otherOrganiser).status == .forbidden)
            #expect(try await send(client, .get, path, token: f.tokens.schoolA).status == .forbidden)
            #expect(try await send(client, .get, path, token: f.tokens.revoked).status == .unauthorized)
            #expect(try await send(client, .get, "/v1/events/999999/participants.csv", token: f.tokens.organiser).status == .notFound)
        }
    }
}

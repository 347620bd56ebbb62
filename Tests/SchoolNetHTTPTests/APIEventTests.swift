import Foundation
import Hummingbird
import HummingbirdTesting
import SchoolNetDomain
import Testing

/// `GET /v1/events` and `GET /v1/events/{eventID}` against a real database.
@Suite struct APIEventTests {
    let fixture: APIFixture

    init() throws { self.fixture = try APIFixture.shared("api_events") }

    @Test func openEventsWithTheirRules() async throws {
        let f = self.fixture
        try await f.app.test(.router) { client in
            let response = try await send(client, .get, "/v1/events", token: f.tokens.schoolA)
            #expect(response.status == .ok)
            let ids = Set(response.items.compactMap { int($0["id"]) })
            #expect(ids == [f.event.event.id, f.teamEvent, f.teachersEvent, f.otherEvent].reduce(into: Set<Int64>()) { $0.insert($1.rawValue) })
            let event = try #require(response.items.first { int($0["id"]) == f.event.event.id.rawValue })
            #expect(event["title"] as? String == "Дни юности мятежной")
            #expect(event["schoolYear"] as? String == "2025-2026")
            let eligibility = try #require(event["eligibility"] as? [String: Any])
            #expect(int(eligibility["gradeMin"]) == 5)
            #expect(int(eligibility["gradeMax"]) == 11)
            let registration = try #require(event["registration"] as? [String: Any])
            #expect(registration["closesOn"] as? String == "2025-11-01")
            #expect(registration["deadline"] as? String == "2025-11-01T17:00:00Z")
            #expect(bool(registration["isOpen"]) == true)
            #expect(event["stages"] == nil)
        }
    }

    @Test func filtersByModuleAudienceAndSchoolYear() async throws {
        let f = self.fixture
        try await f.app.test(.router) { client in
            func ids(_ query: String) async throws -> Set<Int64> {
                let response = try await send(client, .get, "/v1/events?\(query)", token: f.tokens.organiser)
                #expect(response.status == .ok, "\(query)")
                return Set(response.items.compactMap { int($0["id"]) })
            }
            let byModule = try await ids("module=\(f.teachersModule.rawValue)")
            #expect(byModule == [f.teachersEvent.rawValue])
            let teachers = try await ids("audience=teachers")
            #expect(teachers == [f.teachersEvent.rawValue])
            let pupils = try await ids("audience=pupils")
            #expect(pupils.contains(f.teamEvent.rawValue))
            #expect(!pupils.contains(f.teachersEvent.rawValue))
            let byLabel = try await ids("schoolYear=2025-2026")
            #expect(byLabel.count == 4)
            let byStart = try await ids("schoolYear=2025")
            #expect(byStart.count == 4)
            let lastYear = try await ids("schoolYear=2024-2025")
            #expect(lastYear.isEmpty)
        }
    }

    @Test func badFiltersAre400NamingEachParameter() async throws {
        let f = self.fixture
        try await f.app.test(.live) { client in
            let response = try await send(client, .get, "/v1/events?module=x&audience=parents&schoolYear=2025-2027", token: f.tokens.schoolA)
            #expect(response.status == .badRequest)
            let problem = try #require(response.problem)
            #expect(problem.code == "invalid_query")
            #expect(problem.errors?.map(\.field) == ["module", "audience", "schoolYear"])
        }
    }

    @Test func oneEventWithStagesAndNominations() async throws {
        let f = self.fixture
        try await f.app.test(.router) { client in
            let response = try await send(client, .get, "/v1/events/\(f.event.event.id.rawValue)", token: f.tokens.schoolB)
            #expect(response.status == .ok)
            let stages = try #require(response.object["stages"] as? [[String: Any]])
            #expect(stages.map { $0["title"] as? String } == ["Отборочный", "Финал"])
            #expect(int(stages.last?["capacity"]) == 10)
            let nominations = try #require(response.object["nominations"] as? [[String: Any]])
            #expect(nominations.map { $0["title"] as? String } == ["Поэзия"])
            #expect(response.object["timeZone"] as? String == "Asia/Tomsk")

            // Closed events are still readable one by one.
            let closed = try await send(client, .get, "/v1/events/\(f.closedEvent.rawValue)", token: f.tokens.schoolB)
            #expect(closed.status == .ok)
            #expect(bool((closed.object["registration"] as? [String: Any])?["isOpen"]) == false)
        }
    }

    @Test func unknownEventIs404InRussianOrEnglish() async throws {
        let f = self.fixture
        try await f.app.test(.live) { client in
            let ru = try await send(client, .get, "/v1/events/999999", token: f.tokens.schoolA)
            #expect(ru.status == .notFound)
            #expect(ru.problem?.code == "not_found")
            #expect(ru.problem?.detail == "Событие №999999 не найдено")
            let en = try await send(client, .get, "/v1/events/999999", token: f.tokens.schoolA, headers: [.acceptLanguage: "en"])
            #expect(en.problem?.detail == "Event 999999 not found")
            #expect(en.headers[.contentLanguage] == "en")
            let garbage = try await send(client, .get, "/v1/events/abc", token: f.tokens.schoolA)
            #expect(garbage.status == .notFound)
        }
    }

    @Test func eventsNeedAValidToken() async throws {
        let f = self.fixture
        try await f.app.test(.live) { client in
            let none = try await send(client, .get, "/v1/events")
            #expect(none.status == .unauthorized)
            #expect(none.problem?.code == "unauthenticated")
            let revoked = try await send(client, .get, "/v1/events", token: f.tokens.revoked)
            #expect(revoked.status == .unauthorized)
            #expect(revoked.problem?.code == "invalid_token")
            let forged = try await send(client, .get, "/v1/events", token: "sn_" + String(repeating: "A", count: 43))
            #expect(forged.status == .unauthorized)
            #expect(forged.problem?.code == "invalid_token")
        }
    }

    @Test func readinessAsksTheDatabase() async throws {
        let f = self.fixture
        try await f.app.test(.router) { client in
            let response = try await send(client, .get, "/readyz")
            #expect(response.status == .ok)
        }
    }
}

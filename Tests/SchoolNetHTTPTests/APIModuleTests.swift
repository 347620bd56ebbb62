import Foundation
import Hummingbird
import HummingbirdTesting
import PQ
import SchoolNetDomain
import SchoolNetStore
import Testing

/// `/v1/modules` (issue 11, item 17): any token lists the programme's modules; only the regional centre creates one,
/// and events may then name it.
@Suite(.serialized) struct APIModuleTests {
    let fixture: APIFixture

    init() throws { self.fixture = try APIFixture.shared("api_modules") }

    @Test func anyTokenListsTheRegionalCentreCreates() async throws {
        let f = self.fixture
        try await f.app.test(.live) { client in
            let listed = try await send(client, .get, "/v1/modules", token: f.tokens.schoolA)
            #expect(listed.status == .ok, "\(listed.text)")
            #expect(listed.items.compactMap { $0["name"] as? String }.contains("Литературное творчество"))
            #expect(try await send(client, .get, "/v1/modules").status == .unauthorized)

            let body = #"{"name": "Тайны науки", "audience": "pupils"}"#
            for token in [f.tokens.schoolA, f.tokens.organiser] {
                let refused = try await send(client, .post, "/v1/modules", token: token, json: body)
                #expect(refused.status == .forbidden, "\(refused.text)")
            }
            let created = try await send(client, .post, "/v1/modules", token: f.tokens.admin, json: body)
            #expect(created.status == .created, "\(created.text)")
            #expect(created.object["name"] as? String == "Тайны науки")
            #expect(created.object["audience"] as? String == "pupils")
            let id = try #require(created.id)

            // the same name in another case is the same module: refused, naming the one there is
            let again = try await send(client, .post, "/v1/modules", token: f.tokens.admin, json: #"{"name": "ТАЙНЫ  НАУКИ", "audience": "teachers"}"#)
            #expect(again.status == .unprocessableContent, "\(again.text)")
            #expect(again.problem?.code == "validation")
            #expect(again.problem?.errors?.first?.field == "name")
            #expect(again.problem?.detail.contains("№\(id)") == true, "\(again.text)")

            let badAudience = try await send(client, .post, "/v1/modules", token: f.tokens.admin, json: #"{"name": "Истоки", "audience": "parents"}"#)
            #expect(badAudience.status == .badRequest, "\(badAudience.text)")
            #expect(badAudience.problem?.errors?.first?.field == "audience")

            let after = try await send(client, .get, "/v1/modules", token: f.tokens.organiser)
            #expect(after.items.compactMap { int($0["id"]) }.contains(id))
        }
    }
}

/// Issue 11, item 14: the API took a pupil born in the future (the import refused one); now both use `BirthDateBounds`.
@Suite(.serialized) struct APIBirthDateTests {
    let fixture: APIFixture

    init() throws { self.fixture = try APIFixture.shared("api_birth_dates") }

    @Test(arguments: ["2026-03-01", "2025-10-10", "1899-12-31"])
    func anImplausibleBirthDateIsRefusedNamingTheFieldNotTheDate(born: String) async throws {
        let f = self.fixture
        let before = try f.count("SELECT count(*) FROM application")
        try await f.app.test(.live) { client in
            let refused = try await send(
                client, .post, "/v1/applications", token: f.tokens.schoolA,
                json: f.individual(lastName: "Будущева", birthDate: born), headers: [.acceptLanguage: "en"])
            #expect(refused.status == .unprocessableContent, "\(refused.text)")
            #expect(refused.problem?.code == "validation")
            #expect(refused.problem?.errors?.map(\.field) == ["members[0].birthDate"], "\(refused.text)")
            #expect(!refused.text.contains(born))
        }
        #expect(try f.count("SELECT count(*) FROM application") == before)
    }
}

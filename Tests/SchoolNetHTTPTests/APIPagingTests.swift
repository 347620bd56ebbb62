import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The application lists page by `limit` and `cursor`: every application exactly once, in id order, even when one
/// arrives between two pages; a school still sees only its own.
@Suite(.serialized) struct APIPagingTests {
    let fixture: APIFixture

    init() throws { self.fixture = try APIFixture.shared("api_paging") }

    /// A distinct Cyrillic surname per number, as names with digits are not names.
    private static func surname(_ n: Int) -> String {
        let letters = Array("абвгдежзиклмнопрстуфхцчшэюя")
        return "Стр" + String(letters[n / letters.count % letters.count]) + String(letters[n % letters.count]) + "ова"
    }

    /// 150 applications by school A and 100 by school B to the main event, once per suite; their ids.
    private func applications(_ client: some TestClientProtocol) async throws -> (a: [Int64], b: [Int64]) {
        let f = self.fixture
        let path = "/v1/events/\(f.event.event.id.rawValue)/applications?limit=500"
        let existing = try await send(client, .get, path, token: f.tokens.admin).items
        if existing.count >= 250 {
            let ids = { (org: Int64) in existing.filter { int($0["organisationId"]) == org }.compactMap { int($0["id"]) } }
            return (ids(f.schoolA.rawValue), ids(f.schoolB.rawValue))
        }
        var a: [Int64] = [], b: [Int64] = []
        for n in 0..<250 {
            let organisation = n < 150 ? f.schoolA : f.schoolB
            let created = try await send(
                client, .post, "/v1/applications", token: n < 150 ? f.tokens.schoolA : f.tokens.schoolB,
                json: f.individual(organisation: organisation, lastName: Self.surname(n)))
            #expect(created.status == .created, "\(created.text)")
            let id = try #require(created.id)
            if n < 150 { a.append(id) } else { b.append(id) }
        }
        return (a, b)
    }

    /// Follows `nextCursor` from `path` to the end; the page sizes and the ids in order. `between` runs after the first page.
    private func walk(
        _ client: some TestClientProtocol, _ path: String, token: String, between: () async throws -> Void = {}
    ) async throws -> (sizes: [Int], ids: [Int64]) {
        var sizes: [Int] = [], ids: [Int64] = []
        var cursor: String?
        repeat {
            let separator = path.contains("?") ? "&" : "?"
            let page = try await send(client, .get, path + (cursor.map { "\(separator)cursor=\($0)" } ?? ""), token: token)
            try #require(page.status == .ok, "\(page.text)")
            sizes.append(page.items.count)
            ids += page.items.compactMap { int($0["id"]) }
            cursor = page.object["nextCursor"] as? String
            #expect(cursor != nil || page.object["nextCursor"] is NSNull, "nextCursor is always present")
            if sizes.count == 1 { try await between() }
        } while cursor != nil && sizes.count < 20
        return (sizes, ids)
    }

    @Test func organiserPagesAnEventsApplications() async throws {
        let f = self.fixture
        try await f.app.test(.live) { client in
            let (a, b) = try await self.applications(client)
            let all = (a + b).sorted()
            let path = "/v1/events/\(f.event.event.id.rawValue)/applications?limit=100"
            let plain = try await self.walk(client, path, token: f.tokens.organiser)
            #expect(plain.sizes == [100, 100, 50])
            #expect(plain.ids == all)

            // The default page is 100 too.
            let first = try await send(client, .get, "/v1/events/\(f.event.event.id.rawValue)/applications", token: f.tokens.organiser)
            #expect(first.items.count == 100)

            // A school applies while the organiser is between pages 1 and 2: nothing skipped, nothing twice, the
            // newcomer on the last page.
            var newcomer: Int64?
            let busy = try await self.walk(client, path, token: f.tokens.organiser) {
                let created = try await send(
                    client, .post, "/v1/applications", token: f.tokens.schoolB,
                    json: f.individual(organisation: f.schoolB, lastName: "Опоздалова"))
                #expect(created.status == .created)
                newcomer = created.id
            }
            let late = try #require(newcomer)
            #expect(busy.sizes == [100, 100, 51])
            #expect(busy.ids == all + [late])
            #expect(Set(busy.ids).count == busy.ids.count)
        }
    }

    @Test func schoolPagesOnlyItsOwn() async throws {
        let f = self.fixture
        try await f.app.test(.live) { client in
            let (a, _) = try await self.applications(client)
            let walked = try await self.walk(client, "/v1/applications?limit=100", token: f.tokens.schoolA)
            #expect(walked.sizes == [100, 50])
            #expect(walked.ids == a.sorted())

            // The admin pages everything the same way, here by 120.
            let admin = try await self.walk(client, "/v1/applications?eventId=\(f.event.event.id.rawValue)&limit=120", token: f.tokens.admin)
            #expect(admin.ids == admin.ids.sorted())
            #expect(Set(admin.ids).count == admin.ids.count)
            #expect(admin.sizes.dropLast().allSatisfy { $0 == 120 })
        }
    }

    @Test func badLimitOrCursorIsNamed() async throws {
        let f = self.fixture
        try await f.app.test(.live) { client in
            for path in ["/v1/applications", "/v1/events/\(f.event.event.id.rawValue)/applications"] {
                for limit in ["0", "501", "-1", "abc", ""] {
                    let bad = try await send(client, .get, "\(path)?limit=\(limit)", token: f.tokens.organiser)
                    #expect(bad.status == .badRequest, "limit=\(limit)")
                    #expect(bad.problem?.code == "invalid_query")
                    #expect(bad.problem?.errors?.map(\.field) == ["limit"])
                }
                for cursor in ["garbage", "YTow", "MTIz", String(repeating: "A", count: 65)] {
                    let bad = try await send(client, .get, "\(path)?cursor=\(cursor)", token: f.tokens.organiser)
                    #expect(bad.status == .badRequest, "cursor=\(cursor)")
                    #expect(bad.problem?.errors?.map(\.field) == ["cursor"])
                }
                #expect(try await send(client, .get, "\(path)?limit=500", token: f.tokens.organiser).status == .ok)
            }
        }
    }
}

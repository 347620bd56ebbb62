import Hummingbird
import HummingbirdTesting
import Logging
import PQ
import SchoolNetHTTP
import SchoolNetService
import Testing

/// With the database unreachable, token lookups and readiness answer 503 (retry later), never 500 or 401.
@Suite struct APIDatabaseDownTests {
    @Test func unreachableDatabaseIs503() async throws {
        var config = PQConfiguration("postgresql://nobody@127.0.0.1:1/none")
        config.connectTimeout = 2
        let pool = PQPool(configuration: config, size: 1, acquireTimeout: .seconds(5))
        let dependencies = AppDependencies.live(pool: pool)
        let app = buildApplication(HTTPConfig(port: 0), dependencies: dependencies, logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
        try await app.test(.live) { client in
            let events = try await send(client, .get, "/v1/events", token: "sn_whatever")
            #expect(events.status == .serviceUnavailable)
            #expect(events.problem?.code == "database_unavailable")
            #expect(events.headers[.retryAfter] == "5")
            let page = try await send(client, .get, "/v1/public/events/1/results", headers: [.acceptLanguage: "en"])
            #expect(page.status == .serviceUnavailable)
            #expect(page.problem?.detail == "The database is temporarily unavailable; please retry later.")
            #expect(try await send(client, .get, "/readyz").status == .serviceUnavailable)
        }
        await pool.shutdown()
    }
}

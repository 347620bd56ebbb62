import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import PQ
import SchoolNetHTTP
import ServiceLifecycle
import Testing

/// SIGTERM during a request: the server stops taking connections, finishes what it started, then stops. Run as
/// `schoolnet serve` runs it, in a ServiceGroup, with the shutdown triggered as the signal would.
@Suite struct GracefulShutdownTests {
    let fixture: APIFixture

    init() throws { self.fixture = try APIFixture.shared("api_shutdown") }

    @Test func inFlightRequestFinishesAndNewOnesAreRefused() async throws {
        let f = self.fixture
        let (ports, listening) = AsyncStream.makeStream(of: Int.self)
        let app = buildApplication(
            HTTPConfig(port: 0), dependencies: f.dependencies,
            logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }),
            extraRoutes: { _ in }, onListening: { listening.yield($0) })
        let group = ServiceGroup(configuration: .init(services: [app], logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })))

        // A registration takes the event's row lock; holding it here keeps the request in flight for as long as we like.
        let blocker = try PQConnection(f.config)
        try blocker.execute("BEGIN")
        try blocker.execute("SELECT id FROM event WHERE id = $1 FOR UPDATE", [f.event.event.id.rawValue])

        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            do {
                try await self.shutDownDuringARequest(group, ports: ports, blocker: blocker)
            } catch {
                // Never leave the server waiting on our lock: the group would wait for that request forever.
                _ = try? blocker.execute("ROLLBACK")
                await group.triggerGracefulShutdown()
                throw error
            }
            // The group ends by itself once the in-flight request is answered.
            try await tasks.waitForAll()
        }
    }

    private func shutDownDuringARequest(_ group: ServiceGroup, ports: AsyncStream<Int>, blocker: PQConnection) async throws {
        let f = self.fixture
        var iterator = ports.makeAsyncIterator()
        let port = try #require(await iterator.next())

        let client = TestClient(host: "localhost", port: port)
        client.connect()
        let headers: HTTPFields = [.authorization: "Bearer \(f.tokens.schoolA)", .contentType: "application/json", .connection: "keep-alive"]
        let slow = Task {
            try await client.execute(
                TestClient.Request(
                    "/v1/applications", method: .post, authority: "localhost", headers: headers,
                    body: ByteBuffer(string: f.individual(lastName: "Незавершённова"))))
        }
        try await Self.waitUntilBlocked(on: blocker)

        await group.triggerGracefulShutdown()
        // Once shutdown has begun the listener goes away: a new connection is refused while the old request is
        // still waiting. (The listener closes asynchronously, so try until it is gone.)
        var refused = false
        for _ in 0..<200 where !refused {
            refused = await Self.isRefused(port: port)
            if !refused { try await Task.sleep(for: .milliseconds(10)) }
        }
        #expect(refused, "a new connection was still served after shutdown began")
        let pending: Int64 = try blocker.query("SELECT count(*) FROM application")[0].decode(0)
        #expect(pending == 0, "the registration finished before the lock was released")

        try blocker.execute("COMMIT")
        let answer = try await slow.value
        try? await client.shutdown()
        #expect(answer.status == .created)
        let body = try #require(answer.body)
        let object = try JSONSerialization.jsonObject(with: Data(buffer: body)) as? [String: Any]
        #expect(int(object?["id"]) != nil)
        #expect(object?["status"] as? String == "submitted")
        #expect(try f.count("SELECT count(*) FROM application") == 1)
    }

    /// Waits until another session waits for a lock `conn` holds (the request reached the locked row). pg_locks, not
    /// pg_stat_activity: the latter hides other roles' wait events from a role without pg_read_all_stats.
    private static func waitUntilBlocked(on conn: PQConnection) async throws {
        for _ in 0..<1000 {
            let waiting: Int64 = try conn.query(
                """
                SELECT count(*) FROM pg_locks WHERE NOT granted AND pg_backend_pid() = ANY(pg_blocking_pids(pid))
                """)[0].decode(0)
            if waiting > 0 { return }
            try await Task.sleep(for: .milliseconds(10))
        }
        Issue.record("the registration never waited for the event's lock")
    }

    /// True when a fresh connection to `port` cannot get an answer.
    private static func isRefused(port: Int) async -> Bool {
        do {
            let response = try await TestClient.withClient(host: "localhost", port: port, configuration: .init(timeout: .seconds(5))) { client in
                try await client.execute(TestClient.Request("/healthz", method: .get, authority: "localhost"))
            }
            return response.status != .ok
        } catch {
            return true
        }
    }
}

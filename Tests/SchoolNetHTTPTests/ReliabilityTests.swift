import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import PQ
import SchoolNetHTTP
import SchoolNetTestSupport
import Testing

private let quiet = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })

/// A server whose database stops answering, is slow, full or read-only keeps answering what it can, and
/// says "retry later" (503 + Retry-After, a stable code) for the rest, within bounded time.
@Suite struct ReliabilityTests {
    /// The test cluster's port, from SCHOOLNET_TEST_DATABASE_URL.
    static func upstreamPort() throws -> Int {
        try #require(URLComponents(string: try TestDatabase.url())?.port)
    }

    /// Runs the application on a free port until `body` returns.
    static func serve(
        _ config: HTTPConfig, _ dependencies: AppDependencies, logger: Logger = quiet, testRoutes: Bool = false,
        _ body: (Int) async throws -> Void
    ) async throws {
        var config = config
        config.port = 0
        let (ports, listening) = AsyncStream.makeStream(of: Int.self)
        let app = buildApplication(
            config, dependencies: dependencies, logger: logger,
            extraRoutes: { if testRoutes { registerTestRoutes($0, dependencies: dependencies) } },
            onListening: { listening.yield($0) })
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.runService() }
            var iterator = ports.makeAsyncIterator()
            let port = try #require(await iterator.next())
            do {
                try await body(port)
            } catch {
                group.cancelAll()
                throw error
            }
            group.cancelAll()
        }
    }

    // MARK: 6. A frozen database does not freeze the server

    @Test func frozenDatabaseLeavesHealthzAnsweringAndReadyzSays503() async throws {
        let proxy = try FreezableProxy(upstreamPort: try Self.upstreamPort())
        var config = try TestDatabase.configuration()
        config.options["host"] = "127.0.0.1"
        config.options["port"] = String(proxy.port)
        let pool = PQPool(configuration: config, size: 2, acquireTimeout: .seconds(30))
        var http = HTTPConfig()
        http.readinessTimeout = .seconds(1)
        try await Self.serve(http, .live(pool: pool)) { port in
            #expect(await RawTCP.get(port: port, "/readyz") == 200)
            proxy.freeze()
            // Two probes and everything after them, while the database answers nothing; each read has a
            // 30 s hang guard, the database stays frozen until all have been answered.
            async let first = RawTCP.get(port: port, "/readyz")
            async let second = RawTCP.get(port: port, "/readyz")
            let (a, b) = await (first, second)
            #expect(a == 503)
            #expect(b == 503)
            #expect(await RawTCP.get(port: port, "/healthz") == 200)
            #expect(await RawTCP.get(port: port, "/readyz") == 503)
            #expect(await RawTCP.get(port: port, "/healthz") == 200)
            proxy.thaw()
        }
        proxy.thaw()
        await pool.shutdown()
        proxy.stop()
    }

    @Test func connectionsGetTCPKeepalivesUnlessTheURLSaysOtherwise() throws {
        let pool = try PQConnection(try TestDatabase.configuration())
        #expect(pool.connectionOption("keepalives") == "1")
        #expect(pool.connectionOption("tcp_user_timeout") == "60000")
        #expect(pool.connectionOption("keepalives_idle") == "30")
        var config = try TestDatabase.configuration()
        config.conninfo += "?keepalives_idle=7&tcp_user_timeout=5000"
        let own = try PQConnection(config)
        #expect(own.connectionOption("keepalives_idle") == "7")
        #expect(own.connectionOption("tcp_user_timeout") == "5000")
        #expect(own.connectionOption("keepalives_count") == "3")
    }

    // MARK: 9. Full, read-only, shutting down: 503 with Retry-After, and /readyz says so

    @Test func readOnlyDatabaseIs503AndReadyzReportsIt() async throws {
        let f = try APIFixture.shared("api_reliability")
        var config = f.config
        config.options["options"] = "-c default_transaction_read_only=on"
        let pool = PQPool(configuration: config, size: 2)
        let dependencies = AppDependencies.live(pool: pool, time: f.time)
        let app = buildApplication(HTTPConfig(port: 0), dependencies: dependencies, logger: quiet)
        try await app.test(.live) { client in
            let registered = try await send(client, .post, "/v1/applications", token: f.tokens.schoolA, json: f.individual(lastName: "Readonlyeva"))
            #expect(registered.status == .serviceUnavailable)
            #expect(registered.problem?.code == "database_read_only")
            #expect(registered.headers[.retryAfter] != nil)
            let ready = try await send(client, .get, "/readyz")
            #expect(ready.status == .serviceUnavailable)
            #expect(ready.problem?.code == "database_read_only")
            #expect(ready.headers[.retryAfter] != nil)
        }
        await pool.shutdown()
    }

    @Test func serverUnavailableStatesMapTo503WithRetryAfter() {
        for (state, code) in [
            ("53100", "database_disk_full"), ("53200", "database_out_of_resources"), ("25006", "database_read_only"),
            ("57P01", "database_unavailable"), ("57P03", "database_unavailable"), ("55P03", "database_busy"), ("57014", "database_busy")
        ] {
            let sqlState = SQLState(state)
            let error = PQError(kind: PQError.kind(for: sqlState), sqlState: sqlState, message: "x")
            #expect(error.isServerUnavailable == (state.hasPrefix("53") || state == "25006" || state.hasPrefix("57P")), "\(state)")
            let problem = Problem.databaseUnavailable(error)
            #expect(problem?.status == .serviceUnavailable, "\(state)")
            #expect(problem?.code == code, "\(state)")
            #expect(problem?.headers[.retryAfter] != nil, "\(state)")
        }
        #expect(Problem.databaseUnavailable(PQError(kind: .uniqueViolation, sqlState: .uniqueViolation, message: "x")) == nil)
    }

    @Test func readyzReportsADiskFullSeenByARequest() async throws {
        let f = try APIFixture.shared("api_reliability")
        let pool = PQPool(configuration: f.config, size: 2)
        // What a write meets when the disk is full, raised by the server as it would be.
        await #expect(throws: PQError.self) {
            try await pool.withConnection { conn in
                try conn.executeScript("DO $$ BEGIN RAISE EXCEPTION 'could not extend file' USING ERRCODE = 'disk_full'; END $$")
            }
        }
        let app = buildApplication(HTTPConfig(port: 0), dependencies: .live(pool: pool, time: f.time), logger: quiet)
        try await app.test(.live) { client in
            let ready = try await send(client, .get, "/readyz")
            #expect(ready.status == .serviceUnavailable)
            #expect(ready.problem?.code == "database_disk_full")
        }
        await pool.shutdown()
    }

    // MARK: 7. Bounded waits: a held event lock gives a clear 503, other routes keep working

    @Test func heldEventLockGivesRegistration503WhilePublicAndAuthWork() async throws {
        let f = try APIFixture.shared("api_reliability")
        // One connection for the API, one of its own for token lookups (as `serve` wires it).
        // Three connections for the API, one of its own for token lookups (as `serve` wires it).
        let pool = PQPool(configuration: f.config, size: 3, acquireTimeout: .seconds(1))
        let authPool = PQPool(configuration: f.config, size: 1, acquireTimeout: .seconds(1))
        let dependencies = AppDependencies.live(pool: pool, authPool: authPool, time: f.time)
        let blocker = try PQConnection(f.config)
        try blocker.execute("BEGIN")
        try blocker.execute("SELECT id FROM event WHERE id = $1 FOR UPDATE", [f.event.event.id.rawValue])
        let event = f.event.event.id.rawValue
        try await Self.serve(HTTPConfig(), dependencies) { port in
            @Sendable func register(_ lastName: String) -> Task<String?, Never> {
                let body = f.individual(lastName: lastName)
                return Task {
                    await RawTCP.onThread { () -> String? in
                        guard let fd = RawTCP.connect(port: port, timeout: 60) else { return nil }
                        defer { close(fd) }
                        RawTCP.send(
                            fd,
                            "POST /v1/applications HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nAuthorization: Bearer \(f.tokens.schoolA)\r\n"
                                + "Content-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)")
                        guard case .data(let text) = RawTCP.read(fd) else { return nil }
                        return text
                    }
                }
            }
            let first = register("Zablokirovannaya")
            let second = register("Zablokirovannaya-Vtoraya")
            try await Self.waitUntilBlocked(on: blocker, count: 2)
            // Two registrations wait on the lock: the public results page (unpublished: 404, read from the
            // database), token-authenticated reads and bad tokens are still answered.
            #expect(await RawTCP.get(port: port, "/v1/public/events/\(event)/results") == 404)
            #expect(await RawTCP.get(port: port, "/v1/events", headers: "Authorization: Bearer \(f.tokens.schoolA)\r\n") == 200)
            #expect(await RawTCP.get(port: port, "/v1/events", headers: "Authorization: Bearer sn_not_a_real_token\r\n") == 401)
            let answers = await [first.value, second.value]
            let stillHeld: Int64 = try blocker.query("SELECT count(*) FROM pg_locks WHERE pid = pg_backend_pid() AND locktype = 'transactionid'")[0].decode(0)
            try blocker.execute("ROLLBACK")
            #expect(stillHeld > 0, "the lock was released before the registrations answered")
            for answer in answers {
                let text = try #require(answer, "a registration never answered while the lock was held")
                #expect(RawTCP.status(of: text) == 503)
                #expect(text.contains("database_busy"))
                #expect(text.lowercased().contains("retry-after:"))
            }
        }
        await pool.shutdown()
        await authPool.shutdown()
    }

    static func waitUntilBlocked(on conn: PQConnection, count: Int64) async throws {
        for _ in 0..<3000 {
            let waiting: Int64 = try conn.query(
                """
                WITH direct AS (SELECT DISTINCT pid FROM pg_locks WHERE NOT granted AND pg_backend_pid() = ANY(pg_blocking_pids(pid)))
                SELECT count(DISTINCT l.pid) FROM pg_locks l
                WHERE NOT l.granted AND (l.pid IN (SELECT pid FROM direct)
                                         OR EXISTS (SELECT 1 FROM direct d WHERE d.pid = ANY(pg_blocking_pids(l.pid))))
                """)[0].decode(0)
            if waiting >= count { return }
            try await Task.sleep(for: .milliseconds(10))
        }
        // (pg_locks, not pg_stat_activity: the latter is a snapshot frozen for the blocker's whole transaction.)
        Issue.record("the registrations never waited on the lock")
    }

    // MARK: 8. HTTP: slow clients are cut off, open connections are capped

    @Test func clientSendingHalfAHeaderIsDisconnected() async throws {
        var http = HTTPConfig()
        http.idleTimeout = .seconds(1)
        try await Self.serve(http, .failing) { port in
            let outcome = await RawTCP.onThread { () -> RawTCP.ReadOutcome in
                guard let fd = RawTCP.connect(port: port, timeout: 30) else { return .timedOut }
                defer { close(fd) }
                RawTCP.send(fd, "GET /healthz HTTP/1.1\r\nHost: loc")
                return RawTCP.read(fd)
            }
            // Closed by the server (the 30 s read timeout is only a hang guard).
            #expect(outcome == .closed)
        }
    }

    @Test func connectionsBeyondTheCapWaitUntilOneCloses() async throws {
        var http = HTTPConfig()
        http.maxConnections = 2
        http.idleTimeout = nil
        try await Self.serve(http, .failing) { port in
            let held = await RawTCP.onThread { () -> [Int32] in
                (0..<2).compactMap { _ in
                    guard let fd = RawTCP.connect(port: port, timeout: 30) else { return nil }
                    // Make sure the server has taken the connection: one answered keep-alive request.
                    RawTCP.send(fd, "GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n")
                    _ = RawTCP.read(fd)
                    return fd
                }
            }
            #expect(held.count == 2)
            let third = await RawTCP.onThread { () -> (Int32?, RawTCP.ReadOutcome) in
                guard let fd = RawTCP.connect(port: port, timeout: 2) else { return (nil, .closed) }
                RawTCP.send(fd, "GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                return (fd, RawTCP.read(fd))
            }
            let fd = try #require(third.0)
            // Held in the backlog, not served, while two are open...
            #expect(third.1 == .timedOut)
            close(held[0])
            // ...and served once one closes.
            let later = await RawTCP.onThread { () -> RawTCP.ReadOutcome in
                var tv = timeval(tv_sec: 30, tv_usec: 0)
                setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
                return RawTCP.read(fd)
            }
            if case .data(let text) = later { #expect(RawTCP.status(of: text) == 200) } else { Issue.record("not served: \(later)") }
            close(fd)
            close(held[1])
        }
    }

    @Test func clientAbortingMidBodyIsLoggedAtInfoNotAsA500() async throws {
        let recorder = LogRecorder()
        try await Self.serve(HTTPConfig(), .failing, logger: recorder.logger, testRoutes: true) { port in
            let outcome = await RawTCP.onThread { () -> RawTCP.ReadOutcome in
                guard let fd = RawTCP.connect(port: port, timeout: 30) else { return .timedOut }
                defer { close(fd) }
                RawTCP.send(
                    fd, "POST /v1/test/echo HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{\"eventID\": 1, ")
                shutdown(fd, Int32(SHUT_WR))
                return RawTCP.read(fd)
            }
            _ = outcome
            // The server has noticed once the request's log line is written.
            for _ in 0..<3000 where !recorder.entries.contains(where: { $0.message == "request" || $0.metadata["http.status"] != nil }) {
                try await Task.sleep(for: .milliseconds(10))
            }
        }
        // (Hummingbird's own shutdown lines, at the end of `serve`, are not about the request.)
        let loud = recorder.entries.filter { $0.message == "unhandled error" || $0.metadata["http.status"].map { "\($0)" } == "500" }
        #expect(loud.isEmpty, "\(loud.map { "\($0.message) \($0.metadata)" })")
        #expect(
            recorder.entries.contains { $0.level == .info && $0.message == "client went away" },
            "\(recorder.entries.map { "\($0.level) \($0.message) \($0.metadata)" })")
    }
}

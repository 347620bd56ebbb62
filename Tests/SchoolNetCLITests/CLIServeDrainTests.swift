import Foundation
#if canImport(Glibc)
import Glibc
#endif
import PQ
import SchoolNetTestSupport
import Testing

/// `schoolnet serve --drain-timeout N`, as run: after SIGTERM a request in flight that finishes within the deadline
/// gets its answer; one that never finishes is cut off at the deadline and the process exits instead of waiting.
@Suite struct CLIServeDrainTests {
    @Test func sigtermAnswersWhatFinishesAndExitsAtTheDrainDeadline() async throws {
        let fx = try CLITokenFixture("cli_serve_drain")
        let port = try #require(Self.freePort())
        let process = Process()
        process.executableURL = CLIProcess.binary
        // Idle and header timeouts far beyond the hang guard: only the drain deadline can end the stuck request.
        process.arguments = [
            "serve", "--port", String(port), "--pool-size", "2", "--drain-timeout", "6",
            "--idle-timeout", "600", "--header-timeout", "600"
        ]
        var environment = ProcessInfo.processInfo.environment
        environment["DATABASE_URL"] = fx.url
        environment["SCHOOLNET_TOKEN"] = nil
        process.environment = environment
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("schoolnet-drain-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: log) }
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        func logText() -> String { (try? String(decoding: Data(contentsOf: log), as: UTF8.self)) ?? "" }

        // Up once it answers /healthz (a bound on start-up, not a timing assertion).
        var up = false
        for _ in 0..<1200 where !up && process.isRunning {
            up =
                await Wire.exchange(port: port, "GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n", timeout: 5)
                .flatMap(Wire.status) == 200
            if !up { try await Task.sleep(for: .milliseconds(100)) }
        }
        try #require(up, "serve never answered: \(logText())")

        // The request that will finish: a registration queued behind the event's row lock, held here.
        let holder = try PQConnection(fx.config)
        try holder.execute("BEGIN")
        _ = try holder.query("SELECT id FROM event WHERE id = $1 FOR UPDATE", [fx.event])
        let body = try String(contentsOfFile: try fx.registration(school: fx.schoolA, lastName: "Дослушанова"), encoding: .utf8)
        let registration =
            "POST /v1/applications HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer \(fx.tokens.schoolA)\r\n"
            + "Content-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n" + body
        let finishing = Task { await Wire.exchange(port: port, registration, timeout: 120) }
        try await Self.waitUntilBlocked(on: holder)

        // The request that cannot finish: its body promises 1000 bytes and 10 arrive.
        let stuck = try #require(Wire.connect(port: port, timeout: 120))
        defer { close(stuck) }
        Wire.send(
            stuck,
            "POST /v1/applications HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer \(fx.tokens.schoolA)\r\n"
                + "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"eventId\"")
        // (the server has had the head once it has asked the token store; a pause is enough on loopback)
        try await Task.sleep(for: .milliseconds(500))
        let stuckAnswer = Task { await RawRead.onThread { Wire.readAll(stuck) } }

        kill(process.processIdentifier, SIGTERM)
        try await Task.sleep(for: .milliseconds(300))
        try holder.execute("COMMIT")

        // In flight and done within the deadline: answered.
        let answer = await finishing.value
        #expect(answer.flatMap(Wire.status) == 201, "\(answer ?? "no answer")")
        // The stuck request holds the drain: the server is still there after the finished one was answered.
        try await Task.sleep(for: .seconds(1))
        #expect(process.isRunning, "serve exited before the drain deadline: the stuck request was not in flight")

        // ...until the deadline, then it goes. The hang guard is far beyond the 6 s deadline.
        for _ in 0..<1200 where process.isRunning { try await Task.sleep(for: .milliseconds(100)) }
        #expect(!process.isRunning, "serve still running 120 s after SIGTERM: \(logText())")
        // The stuck client got no answer: its connection was closed when the request was cancelled.
        let stuckOutcome = await stuckAnswer.value
        #expect(stuckOutcome == "", "the stuck request was answered or never closed: \(stuckOutcome ?? "read timed out")")
    }

    static func waitUntilBlocked(on conn: PQConnection) async throws {
        for _ in 0..<3000 {
            let waiting: Int64 = try conn.query(
                "SELECT count(*) FROM pg_locks WHERE NOT granted AND pg_backend_pid() = ANY(pg_blocking_pids(pid))")[0].decode(0)
            if waiting > 0 { return }
            try await Task.sleep(for: .milliseconds(20))
        }
        Issue.record("the registration never waited on the lock")
    }

    /// A port nothing listens on right now (bound to 0, read back, released).
    static func freePort() -> Int? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = 0
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ok = withUnsafeMutablePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) == 0 && getsockname(fd, $0, &len) == 0 }
        }
        return ok ? Int(UInt16(bigEndian: addr.sin_port)) : nil
    }
}

enum RawRead {
    static func onThread<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { (c: CheckedContinuation<T, Never>) in
            Thread { c.resume(returning: body()) }.start()
        }
    }
}

/// Blocking loopback TCP, each call on a thread of its own.
enum Wire {
    static func connect(port: Int, timeout: Int) -> Int32? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        var tv = timeval(tv_sec: timeout, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = in_port_t(UInt16(port).bigEndian)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        let ok = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        if ok != 0 { close(fd); return nil }
        return fd
    }

    static func send(_ fd: Int32, _ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
    }

    /// Everything the server sent before it closed the connection; nil when the read timed out instead.
    static func readAll(_ fd: Int32) -> String? {
        var collected: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n > 0 { collected += buffer[0..<n]; continue }
            if n < 0, errno == EINTR { continue }
            if n < 0, errno == EAGAIN || errno == EWOULDBLOCK { return nil }
            return String(decoding: collected, as: UTF8.self)
        }
    }

    /// One request on a fresh connection; the whole answer, nil when none came.
    static func exchange(port: Int, _ request: String, timeout: Int) async -> String? {
        await RawRead.onThread {
            guard let fd = connect(port: port, timeout: timeout) else { return nil }
            defer { close(fd) }
            send(fd, request)
            guard let answer = readAll(fd), !answer.isEmpty else { return nil }
            return answer
        }
    }

    static func status(_ text: String) -> Int? {
        let parts = text.split(separator: " ", maxSplits: 2)
        return parts.count >= 2 ? Int(parts[1]) : nil
    }
}

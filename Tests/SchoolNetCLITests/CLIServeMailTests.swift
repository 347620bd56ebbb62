import Foundation
#if canImport(Glibc)
import Glibc
#endif
import PQ
import Testing

/// `schoolnet serve` with SCHOOLNET_SMTP_HOST set runs the delivery worker: a registration's outbox row is attempted
/// without any other command (here against a port nothing listens on, so it waits for a retry), and SIGTERM still ends
/// the server cleanly (exit 0), the worker stopping with it.
@Suite struct CLIServeMailTests {
    @Test func serveWorksOffTheOutboxAndStopsCleanly() async throws {
        let fx = try CLITokenFixture("cli_serve_mail")
        let port = try #require(CLIServeDrainTests.freePort())
        let smtpPort = try #require(CLIServeDrainTests.freePort())
        let process = Process()
        process.executableURL = CLIProcess.binary
        process.arguments = ["serve", "--port", String(port), "--pool-size", "2"]
        var environment = ProcessInfo.processInfo.environment
        environment["DATABASE_URL"] = fx.url
        environment["SCHOOLNET_TOKEN"] = nil
        environment["SCHOOLNET_SMTP_HOST"] = "127.0.0.1"
        environment["SCHOOLNET_SMTP_PORT"] = String(smtpPort)
        environment["SCHOOLNET_SMTP_SECURITY"] = "none"
        process.environment = environment
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("schoolnet-serve-mail-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: log) }
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        func logText() -> String { (try? String(decoding: Data(contentsOf: log), as: UTF8.self)) ?? "" }

        var up = false
        for _ in 0..<1200 where !up && process.isRunning {
            up =
                await Wire.exchange(port: port, "GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n", timeout: 5)
                .flatMap(Wire.status) == 200
            if !up { try await Task.sleep(for: .milliseconds(100)) }
        }
        try #require(up, "serve never answered: \(logText())")
        #expect(logText().contains("mail delivery on"))

        let body = try String(contentsOfFile: try fx.registration(school: fx.schoolA, lastName: "Письмова"), encoding: .utf8)
        let registration =
            "POST /v1/applications HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer \(fx.tokens.schoolA)\r\n"
            + "Content-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n" + body
        let answer = await Wire.exchange(port: port, registration, timeout: 60)
        #expect(answer.flatMap(Wire.status) == 201, "\(answer ?? "no answer")")

        // The worker in serve takes the row and fails to connect: one attempt recorded, due again later.
        var recorded = false
        for _ in 0..<600 where !recorded {
            recorded = try fx.one("SELECT count(*) FROM outbox WHERE last_error IS NOT NULL", as: Int64.self) == 1
            if !recorded { try await Task.sleep(for: .milliseconds(100)) }
        }
        #expect(recorded, "\(logText())")
        #expect(try fx.one("SELECT attempts = 1 AND sent_at IS NULL AND parked_at IS NULL AND sending_at IS NULL FROM outbox", as: Bool.self))

        kill(process.processIdentifier, SIGTERM)
        for _ in 0..<1200 where process.isRunning { try await Task.sleep(for: .milliseconds(100)) }
        #expect(!process.isRunning, "serve still running after SIGTERM: \(logText())")
        #expect(process.terminationStatus == 0, "\(logText())")
    }
}

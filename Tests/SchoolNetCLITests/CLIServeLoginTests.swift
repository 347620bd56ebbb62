import Foundation
import PQ
import SchoolNetTestSupport
import Testing

/// `schoolnet serve` says loudly when its database login is a superuser (or the tables' owner), and says nothing
/// when it is a member of schoolnet_runtime.
@Suite struct CLIServeLoginTests {
    /// Starts `schoolnet serve --port 0`, waits for its `waitFor` line (or its exit), stops it with SIGTERM, returns its log.
    static func serveLog(_ url: String, waitFor: String = "starting") throws -> String {
        let process = Process()
        process.executableURL = CLIProcess.binary
        process.arguments = ["serve", "--port", "0", "--pool-size", "1"]
        var environment = ProcessInfo.processInfo.environment
        environment["DATABASE_URL"] = url
        environment["SCHOOLNET_TOKEN"] = nil
        process.environment = environment
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("schoolnet-serve-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: log) }
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        var text = ""
        // a bound on waiting for start-up, not a timing assertion: the test looks at what was logged
        for _ in 0..<1200 where process.isRunning {
            text = String(decoding: try Data(contentsOf: log), as: UTF8.self)
            if text.contains(waitFor) { break }
            Thread.sleep(forTimeInterval: 0.1)
        }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        return String(decoding: try Data(contentsOf: log), as: UTF8.self)
    }

    static func url(_ config: PQConfiguration, user: String? = nil) throws -> String {
        let name = try PQConnection(config).query("SELECT current_database()::text").first!.decode(0, as: String.self)
        var components = try #require(URLComponents(string: try CLIProcess.url(database: name)))
        if let user { components.user = user }
        return try #require(components.string)
    }

    @Test func aSuperuserLoginIsWarnedAboutLoudly() throws {
        let config = try TestDatabase.migrated("cli_serve_superuser")
        let log = try Self.serveLog(try Self.url(config))
        #expect(log.contains("UNSAFE DATABASE LOGIN"), "\(log)")
        #expect(log.contains("SUPERUSER"))
        #expect(log.contains("starting"))
    }

    @Test func aRuntimeLoginIsNot() throws {
        let config = try TestDatabase.migrated("cli_serve_runtime")
        let role = "srv_" + UUID().uuidString.prefix(8).lowercased()
        try PQConnection(config).executeScript("CREATE ROLE \(role) LOGIN IN ROLE schoolnet_runtime")
        let log = try Self.serveLog(try Self.url(config, user: role))
        #expect(log.contains("starting"), "\(log)")
        #expect(!log.contains("UNSAFE"), "\(log)")
    }
}

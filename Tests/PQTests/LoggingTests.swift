import Foundation
import Logging
import PQ
import Testing

/// Keeps every log message in memory.
private final class CapturedLogs: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    func append(_ line: String) { lock.withLock { lines.append(line) } }
    var all: [String] { lock.withLock { lines } }
}

private struct CapturingHandler: LogHandler {
    let logs: CapturedLogs
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .debug
    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }
    func log(event: LogEvent) {
        logs.append("\(event.level) \(event.message) \(event.metadata ?? [:])")
    }
}

@Suite struct LoggingTests {
    @Test func queriesAreLoggedAtDebugWithoutValues() throws {
        let logs = CapturedLogs()
        var config = try SuiteDatabase.config("logging")
        config.logger = Logger(label: "pq-test") { _ in CapturingHandler(logs: logs) }
        let conn = try PQConnection(config)
        let secret = "pupil-birthdate-2011-04-05"
        try conn.query("SELECT length($1::text) AS marker_query", [secret])
        let lines = logs.all
        #expect(lines.contains { $0.hasPrefix("debug") && $0.contains("marker_query") })
        #expect(!lines.contains { $0.contains(secret) })
    }
}

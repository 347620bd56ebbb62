import Foundation
import Logging
import PQ
import SchoolNetTestSupport
import Testing

/// Records log messages.
private final class Messages: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    func append(_ line: String) { lock.withLock { lines.append(line) } }
    var all: [String] { lock.withLock { lines } }
}

private struct Recording: LogHandler {
    let messages: Messages
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .debug
    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }
    func log(event: LogEvent) { messages.append(event.message.description) }
}

/// A server out of connection slots ("too many clients", 53300) refuses for now: the pool retries with
/// backoff instead of failing the request at once.
@Suite struct ConnectionBackoffTests {
    @Test func refusedForTooManyConnectionsIsRetriedUntilASlotFrees() async throws {
        let admin = try PQConnection(try TestDatabase.configuration())
        let role = "backoff_\(UInt32.random(in: 0...UInt32.max))"
        // Superusers ignore connection limits; a role of its own with one slot stands in for max_connections.
        try admin.executeScript("CREATE ROLE \(role) LOGIN CONNECTION LIMIT 1")
        defer { _ = try? admin.executeScript("DROP ROLE \(role)") }
        var config = try TestDatabase.configuration()
        config.options["user"] = role
        let holder = try PQConnection(config)
        #expect(holder.isConnected)

        let messages = Messages()
        config.logger = Logger(label: "pq-test") { _ in Recording(messages: messages) }
        let pool = PQPool(configuration: config, size: 1)
        let query = Task { try await pool.withConnection { conn -> Int in try conn.query("SELECT 7")[0].decode(0) } }
        // Once the pool has been refused and is backing off, a slot frees.
        for _ in 0..<2000 where !messages.all.contains(where: { $0.contains("retrying") }) {
            try await Task.sleep(for: .milliseconds(1))
        }
        #expect(messages.all.contains { $0.contains("retrying") }, "the pool never retried a refused connection")
        withExtendedLifetime(holder) {}
        _ = consume holder
        let value = try await query.value
        #expect(value == 7)
        await pool.shutdown()
    }
}

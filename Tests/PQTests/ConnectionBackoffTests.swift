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

/// Holds a connection until the first retry is logged, then closes it (on the logging thread, before the backoff).
private final class SlotHolder: @unchecked Sendable {
    private let lock = NSLock()
    private var connection: PQConnection?
    init(_ connection: PQConnection) { self.connection = connection }
    func release() { lock.withLock { connection = nil } }
}

private struct Recording: LogHandler {
    let messages: Messages
    let holder: SlotHolder
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .debug
    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }
    func log(event: LogEvent) {
        messages.append(event.message.description)
        // The pool was refused and is backing off: now a slot frees.
        if event.message.description.contains("retrying") { holder.release() }
    }
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
        // The role's one slot, taken (no other reference: releasing the holder closes it).
        let holder = SlotHolder(try PQConnection(config))

        let messages = Messages()
        config.logger = Logger(label: "pq-test") { _ in Recording(messages: messages, holder: holder) }
        let pool = PQPool(configuration: config, size: 1)
        let query = Task { try await pool.withConnection { conn -> Int in try conn.query("SELECT 7")[0].decode(0) } }
        let value = try await query.value
        #expect(value == 7)
        #expect(messages.all.contains { $0.contains("retrying") }, "the pool never retried a refused connection")
        await pool.shutdown()
    }
}

import Foundation
import PQ
import Testing

@Suite struct NotificationTests {
    @Test func receivesNotifiesAsAsyncSequence() async throws {
        let pool = PQPool(configuration: try SuiteDatabase.config("notify"), size: 1)
        let channel = "results \(UInt16.random(in: 0...UInt16.max))"
        let notes = pool.notifications(channel: channel)
        let listening = try SuiteDatabase.connect("notify")
        // Wait until the listener has issued LISTEN, so no NOTIFY is sent before it.
        while try listening.query("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN %' AND state = 'idle'")
            .first!.decode(0, as: Int.self) == 0
        {
            try await Task.sleep(for: .milliseconds(10))
        }
        try await pool.withConnection { conn in
            for payload in ["first", "Привет 🎉", ""] { try conn.query("SELECT pg_notify($1, $2)", [channel, payload]) }
        }
        var received: [String] = []
        for try await note in notes {
            #expect(note.channel == channel)
            received.append(note.payload)
            if received.count == 3 { break }
        }
        #expect(received == ["first", "Привет 🎉", ""])
        await pool.shutdown()
    }

    @Test func listenerReconnectsAfterItsBackendIsTerminated() async throws {
        let pool = PQPool(configuration: try SuiteDatabase.config("notify-reconnect"), size: 1)
        let channel = "again"
        let admin = try SuiteDatabase.connect("notify-reconnect")
        func listenerPIDs() throws -> [Int32] {
            try admin.query(
                """
                SELECT pid FROM pg_stat_activity
                WHERE datname = current_database() AND query LIKE 'LISTEN %' AND state = 'idle'
                """
            ).decode(Int32.self)
        }
        var iterator = pool.notifications(channel: channel).makeAsyncIterator()
        while try listenerPIDs().isEmpty { try await Task.sleep(for: .milliseconds(10)) }
        let first = try listenerPIDs()[0]
        try admin.query("SELECT pg_terminate_backend($1)", [first])
        while try listenerPIDs().filter({ $0 != first }).isEmpty { try await Task.sleep(for: .milliseconds(10)) }
        try admin.query("SELECT pg_notify($1, 'after restart')", [channel])
        let note = try await iterator.next()
        #expect(note?.payload == "after restart")
        await pool.shutdown()
    }
}

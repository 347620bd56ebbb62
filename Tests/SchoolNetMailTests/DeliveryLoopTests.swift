import Foundation
import PQ
import SchoolNetMail
import SchoolNetStore
import Testing

/// The worker as `serve` runs it: woken by the outbox's NOTIFY (the poll is an hour here, so only the NOTIFY can
/// deliver in time), stopped cleanly, giving back what it claimed and did not try.
@Suite(.serialized) struct DeliveryLoopTests: MailFixture {
    func listeners(_ pool: PQPool) async throws -> Int64 {
        try await pool.withConnection { conn in
            try conn.query(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN %'"
            ).map { try $0.decode(0, as: Int64.self) }[0]
        }
    }

    func waitForListeners(_ pool: PQPool, _ count: Int64) async throws {
        let deadline = Date().addingTimeInterval(60)
        while try await listeners(pool) != count, Date() < deadline { try await Task.sleep(for: .milliseconds(50)) }
        #expect(try await listeners(pool) == count)
    }

    func enqueue(_ pool: PQPool, _ n: Int, from first: Int) async throws -> [Int64] {
        try await pool.withTransaction { conn in
            try conn.query(
                """
                INSERT INTO outbox (kind, recipient_email, payload, dedupe_key, created_at, available_at)
                SELECT 'application_accepted', 'late' || i || '@school.example', jsonb_build_object('applicationId', i),
                       'late:' || i, $1, $1
                FROM generate_series($2, $2 + $3 - 1) i ORDER BY i RETURNING id
                """, [start, Int64(first), Int64(n)]
            ).map { try $0.decode(0) }
        }
    }

    @Test func aCommittedRowWakesTheWorkerAndStopEndsIt() async throws {
        let (pool, first) = try outbox("mail_wake", rows: 2)
        let server = try SMTPTestServer()
        try server.start()
        defer { server.stop() }
        let w = worker(pool, MovableTime(start), port: server.port)
        let running = Task { await w.run(pollInterval: .seconds(3600)) }
        // what was due at start goes at once
        #expect(try await server.waitForMessages(2).sorted() == first.map(messageID).sorted())
        try await waitForListeners(pool, 1)
        let later = try await enqueue(pool, 3, from: 100)
        #expect(try await server.waitForMessages(5).sorted() == (first + later).map(messageID).sorted())
        let more = try await enqueue(pool, 1, from: 200)
        #expect(try await server.waitForMessages(6).sorted() == (first + later + more).map(messageID).sorted())
        w.stop()
        await running.value
        try await waitForListeners(pool, 0)
        #expect(try await states(pool).allSatisfy { $0.sent && $0.attempts == 1 })
        await pool.shutdown()
    }

    @Test func stoppingGivesBackTheRowsClaimedButNotTried() async throws {
        let (pool, ids) = try outbox("mail_stop", rows: 5)
        let server = try SMTPTestServer()
        try server.start()
        defer { server.stop() }
        let time = MovableTime(start)
        let box = WorkerBox()
        let transport = StoppingTransport(inner: SMTPTransport(settings: plain(server.port)), box: box)
        let w = worker(pool, time, port: server.port, policy: DeliveryPolicy(batch: 5, baseDelay: 60, maxAttempts: 3), transport: transport)
        box.worker = w
        // stop() arrives while the first message is being sent: it is recorded, the other four are given back
        #expect(try await w.runOnce() == report(sent: 1))
        let after = try await states(pool)
        #expect(after.map(\.sent) == [true, false, false, false, false])
        #expect(after.map(\.attempts) == [1, 0, 0, 0, 0])
        // due at once, not after the lease
        #expect(try await worker(pool, time, port: server.port).runOnce() == report(sent: 4))
        #expect(try server.messageIDs().sorted() == ids.map(messageID).sorted())
        await pool.shutdown()
    }

    func plain(_ port: Int) -> SMTPSettings {
        SMTPSettings(host: "127.0.0.1", port: port, security: .none, fromAddress: "schoolnet@\(host)", timeoutSeconds: 10)
    }
}

final class WorkerBox: @unchecked Sendable {
    var worker: DeliveryWorker?
}

/// Sends through `inner`, then asks the worker to stop (as a shutdown signal arriving mid-send would).
struct StoppingTransport: MailTransport {
    let inner: any MailTransport
    let box: WorkerBox
    func send(_ message: MailMessage) async throws {
        try await inner.send(message)
        box.worker?.stop()
    }
    func finishBatch() async { await inner.finishBatch() }
}

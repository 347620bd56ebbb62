import Foundation
import PQ
import SchoolNetMail
import SchoolNetStore
import Testing

/// What a person would notice when the SMTP server misbehaves: a permanent refusal is parked at once (not tried eight
/// times), a connection cut mid-message is retried and the message arrives once, and a worker that dies between the
/// server taking a message and the database hearing of it never makes the message arrive twice.
@Suite(.serialized) struct SMTPFailureTests: MailFixture {
    @Test func aPermanentRefusalParksTheRowAtOnce() async throws {
        let (pool, _) = try outbox("mail_refuse", rows: 1)
        let server = try SMTPTestServer()
        try server.start(.refuse)
        defer { server.stop() }
        let time = MovableTime(start)
        let w = worker(pool, time, port: server.port, policy: DeliveryPolicy(baseDelay: 60, maxAttempts: 8))
        #expect(try await w.runOnce() == report(parked: 1))
        let state = try await states(pool)[0]
        #expect(state.attempts == 1 && state.parked && !state.sent)
        #expect(state.error?.contains("550") == true)
        time.advance(86_400)
        #expect(try await w.runOnce() == report())
        #expect(try server.messages().isEmpty)
        await pool.shutdown()
    }

    @Test func aConnectionCutMidMessageIsRetriedAndTheMessageArrivesOnce() async throws {
        let (pool, ids) = try outbox("mail_cut", rows: 2)
        let server = try SMTPTestServer()
        try server.start(.dropFirst)
        defer { server.stop() }
        let time = MovableTime(start)
        let w = worker(pool, time, port: server.port)
        // the first message's connection is cut after one line of its body; the second goes through
        #expect(try await w.runOnce() == report(sent: 1, retrying: 1))
        #expect(try await states(pool).map(\.sent) == [false, true])
        time.advance(60)
        #expect(try await w.runOnce() == report(sent: 1))
        time.advance(3600)
        #expect(try await w.runOnce() == report())
        #expect(try server.messageIDs().sorted() == ids.map(messageID).sorted())
        await pool.shutdown()
    }

    /// Worker A hands row 1 to a server that stores it and never answers (A is stuck exactly between "the server has
    /// it" and "the database knows"), as a worker killed there would leave it. Once A's lease is over, worker B parks
    /// row 1 instead of sending it again and delivers the rest; A hearing of its failure late changes nothing.
    @Test func aWorkerStoppedBetweenSendingAndMarkingDoesNotSendTwice() async throws {
        let (pool, ids) = try outbox("mail_crash", rows: 3)
        let stuck = try SMTPTestServer()
        try stuck.start(.hold)
        let healthy = try SMTPTestServer()
        try healthy.start()
        defer { healthy.stop() }
        let time = MovableTime(start)
        let a = worker(pool, time, port: stuck.port, policy: DeliveryPolicy(batch: 1, baseDelay: 60, maxAttempts: 8))
        let runA = Task { try await a.runOnce() }
        #expect(try await stuck.waitForMessages(1) == [messageID(ids[0])])

        time.advance(601)
        let b = worker(pool, time, port: healthy.port, policy: DeliveryPolicy(batch: 1, baseDelay: 60, maxAttempts: 8))
        #expect(try await b.runOnce() == report(sent: 2, parked: 1))
        stuck.stop()
        _ = try await runA.value
        let after = try await states(pool)
        #expect(after.map(\.sent) == [false, true, true])
        #expect(after[0].parked && after[0].error?.contains("outcome unknown") == true)
        time.advance(86_400)
        #expect(try await b.runOnce() == report())
        #expect(try healthy.messageIDs().sorted() == [messageID(ids[1]), messageID(ids[2])].sorted())

        // The regional admin may send it again by hand: the same Message-ID, so a receiver can drop the copy.
        let retried = try await pool.withTransaction { conn in try OutboxRepository().retry(ids[0], now: time.now(), on: conn) }
        #expect(retried)
        #expect(try await b.runOnce() == report(sent: 1))
        #expect(try healthy.messageIDs().filter { $0 == messageID(ids[0]) }.count == 1)
        await pool.shutdown()
    }

    /// Worker A takes longer than its lease over its first message; meanwhile worker B claims what is due (and has not
    /// sent it yet). A's first row is A's to record; A, coming back, finds its lease on the second row gone and skips
    /// it rather than sending what B holds. Each message arrives once.
    @Test func aWorkerWhoseLeaseRanOutDoesNotSendWhatAnotherHasClaimed() async throws {
        let (pool, ids) = try outbox("mail_lease", rows: 2)
        let server = try SMTPTestServer()
        try server.start()
        defer { server.stop() }
        let time = MovableTime(start)
        let policy = DeliveryPolicy(batch: 2, baseDelay: 60, maxAttempts: 8)
        let slow = SlowFirstSend(
            inner: SMTPTransport(
                settings: SMTPSettings(host: "127.0.0.1", port: server.port, security: .none, fromAddress: "schoolnet@\(host)", timeoutSeconds: 10)),
            meanwhile: {
                time.advance(601)
                let now = time.now()
                // B's claim: A's first row is parked (its outcome is unknown to B), the second is B's now
                let (parked, claimed) = try await pool.withTransaction { conn in
                    let outbox = OutboxRepository()
                    return (
                        try outbox.parkAbandoned(now: now, on: conn),
                        try outbox.claim(limit: 5, now: now, leaseUntil: now.addingTimeInterval(600), on: conn).map(\.id)
                    )
                }
                #expect(parked == [ids[0]] && claimed == [ids[1]])
            })
        let a = worker(pool, time, port: server.port, policy: policy, transport: slow)
        #expect(try await a.runOnce() == report(sent: 1))
        #expect(try server.messageIDs() == [messageID(ids[0])])
        // A's late success is recorded: the first row is sent after all, not left parked
        #expect(try await states(pool).map(\.sent) == [true, false])
        // B's claim lapses without a send (it never stamped the row): the row goes, once
        time.advance(601)
        #expect(try await worker(pool, time, port: server.port, policy: policy).runOnce() == report(sent: 1))
        #expect(try server.messageIDs().sorted() == ids.map(messageID).sorted())
        await pool.shutdown()
    }
}

/// Sends through `inner`; after the first message, runs `meanwhile` (time passing, another worker) before returning.
final class SlowFirstSend: MailTransport, @unchecked Sendable {
    let inner: any MailTransport
    let meanwhile: @Sendable () async throws -> Void
    private var first = true
    init(inner: any MailTransport, meanwhile: @escaping @Sendable () async throws -> Void) {
        self.inner = inner
        self.meanwhile = meanwhile
    }
    func finishBatch() async { await inner.finishBatch() }
    func send(_ message: MailMessage) async throws {
        try await inner.send(message)
        if first {
            first = false
            try await meanwhile()
        }
    }
}

import Foundation
import PQ
import SchoolNetDomain
import SchoolNetMail
import SchoolNetStore
import SchoolNetTestSupport
import Testing

/// The delivery worker against a real SMTP server (aiosmtpd) and a real database: everything arrives once, two
/// workers never send the same row, a server saying "later" means retries then a parked row, a server down then up
/// means the message arrives once.
@Suite(.serialized) struct DeliveryWorkerTests: MailFixture {
    @Test func everythingArrivesOnceWithTheRowsMessageID() async throws {
        let (pool, ids) = try outbox("mail_once", rows: 12)
        let server = try SMTPTestServer()
        try server.start()
        defer { server.stop() }
        let time = MovableTime(start)
        let report = try await worker(pool, time, port: server.port).runOnce()
        #expect(report.sent == 12)
        #expect(try server.messageIDs().sorted() == ids.map { "<outbox-\($0)@\(host)>" }.sorted())
        #expect(try await states(pool).allSatisfy { $0.sent && $0.attempts == 1 })
        // Russian by default, a subject as an encoded word, both alternatives, a link to the application
        let first = try server.messages()[0]
        #expect(first.contains("Subject: =?UTF-8?B?"))
        #expect(first.contains("Content-Type: text/plain; charset=utf-8") && first.contains("Content-Type: text/html; charset=utf-8"))
        // nothing is due any more, even much later
        time.advance(86_400)
        #expect(try await worker(pool, time, port: server.port).runOnce().sent == 0)
        #expect(try server.messages().count == 12)
        await pool.shutdown()
    }

    @Test func twoWorkersNeverSendTheSameRow() async throws {
        let (pool, ids) = try outbox("mail_two", rows: 40)
        let server = try SMTPTestServer()
        try server.start()
        defer { server.stop() }
        let time = MovableTime(start)
        let small = DeliveryPolicy(batch: 3, baseDelay: 60, maxAttempts: 3)
        async let a = worker(pool, time, port: server.port, policy: small).runOnce()
        async let b = worker(pool, time, port: server.port, policy: small).runOnce()
        let (ra, rb) = try await (a, b)
        #expect(ra.sent + rb.sent == 40)
        let received = try server.messageIDs()
        #expect(received.count == 40)
        #expect(Set(received) == Set(ids.map { "<outbox-\($0)@\(host)>" }))
        #expect(try await states(pool).allSatisfy { $0.sent && $0.attempts == 1 })
        await pool.shutdown()
    }

    @Test func aServerThatSaysLaterIsRetriedWithBackoffThenTheRowIsParked() async throws {
        let (pool, _) = try outbox("mail_later", rows: 1)
        let server = try SMTPTestServer()
        try server.start(.tempfail)
        defer { server.stop() }
        let time = MovableTime(start)
        let w = worker(pool, time, port: server.port)
        #expect(try await w.runOnce() == report(retrying: 1))
        var state = try await states(pool)[0]
        #expect(state.attempts == 1 && !state.sent && !state.parked)
        #expect(state.error?.contains("451") == true)
        // not due again before its backoff: 60 s after the first failure, 120 s after the second
        #expect(try await w.runOnce() == report())
        time.advance(60)
        #expect(try await w.runOnce() == report(retrying: 1))
        time.advance(119)
        #expect(try await w.runOnce() == report())
        time.advance(1)
        #expect(try await w.runOnce() == report(parked: 1))
        state = try await states(pool)[0]
        #expect(state.attempts == 3 && !state.sent && state.parked)
        time.advance(30 * 86_400)
        #expect(try await w.runOnce() == report())
        #expect(try server.messages().isEmpty)
        await pool.shutdown()
    }

    @Test func aServerDownThenUpGetsTheMessageOnce() async throws {
        let (pool, ids) = try outbox("mail_down", rows: 2)
        let server = try SMTPTestServer()
        let time = MovableTime(start)
        let w = worker(pool, time, port: server.port)
        #expect(try await w.runOnce() == report(retrying: 2))
        try server.start()
        defer { server.stop() }
        time.advance(60)
        #expect(try await w.runOnce() == report(sent: 2))
        time.advance(3600)
        #expect(try await w.runOnce() == report())
        #expect(try server.messageIDs().sorted() == ids.map { "<outbox-\($0)@\(host)>" }.sorted())
        await pool.shutdown()
    }
}

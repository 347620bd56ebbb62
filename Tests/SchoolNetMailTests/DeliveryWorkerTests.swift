import Foundation
import PQ
import SchoolNetDomain
import SchoolNetMail
import SchoolNetStore
import SchoolNetTestSupport
import Testing

/// A clock the test moves.
final class MovableTime: TimeSource, @unchecked Sendable {
    private let lock = NSLock()
    private var instant: Date
    init(_ instant: Date) { self.instant = instant }
    func now() -> Date { lock.withLock { instant } }
    func advance(_ seconds: TimeInterval) { lock.withLock { instant = instant.addingTimeInterval(seconds) } }
}

/// The delivery worker against a real SMTP server (aiosmtpd) and a real database: everything arrives once, two
/// workers never send the same row, a refusing server means retries then a parked row, a server down then up
/// means the message arrives once.
@Suite(.serialized) struct DeliveryWorkerTests {
    static let start = Date(timeIntervalSince1970: 1_700_000_000)
    static let host = "schoolnet.test"

    /// A fresh database with `n` due rows (kind application_accepted), returning its pool and the rows' ids.
    func outbox(_ label: String, rows n: Int) throws -> (PQPool, [Int64]) {
        let config = try TestDatabase.migrated(label)
        let conn = try PQConnection(config)
        let ids: [Int64] = try conn.query(
            """
            INSERT INTO outbox (kind, recipient_email, payload, dedupe_key, created_at, available_at)
            SELECT 'application_accepted', 'teacher' || i || '@school.example',
                   jsonb_build_object('applicationId', i, 'eventTitle', 'Дни юности мятежной', 'teamName', 'Команда ' || i,
                                      'members', jsonb_build_array('Альфа Аня')),
                   'test:' || i, $1, $1
            FROM generate_series(1, $2) i ORDER BY i
            RETURNING id
            """, [Self.start, Int64(n)]
        ).map { try $0.decode(0) }
        return (PQPool(configuration: config, size: 4), ids)
    }

    func worker(_ pool: PQPool, _ time: MovableTime, port: Int, policy: DeliveryPolicy = DeliveryPolicy(baseDelay: 60, maxAttempts: 3))
        -> DeliveryWorker
    {
        let settings = SMTPSettings(host: "127.0.0.1", port: port, security: .none, fromAddress: "schoolnet@\(Self.host)", timeoutSeconds: 10)
        return DeliveryWorker(
            pool: pool, time: time, transport: MsmtpTransport(settings: settings),
            renderer: MailRenderer(publicURL: "https://schoolnet.test", from: "SchoolNet <schoolnet@\(Self.host)>", host: Self.host),
            policy: policy)
    }

    func states(_ pool: PQPool) async throws -> [(attempts: Int, sent: Bool, parked: Bool, error: String?)] {
        try await pool.withTransaction { conn in
            try OutboxRepository().rows(on: conn).map { ($0.attempts, $0.sentAt != nil, $0.parkedAt != nil, $0.lastError) }
        }
    }

    @Test func everythingArrivesOnceWithTheRowsMessageID() async throws {
        let (pool, ids) = try outbox("mail_once", rows: 12)
        let server = try SMTPTestServer()
        try server.start()
        defer { server.stop() }
        let time = MovableTime(Self.start)
        let report = try await worker(pool, time, port: server.port).runOnce()
        #expect(report.sent == 12)
        #expect(try server.messageIDs().sorted() == ids.map { "<outbox-\($0)@\(Self.host)>" }.sorted())
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
        let time = MovableTime(Self.start)
        let small = DeliveryPolicy(batch: 3, baseDelay: 60, maxAttempts: 3)
        async let a = worker(pool, time, port: server.port, policy: small).runOnce()
        async let b = worker(pool, time, port: server.port, policy: small).runOnce()
        let (ra, rb) = try await (a, b)
        #expect(ra.sent + rb.sent == 40)
        let received = try server.messageIDs()
        #expect(received.count == 40)
        #expect(Set(received) == Set(ids.map { "<outbox-\($0)@\(Self.host)>" }))
        #expect(try await states(pool).allSatisfy { $0.sent && $0.attempts == 1 })
        await pool.shutdown()
    }

    @Test func aRefusingServerIsRetriedWithBackoffThenTheRowIsParked() async throws {
        let (pool, _) = try outbox("mail_refuse", rows: 1)
        let server = try SMTPTestServer()
        try server.start(refusing: true)
        defer { server.stop() }
        let time = MovableTime(Self.start)
        let w = worker(pool, time, port: server.port)
        #expect(try await w.runOnce() == report(retrying: 1))
        var state = try await states(pool)[0]
        #expect(state.attempts == 1 && !state.sent && !state.parked)
        #expect(state.error?.contains("550") == true)
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
        let time = MovableTime(Self.start)
        let w = worker(pool, time, port: server.port)
        #expect(try await w.runOnce() == report(retrying: 2))
        try server.start()
        defer { server.stop() }
        time.advance(60)
        #expect(try await w.runOnce() == report(sent: 2))
        time.advance(3600)
        #expect(try await w.runOnce() == report())
        #expect(try server.messageIDs().sorted() == ids.map { "<outbox-\($0)@\(Self.host)>" }.sorted())
        await pool.shutdown()
    }

    func report(sent: Int = 0, retrying: Int = 0, parked: Int = 0) -> DeliveryReport {
        var r = DeliveryReport()
        r.sent = sent
        r.retrying = retrying
        r.parked = parked
        return r
    }
}

import Foundation
import PQ
import SchoolNetDomain
import SchoolNetMail
import SchoolNetStore
import SchoolNetTestSupport

/// A clock the test moves.
final class MovableTime: TimeSource, @unchecked Sendable {
    private let lock = NSLock()
    private var instant: Date
    init(_ instant: Date) { self.instant = instant }
    func now() -> Date { lock.withLock { instant } }
    func advance(_ seconds: TimeInterval) { lock.withLock { instant = instant.addingTimeInterval(seconds) } }
}

/// What the mail suites share: a database with due outbox rows, a worker on msmtp to a test server, the rows' states.
protocol MailFixture {}

let start = Date(timeIntervalSince1970: 1_700_000_000)
let host = "schoolnet.test"

extension MailFixture {

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
            """, [start, Int64(n)]
        ).map { try $0.decode(0) }
        return (PQPool(configuration: config, size: 4), ids)
    }

    func worker(
        _ pool: PQPool, _ time: MovableTime, port: Int, policy: DeliveryPolicy = DeliveryPolicy(baseDelay: 60, maxAttempts: 3),
        settings: SMTPSettings? = nil, transport: (any MailTransport)? = nil
    ) -> DeliveryWorker {
        let settings = settings ?? SMTPSettings(host: "127.0.0.1", port: port, security: .none, fromAddress: "schoolnet@\(host)", timeoutSeconds: 10)
        return DeliveryWorker(
            pool: pool, time: time, transport: transport ?? SMTPTransport(settings: settings),
            renderer: MailRenderer(publicURL: "https://schoolnet.test", from: "SchoolNet <schoolnet@\(host)>", host: host),
            policy: policy)
    }

    func states(_ pool: PQPool) async throws -> [(attempts: Int, sent: Bool, parked: Bool, error: String?)] {
        try await pool.withTransaction { conn in
            try OutboxRepository().rows(on: conn).map { ($0.attempts, $0.sentAt != nil, $0.parkedAt != nil, $0.lastError) }
        }
    }

    func report(sent: Int = 0, retrying: Int = 0, parked: Int = 0) -> DeliveryReport {
        var r = DeliveryReport()
        r.sent = sent
        r.retrying = retrying
        r.parked = parked
        return r
    }

    func messageID(_ id: Int64) -> String { "<outbox-\(id)@\(host)>" }
}

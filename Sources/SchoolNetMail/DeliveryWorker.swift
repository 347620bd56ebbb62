import Foundation
import Logging
import PQ
import SchoolNetDomain
import SchoolNetStore

/// How the worker retries: the n-th failed attempt waits `base * 2^(n-1)` (at most `maxDelay`) before the next; after
/// `maxAttempts` attempts a row is parked for a person to look at. `lease` hides a claimed batch from other workers
/// while it is being sent; it must exceed a batch's sending time (msmtp's timeout times `batch`).
public struct DeliveryPolicy: Sendable {
    public var batch: Int
    public var lease: TimeInterval
    public var baseDelay: TimeInterval
    public var maxDelay: TimeInterval
    public var maxAttempts: Int

    public init(batch: Int = 10, lease: TimeInterval = 600, baseDelay: TimeInterval = 60, maxDelay: TimeInterval = 6 * 3600, maxAttempts: Int = 8) {
        self.batch = batch
        self.lease = lease
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.maxAttempts = maxAttempts
    }

    public static let standard = DeliveryPolicy()

    /// When a row that failed its `attempts`-th attempt at `now` is due again, or nil: park it.
    public func retryAt(afterAttempt attempts: Int, now: Date) -> Date? {
        guard attempts < maxAttempts else { return nil }
        return now.addingTimeInterval(min(maxDelay, baseDelay * pow(2, Double(max(0, attempts - 1)))))
    }
}

/// What one run did.
public struct DeliveryReport: Sendable, Equatable {
    public var sent = 0
    public var retrying = 0
    public var parked = 0
    /// Reminders and digests no longer wanted when their turn came (never sent).
    public var voided = 0
    public init() {}
}

/// Works off the outbox: claims due rows (FOR UPDATE SKIP LOCKED, a short transaction), renders and sends each with
/// no transaction open, then marks it sent, due again later (backoff) or parked. Several workers, in one process or
/// many, never send the same row while its lease lasts.
public final class DeliveryWorker: Sendable {
    let pool: PQPool
    let time: any TimeSource
    let transport: any MailTransport
    let renderer: MailRenderer
    let policy: DeliveryPolicy
    let logger: Logger
    let outbox = OutboxRepository()
    /// Rows the server accepted whose mark did not reach the database: marked before anything is sent again, and never
    /// sent again by this worker (the Message-ID lets the receiver drop a copy another worker might send).
    let accepted = AcceptedRows()

    public init(
        pool: PQPool, time: any TimeSource, transport: any MailTransport, renderer: MailRenderer, policy: DeliveryPolicy = .standard,
        logger: Logger = Logger(label: "schoolnet.notify")
    ) {
        self.pool = pool
        self.time = time
        self.transport = transport
        self.renderer = renderer
        self.policy = policy
        self.logger = logger
    }

    /// Sends everything due now, batch after batch, until nothing is due; rows that failed wait for a later run.
    public func runOnce() async throws -> DeliveryReport {
        var report = DeliveryReport()
        try await markAccepted()
        while true {
            let now = time.now()
            let claimed = try await pool.withTransaction { [outbox, policy] conn in
                try outbox.claim(limit: policy.batch, now: now, leaseUntil: now.addingTimeInterval(policy.lease), on: conn)
            }
            if claimed.isEmpty { return report }
            for row in claimed {
                if accepted.contains(row.id) {
                    try await markAccepted()
                    continue
                }
                // A reminder or digest takes a second look just before it goes (ScheduledMail.swift).
                if try await voidIfUnwanted(row) {
                    report.voided += 1
                    continue
                }
                do {
                    let message = try renderer.render(row, at: time.now())
                    try await transport.send(message)
                } catch {
                    let retryAt = policy.retryAt(afterAttempt: row.attempts, now: time.now())
                    let failedAt = time.now()
                    try await pool.withTransaction { [outbox] conn in
                        try outbox.markFailed(row.id, error: "\(error)", retryAt: retryAt, at: failedAt, on: conn)
                    }
                    if retryAt == nil {
                        report.parked += 1
                        logger.error("outbox row parked after \(row.attempts) attempts", metadata: ["outbox": "\(row.id)", "kind": "\(row.kind)"])
                    } else {
                        report.retrying += 1
                        logger.warning("outbox row not sent; will retry", metadata: ["outbox": "\(row.id)", "attempt": "\(row.attempts)"])
                    }
                    continue
                }
                accepted.insert(row.id)
                try await markAccepted()
                report.sent += 1
            }
        }
    }

    private func markAccepted() async throws {
        let ids = accepted.all()
        guard !ids.isEmpty else { return }
        let now = time.now()
        try await pool.withTransaction { [outbox] conn in
            for id in ids { try outbox.markSent(id, at: now, on: conn) }
        }
        accepted.remove(ids)
    }
}

/// A locked set of outbox ids.
final class AcceptedRows: @unchecked Sendable {
    private let lock = NSLock()
    private var ids: Set<Int64> = []
    func insert(_ id: Int64) { lock.withLock { _ = ids.insert(id) } }
    func contains(_ id: Int64) -> Bool { lock.withLock { ids.contains(id) } }
    func all() -> [Int64] { lock.withLock { Array(ids) } }
    func remove(_ done: [Int64]) { lock.withLock { ids.subtract(done) } }
}

import Foundation
import Logging
import PQ
import SchoolNetDomain
import SchoolNetStore

/// How the worker retries: the n-th failed attempt waits `base * 2^(n-1)` (at most `maxDelay`) before the next; after
/// `maxAttempts` attempts a row is parked for a person to look at. `lease` hides a claimed batch from other workers
/// while it is being sent; it must exceed a batch's sending time (the SMTP timeout times a few replies, times `batch`).
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
/// many, never send the same row while its lease lasts. Each row is stamped `sending_at` (committed) before it is
/// handed to SMTP and unstamped with its outcome; a row found stamped after its lease belonged to a worker that died in
/// between, and is parked rather than sent again (DESIGN item 30).
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
    let wake = WakeSignal()

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

    /// Sends everything due now, batch after batch, until nothing is due (or `stop()` was called); rows that failed wait
    /// for a later run.
    public func runOnce() async throws -> DeliveryReport {
        do {
            let report = try await deliverDue()
            await transport.finishBatch()
            return report
        } catch {
            await transport.finishBatch()
            throw error
        }
    }

    private func deliverDue() async throws -> DeliveryReport {
        var report = DeliveryReport()
        try await markAccepted(thenSending: nil)
        while !wake.isStopped {
            let now = time.now()
            let lease = now.addingTimeInterval(policy.lease)
            let (abandoned, claimed) = try await pool.withTransaction { [outbox, policy] conn in
                (
                    try outbox.parkAbandoned(now: now, on: conn),
                    try outbox.claim(limit: policy.batch, now: now, leaseUntil: lease, on: conn)
                )
            }
            for id in abandoned {
                report.parked += 1
                logger.error("outbox row parked: its worker stopped between sending and recording", metadata: ["outbox": "\(id)"])
            }
            if claimed.isEmpty { return report }
            for (index, row) in claimed.enumerated() {
                if wake.isStopped {
                    // Shutting down: the untried rows are due again at once, not after the lease.
                    let rest = claimed[index...].map(\.id)
                    try await markAccepted(thenSending: nil)
                    let now = time.now()
                    try await pool.withTransaction { [outbox] conn in try outbox.release(rest, now: now, on: conn) }
                    return report
                }
                if accepted.contains(row.id) {
                    try await markAccepted(thenSending: nil)
                    continue
                }
                let message: MailMessage
                do {
                    message = try renderer.render(row, at: time.now())
                } catch {
                    try await recordFailure(row, error: error, permanent: true, into: &report)
                    continue
                }
                // The previous row's "sent" and this row's "sending" in one commit.
                guard try await markAccepted(thenSending: (row.id, lease)) else {
                    logger.warning("outbox row skipped: its lease ran out and another worker has it", metadata: ["outbox": "\(row.id)"])
                    continue
                }
                // A reminder or digest takes a second look just before it goes (ScheduledMail.swift).
                if try await voidIfUnwanted(row) {
                    report.voided += 1
                    continue
                }
                do {
                    try await transport.send(message)
                } catch {
                    try await recordFailure(row, error: error, permanent: (error as? MailTransportError)?.permanent == true, into: &report)
                    continue
                }
                accepted.insert(row.id)
                report.sent += 1
            }
            try await markAccepted(thenSending: nil)
        }
        return report
    }

    private func recordFailure(_ row: OutboxMessage, error: any Error, permanent: Bool, into report: inout DeliveryReport) async throws {
        let failedAt = time.now()
        let retryAt = permanent ? nil : policy.retryAt(afterAttempt: row.attempts, now: failedAt)
        try await pool.withTransaction { [outbox] conn in
            try outbox.markFailed(row.id, error: "\(error)", retryAt: retryAt, at: failedAt, on: conn)
        }
        if retryAt == nil {
            report.parked += 1
            logger.error(
                "outbox row parked after \(row.attempts) attempts", metadata: ["outbox": "\(row.id)", "kind": "\(row.kind)", "error": "\(error)"])
        } else {
            report.retrying += 1
            logger.warning("outbox row not sent; will retry", metadata: ["outbox": "\(row.id)", "attempt": "\(row.attempts)", "error": "\(error)"])
        }
    }

    /// Marks the accepted rows sent and stamps `sending` (if any) in one transaction; false when `sending` is no longer
    /// this worker's to send.
    @discardableResult
    private func markAccepted(thenSending sending: (id: Int64, lease: Date)?) async throws -> Bool {
        let ids = accepted.all()
        guard !ids.isEmpty || sending != nil else { return true }
        let now = time.now()
        let mine = try await pool.withTransaction { [outbox] conn in
            for id in ids { try outbox.markSent(id, at: now, on: conn) }
            return try sending.map { try outbox.markSending($0.id, lease: $0.lease, at: now, on: conn) } ?? true
        }
        accepted.remove(ids)
        return mine
    }

    /// Runs until `stop()`: delivers what is due at start, whenever a NOTIFY on the outbox's channel says rows were
    /// committed, and every `pollInterval` (retries falling due, and a lost NOTIFY while the listener reconnects). A
    /// failed run (the database away) is logged and tried again at the next wake-up.
    public func run(pollInterval: Duration = .seconds(30)) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { [pool, wake, logger] in
                do {
                    for try await _ in pool.notifications(channel: OutboxRepository.channel) { wake.signal() }
                } catch {
                    logger.warning("outbox LISTEN failed; polling only", metadata: ["error": "\(error)"])
                }
            }
            group.addTask { [wake] in
                while !wake.isStopped {
                    try? await Task.sleep(for: pollInterval)
                    wake.signal()
                }
            }
            wake.signal()
            for await _ in wake.stream {
                do {
                    let report = try await runOnce()
                    if report != DeliveryReport() {
                        logger.info(
                            "outbox delivered", metadata: ["sent": "\(report.sent)", "retrying": "\(report.retrying)", "parked": "\(report.parked)"])
                    }
                } catch {
                    logger.error("outbox delivery failed; will try again", metadata: ["error": "\(error)"])
                }
            }
            group.cancelAll()
        }
    }

    /// Ends `run` once the message being sent is recorded; rows claimed but not tried are given back at once.
    public func stop() { wake.stop() }
}

/// Wake-ups for `DeliveryWorker.run`: many signals while a run is busy make one more run, not many.
final class WakeSignal: @unchecked Sendable {
    private let lock = NSLock()
    private var stopped = false
    let stream: AsyncStream<Void>
    private let continuation: AsyncStream<Void>.Continuation

    init() { (stream, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1)) }

    var isStopped: Bool { lock.withLock { stopped } }
    func signal() { continuation.yield() }
    func stop() {
        lock.withLock { stopped = true }
        continuation.finish()
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

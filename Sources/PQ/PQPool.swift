import Foundation
import Logging

/// How busy a pool is right now.
public struct PQPoolStats: Sendable, Equatable, CustomStringConvertible {
    public var inUse: Int
    public var idle: Int
    public var waiting: Int

    public init(inUse: Int, idle: Int, waiting: Int) {
        self.inUse = inUse
        self.idle = idle
        self.waiting = waiting
    }

    public var description: String { "inUse: \(inUse), idle: \(idle), waiting: \(waiting)" }
}

/// Connections for async code. Bodies are synchronous and run on threads the pool owns (one per
/// connection), never on Swift's cooperative pool; the awaiting task suspends meanwhile.
public final class PQPool: Sendable {
    public let configuration: PQConfiguration
    public let size: Int
    /// How long `withConnection` waits for a free connection before throwing `.poolTimeout`.
    public let acquireTimeout: Duration

    private struct Waiter {
        let id: UInt64
        let continuation: CheckedContinuation<PQWorker, any Error>
        var timer: Task<Void, Never>?
    }

    private struct State {
        var idle: [PQWorker] = []
        var all: [PQWorker] = []
        var leased = 0
        var waiters: [Waiter] = []
        var nextID: UInt64 = 0
        var isShutDown = false
        var drained: [CheckedContinuation<Void, Never>] = []
        var lastUnavailable: (PQError, ContinuousClock.Instant)?
    }

    private let state = PQLocked(State())

    public init(configuration: PQConfiguration, size: Int = 8, acquireTimeout: Duration = .seconds(30)) {
        self.configuration = configuration
        self.size = max(1, size)
        self.acquireTimeout = acquireTimeout
    }

    deinit {
        // Threads of a pool dropped without shutdown() must not linger.
        let workers = state.withLock { $0.all }
        for worker in workers { Task { await worker.stop() } }
    }

    public var stats: PQPoolStats {
        state.withLock { PQPoolStats(inUse: $0.leased, idle: $0.idle.count, waiting: $0.waiters.count) }
    }

    /// Runs `body` with a connection on a pool thread. Task cancellation cancels the running query and
    /// returns at once; the connection goes back to the pool only when the query has really ended.
    @discardableResult
    public func withConnection<T: Sendable>(
        statementTimeout: Duration? = nil, _ body: @escaping @Sendable (PQConnection) throws -> T
    ) async throws -> T {
        let worker = try await acquire()
        do {
            return try await worker.run(
                { conn in
                    guard let statementTimeout else { return try body(conn) }
                    try conn.query("SELECT set_config('statement_timeout', $1, false)", [PQPool.milliseconds(statementTimeout)])
                    defer { _ = try? conn.command("RESET statement_timeout") }
                    return try body(conn)
                }, onFinish: { [self] in release(worker) })
        } catch let error as PQError {
            noteUnavailability(error)
            throw error
        }
    }

    /// The most recent error saying the server cannot take work (disk full, read-only, shutting down),
    /// if one was seen within `window`: what a readiness check reports beyond "SELECT 1 works".
    public func recentUnavailability(within window: Duration) -> PQError? {
        state.withLock { s in
            guard let (error, at) = s.lastUnavailable, ContinuousClock.now - at <= window else { return nil }
            return error
        }
    }

    private func noteUnavailability(_ error: PQError) {
        guard error.isServerUnavailable else { return }
        state.withLock { $0.lastUnavailable = (error, ContinuousClock.now) }
    }

    /// Runs `body` in a transaction on a pool thread; a serialization failure or deadlock re-runs
    /// it on a fresh acquire up to `retries` more times, with backoff.
    @discardableResult
    public func withTransaction<T: Sendable>(
        isolation: PQIsolation? = nil, readOnly: Bool = false, retries: Int = 0, statementTimeout: Duration? = nil,
        timeouts: PQTimeouts? = nil, _ body: @escaping @Sendable (PQConnection) throws -> T
    ) async throws -> T {
        var attempt = 0
        while true {
            do {
                return try await withConnection { conn in
                    try conn.transaction(isolation: isolation, readOnly: readOnly) { conn in
                        if let statementTimeout {
                            try conn.query("SELECT set_config('statement_timeout', $1, true)", [PQPool.milliseconds(statementTimeout)])
                        }
                        if let timeouts { try timeouts.apply(conn) }
                        return try body(conn)
                    }
                }
            } catch let error as PQError where error.isRetryable && attempt < retries {
                attempt += 1
                configuration.logger.debug("retrying transaction", metadata: ["attempt": "\(attempt)", "kind": "\(error.kind)"])
                try await Task.sleep(for: .seconds(PQBackoff.delay(attempt: attempt)))
            }
        }
    }

    /// Waits for running bodies to finish, fails waiting ones, and closes every connection.
    public func shutdown() async {
        let (waiters, mustDrain) = state.withLock { s -> ([Waiter], Bool) in
            s.isShutDown = true
            let w = s.waiters
            s.waiters = []
            return (w, s.leased > 0)
        }
        for waiter in waiters {
            waiter.timer?.cancel()
            waiter.continuation.resume(throwing: PQError(kind: .connection, message: "the pool is shut down"))
        }
        if mustDrain {
            await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
                let ready = state.withLock { s -> Bool in
                    if s.leased == 0 { return true }
                    s.drained.append(c)
                    return false
                }
                if ready { c.resume() }
            }
        }
        let workers = state.withLock { s -> [PQWorker] in
            defer { s.all = []; s.idle = [] }
            return s.all
        }
        for worker in workers { await worker.stop() }
    }

    public static func milliseconds(_ d: Duration) -> String {
        let (s, atto) = d.components
        return String(s * 1000 + atto / 1_000_000_000_000_000)
    }

    // MARK: Acquire and release

    private enum Grant {
        case ready(PQWorker)
        case failed(PQError)
        case waiting
    }

    private func acquire() async throws -> PQWorker {
        let id = state.withLock { s -> UInt64 in
            s.nextID += 1
            return s.nextID
        }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<PQWorker, any Error>) in
                let grant = state.withLock { s -> Grant in
                    if s.isShutDown { return .failed(PQError(kind: .connection, message: "the pool is shut down")) }
                    if Task.isCancelled { return .failed(PQError(kind: .queryCanceled, message: "the task was cancelled")) }
                    if let worker = s.idle.popLast() {
                        s.leased += 1
                        return .ready(worker)
                    }
                    if s.all.count < size {
                        let worker = PQWorker(configuration: configuration, name: "PQ worker \(s.all.count + 1)")
                        s.all.append(worker)
                        s.leased += 1
                        return .ready(worker)
                    }
                    s.waiters.append(Waiter(id: id, continuation: continuation, timer: nil))
                    return .waiting
                }
                switch grant {
                case .ready(let worker): continuation.resume(returning: worker)
                case .failed(let error): continuation.resume(throwing: error)
                case .waiting:
                    let timeout = acquireTimeout
                    let timer = Task { [weak self] in
                        try? await Task.sleep(for: timeout)
                        if Task.isCancelled { return }
                        self?.abandon(
                            id, PQError(kind: .poolTimeout, message: "no pooled connection became free within \(timeout) (pool size \(self?.size ?? 0))"))
                    }
                    let keep = state.withLock { s -> Bool in
                        guard let i = s.waiters.firstIndex(where: { $0.id == id }) else { return false }
                        s.waiters[i].timer = timer
                        return true
                    }
                    if !keep { timer.cancel() }
                }
            }
        } onCancel: {
            abandon(id, PQError(kind: .queryCanceled, message: "the task was cancelled while waiting for a connection"))
        }
    }

    /// Removes a waiter that timed out or was cancelled, failing it with `error`.
    private func abandon(_ id: UInt64, _ error: PQError) {
        let waiter = state.withLock { s -> Waiter? in
            guard let i = s.waiters.firstIndex(where: { $0.id == id }) else { return nil }
            return s.waiters.remove(at: i)
        }
        guard let waiter else { return }
        waiter.timer?.cancel()
        waiter.continuation.resume(throwing: error)
    }

    private func release(_ worker: PQWorker) {
        let (next, drained) = state.withLock { s -> (Waiter?, [CheckedContinuation<Void, Never>]) in
            if !s.waiters.isEmpty { return (s.waiters.removeFirst(), []) }
            s.leased -= 1
            s.idle.append(worker)
            if s.isShutDown && s.leased == 0 {
                defer { s.drained = [] }
                return (nil, s.drained)
            }
            return (nil, [])
        }
        if let next {
            next.timer?.cancel()
            next.continuation.resume(returning: worker)
        }
        for c in drained { c.resume() }
    }
}

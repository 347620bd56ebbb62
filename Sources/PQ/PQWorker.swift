import CLibPQ
import Foundation

/// One pooled connection and the thread that owns it: every libpq call for this connection runs
/// on that thread, so no Swift cooperative thread ever blocks on the network.
final class PQWorker: @unchecked Sendable {
    private enum Job {
        case run(@Sendable () -> Void)
        case stop(@Sendable () -> Void)
    }

    let configuration: PQConfiguration
    private let jobs = NSCondition()
    private var queue: [Job] = []
    /// Touched only on the worker thread.
    private var connection: PQConnection?
    private let cancellation = PQCancellation()

    init(configuration: PQConfiguration, name: String) {
        self.configuration = configuration
        let thread = Thread { [self] in
            PQWorker.nameCurrentThread(name)
            loop()
        }
        thread.start()
    }

    /// Names the OS thread from inside it: on Linux a new thread otherwise keeps its creator's
    /// name (a cooperative pool thread's), and Foundation's setter may race with thread start.
    static func nameCurrentThread(_ name: String) {
        #if os(Linux)
        // Glibc's pthread_setname_np is not visible to Swift; the kernel's comm file does the same.
        if let file = fopen("/proc/thread-self/comm", "w") {
            fputs(String(name.utf8.prefix(15))!, file)
            fclose(file)
        }
        #else
        Thread.current.name = name
        #endif
    }

    private func loop() {
        while true {
            jobs.lock()
            while queue.isEmpty { jobs.wait() }
            let job = queue.removeFirst()
            jobs.unlock()
            switch job {
            case .run(let work):
                work()
            case .stop(let done):
                cancellation.setCanceller(nil)
                connection = nil
                done()
                return
            }
        }
    }

    private func submit(_ job: Job) {
        jobs.lock()
        queue.append(job)
        jobs.signal()
        jobs.unlock()
    }

    /// Runs `body` on this worker's thread with a live connection; the task awaits without blocking.
    /// Cancelling the task flags the job, asks the server to cancel the query in flight (on a thread of
    /// its own: PQcancel opens a connection and may block as long as the server does) and resumes the
    /// task at once with `.queryCanceled`, without waiting for the query to end. `onFinish` runs on this
    /// worker's thread once the job has really ended (the pool hands the connection on only then).
    func run<T: Sendable>(
        _ body: @escaping @Sendable (PQConnection) throws -> T, onFinish: @escaping @Sendable () -> Void = {}
    ) async throws -> T {
        let flag = PQCancelFlag()
        let once = PQResumeOnce<T>()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
                once.set(continuation)
                submit(
                    .run { [self] in
                        let result = Result { try withLiveConnection(flag: flag, body) }
                        onFinish()
                        once.resume(with: result)
                    })
            }
        } onCancel: {
            cancellation.cancel(flag)
            once.resume(with: .failure(PQError(kind: .queryCanceled, message: "the task was cancelled")))
        }
    }

    /// Closes the connection and ends the thread once queued work is done.
    func stop() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            submit(.stop { continuation.resume() })
        }
    }

    private func withLiveConnection<T>(flag: PQCancelFlag, _ body: (PQConnection) throws -> T) throws -> T {
        cancellation.begin(flag)
        defer { cancellation.end() }
        if flag.isCancelled { throw PQError(kind: .queryCanceled, message: "the task was cancelled") }
        if let existing = connection, !existing.pollIsAlive() {
            configuration.logger.debug("replacing a broken pooled connection")
            cancellation.setCanceller(nil)
            connection = nil
        }
        let conn: PQConnection
        if let existing = connection {
            conn = existing
        } else {
            conn = try connectWithBackoff(flag: flag)
            connection = conn
            cancellation.setCanceller(PQgetCancel(conn.handle))
        }
        conn.cancelFlag = flag
        defer {
            conn.cancelFlag = nil
            if !conn.isConnected {
                cancellation.setCanceller(nil)
                connection = nil
            } else if conn.isInTransaction {
                // A body that left a transaction open (or failed inside one) must not hand it on.
                conn.rollbackQuietly("ROLLBACK")
                conn.transactionDepth = 0
            }
        }
        return try body(conn)
    }
}

extension PQWorker {
    /// Opens a connection; when the server refuses for now (max_connections reached, starting up or
    /// shutting down) it retries four times with jittered exponential backoff (about 3 s in all) instead of
    /// failing the request at once. Runs on the worker thread; a cancelled job stops waiting.
    func connectWithBackoff(flag: PQCancelFlag) throws -> PQConnection {
        var attempt = 0
        while true {
            do {
                return try PQConnection(configuration)
            } catch let error as PQError where attempt < 4 && PQWorker.isTransientRefusal(error) && !flag.isCancelled {
                attempt += 1
                configuration.logger.debug("server refused a connection for now; retrying", metadata: ["attempt": "\(attempt)"])
                Thread.sleep(forTimeInterval: 0.1 * pow(2, Double(attempt)) * Double.random(in: 0.5...1.5))
            }
        }
    }

    /// libpq reports a refused startup only as text (no SQLSTATE reaches PQconnectdb's caller).
    static func isTransientRefusal(_ error: PQError) -> Bool {
        let text = error.message
        return text.contains("too many clients") || text.contains("remaining connection slots are reserved")
            || text.contains("too many connections for")
            || text.contains("the database system is starting up") || text.contains("the database system is shutting down")
            || text.contains("the database system is in recovery mode")
    }
}

/// Cancellation of the job a worker is running: the job's flag, which the connection checks between
/// queries, plus PQcancel for the query in flight. PQcancel opens a connection to the server and
/// blocks until it answers, so it runs on a short-lived thread of its own, never under the lock and
/// never on the cancelling (cooperative) thread; the handle it uses is reference-counted so closing
/// or replacing the connection meanwhile cannot free it under it.
final class PQCancellation: @unchecked Sendable {
    private let lock = NSLock()
    private var current: PQCancelFlag?
    private var canceller: PQCancelHandle?

    /// Called on the worker thread when a job starts running.
    func begin(_ flag: PQCancelFlag) { lock.withLock { current = flag } }

    /// Called on the worker thread when the job has ended.
    func end() { lock.withLock { current = nil } }

    /// Flags the job; when it is the one running, asks the server to cancel its query.
    func cancel(_ flag: PQCancelFlag) {
        flag.set(true)
        let handle: PQCancelHandle? = lock.withLock { current === flag ? canceller : nil }
        guard let handle else { return }
        let thread = Thread { [self] in
            PQWorker.nameCurrentThread("PQ cancel")
            // A job that ended meanwhile must not have its successor's query cancelled.
            guard lock.withLock({ current === flag }) else { return }
            handle.cancel()
        }
        thread.start()
    }

    func setCanceller(_ new: OpaquePointer?) {
        lock.withLock { canceller = new.map(PQCancelHandle.init) }
    }
}

/// A PGcancel that lives as long as anyone may still use it.
final class PQCancelHandle: @unchecked Sendable {
    private let raw: OpaquePointer
    init(_ raw: OpaquePointer) { self.raw = raw }
    func cancel() {
        var buffer = [CChar](repeating: 0, count: 256)
        _ = PQcancel(raw, &buffer, Int32(buffer.count))
    }
    deinit { PQfreeCancel(raw) }
}

/// Resumes a continuation exactly once: from the worker when the job ends, or earlier on cancellation.
final class PQResumeOnce<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var continuation: CheckedContinuation<T, any Error>?
    private var early: Result<T, any Error>?
    private var done = false

    func set(_ c: CheckedContinuation<T, any Error>) {
        let pending: Result<T, any Error>? = lock.withLock {
            if done { return nil }
            if let early { done = true; return early }
            continuation = c
            return nil
        }
        if let pending { c.resume(with: pending) }
    }

    func resume(with result: Result<T, any Error>) {
        let c: CheckedContinuation<T, any Error>? = lock.withLock {
            if done { return nil }
            guard let continuation else {
                if early == nil { early = result }
                return nil
            }
            done = true
            self.continuation = nil
            return continuation
        }
        c?.resume(with: result)
    }
}

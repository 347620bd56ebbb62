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
    /// Cancelling the task cancels the running query on the server.
    func run<T: Sendable>(_ body: @escaping @Sendable (PQConnection) throws -> T) async throws -> T {
        let job = cancellation.begin()
        defer { cancellation.end() }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
                submit(.run { [self] in
                    continuation.resume(with: Result { try withLiveConnection(body) })
                })
            }
        } onCancel: {
            cancellation.cancel(job)
        }
    }

    /// Closes the connection and ends the thread once queued work is done.
    func stop() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            submit(.stop { continuation.resume() })
        }
    }

    private func withLiveConnection<T>(_ body: (PQConnection) throws -> T) throws -> T {
        try cancellation.throwIfCancelled()
        if let existing = connection, !existing.pollIsAlive() {
            configuration.logger.debug("replacing a broken pooled connection")
            cancellation.setCanceller(nil)
            connection = nil
        }
        let conn: PQConnection
        if let existing = connection {
            conn = existing
        } else {
            conn = try PQConnection(configuration)
            connection = conn
            cancellation.setCanceller(PQgetCancel(conn.handle))
        }
        conn.cancelFlag = cancellation.flag
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

/// Cancellation of the job a worker is running: a flag the connection checks between queries,
/// plus PQcancel for the query in flight. Job ids keep a late cancel from hitting the next job.
final class PQCancellation: @unchecked Sendable {
    private let lock = NSLock()
    private var current: UInt64 = 0
    private var counter: UInt64 = 0
    private var canceller: OpaquePointer?
    let flag = PQCancelFlag()

    func begin() -> UInt64 {
        lock.withLock {
            counter += 1
            current = counter
            flag.set(false)
            return counter
        }
    }

    func end() {
        lock.withLock {
            current = 0
            flag.set(false)
        }
    }

    func cancel(_ job: UInt64) {
        lock.withLock {
            guard job == current else { return }
            flag.set(true)
            if let canceller {
                var buffer = [CChar](repeating: 0, count: 256)
                _ = PQcancel(canceller, &buffer, Int32(buffer.count))
            }
        }
    }

    func throwIfCancelled() throws {
        if flag.isCancelled { throw PQError(kind: .queryCanceled, message: "the task was cancelled") }
    }

    func setCanceller(_ new: OpaquePointer?) {
        lock.withLock {
            if let canceller { PQfreeCancel(canceller) }
            canceller = new
        }
    }

    deinit { if let canceller { PQfreeCancel(canceller) } }
}

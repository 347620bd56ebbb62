import Foundation

extension PQPool {
    /// COPY ... TO STDOUT as an async sequence of byte chunks (e.g. to stream an export to an HTTP
    /// client). The COPY runs on a pool thread once iteration starts and waits while the consumer
    /// is behind, so memory stays at a few chunks; dropping the iterator cancels the COPY.
    public func copyOut(_ sql: String, chunkSize: Int = 64 * 1024) -> PQCopyOutSequence {
        PQCopyOutSequence(pool: self, sql: sql, chunkSize: chunkSize)
    }
}

/// The chunks of one COPY ... TO STDOUT; iterate it once.
public struct PQCopyOutSequence: AsyncSequence, Sendable {
    public typealias Element = [UInt8]
    let pool: PQPool
    let sql: String
    let chunkSize: Int

    public func makeAsyncIterator() -> Iterator {
        let channel = PQCopyOutChannel(capacity: 4)
        let (pool, sql, chunkSize) = (self.pool, self.sql, self.chunkSize)
        let producer = Task {
            do {
                _ = try await pool.withConnection { conn in
                    try conn.copyOut(sql, chunkSize: chunkSize) { chunk in try channel.put(chunk) }
                }
                channel.finish(nil)
            } catch {
                channel.finish(error)
            }
        }
        return Iterator(channel: channel, producer: producer)
    }

    public final class Iterator: AsyncIteratorProtocol {
        let channel: PQCopyOutChannel
        let producer: Task<Void, Never>

        init(channel: PQCopyOutChannel, producer: Task<Void, Never>) {
            self.channel = channel
            self.producer = producer
        }

        deinit { channel.cancel() }

        public func next() async throws -> [UInt8]? {
            try await withTaskCancellationHandler {
                try await channel.take()
            } onCancel: { [channel] in
                channel.cancel()
            }
        }
    }
}

/// A bounded hand-off from a blocking producer thread to an async consumer.
final class PQCopyOutChannel: @unchecked Sendable {
    private let condition = NSCondition()
    private let capacity: Int
    private var buffer: [[UInt8]] = []
    private var finished = false
    private var failure: (any Error)?
    private var cancelled = false
    private var waitingConsumer: CheckedContinuation<[UInt8]?, any Error>?

    init(capacity: Int) { self.capacity = capacity }

    /// Called on the pool thread; blocks while the buffer is full, throws once the consumer is gone.
    func put(_ chunk: [UInt8]) throws {
        condition.lock()
        while buffer.count >= capacity && !cancelled { condition.wait() }
        if cancelled {
            condition.unlock()
            throw PQError(kind: .queryCanceled, message: "the COPY's consumer stopped reading")
        }
        if let consumer = waitingConsumer {
            waitingConsumer = nil
            condition.unlock()
            consumer.resume(returning: chunk)
            return
        }
        buffer.append(chunk)
        condition.unlock()
    }

    func finish(_ error: (any Error)?) {
        condition.lock()
        finished = true
        failure = error
        let consumer = waitingConsumer
        waitingConsumer = nil
        condition.unlock()
        if let consumer {
            if let error { consumer.resume(throwing: error) } else { consumer.resume(returning: nil) }
        }
    }

    func take() async throws -> [UInt8]? {
        try await withCheckedThrowingContinuation { (c: CheckedContinuation<[UInt8]?, any Error>) in
            condition.lock()
            if !buffer.isEmpty {
                let chunk = buffer.removeFirst()
                condition.signal()
                condition.unlock()
                c.resume(returning: chunk)
            } else if finished || cancelled {
                let error = cancelled ? PQError(kind: .queryCanceled, message: "the task was cancelled") : failure
                condition.unlock()
                if let error { c.resume(throwing: error) } else { c.resume(returning: nil) }
            } else {
                waitingConsumer = c
                condition.unlock()
            }
        }
    }

    func cancel() {
        condition.lock()
        cancelled = true
        let consumer = waitingConsumer
        waitingConsumer = nil
        condition.broadcast()
        condition.unlock()
        consumer?.resume(throwing: PQError(kind: .queryCanceled, message: "the task was cancelled"))
    }
}

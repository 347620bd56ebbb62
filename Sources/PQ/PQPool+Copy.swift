import Foundation

extension PQPool {
    /// COPY ... FROM STDIN fed by an async sequence of byte chunks; at most a few chunks are held
    /// in memory at once (the sequence is read only as fast as the server takes the data).
    @discardableResult
    public func copyIn<S: AsyncSequence & Sendable>(_ sql: String, from chunks: S) async throws -> Int
    where S.Element == [UInt8] {
        let channel = PQChunkChannel(capacity: 4)
        return try await withThrowingTaskGroup(of: Int?.self) { group in
            group.addTask {
                do {
                    for try await chunk in chunks { try await channel.send(chunk) }
                    channel.finish(nil)
                } catch {
                    channel.finish(error)
                }
                return nil
            }
            group.addTask {
                defer { channel.close() }
                return try await self.withConnection { conn in
                    try conn.copyIn(sql) { writer in
                        while let chunk = try channel.next() { try writer.write(chunk) }
                    }
                }
            }
            var rows = 0
            for try await value in group { if let value { rows = value } }
            return rows
        }
    }
}

/// A bounded hand-off from an async producer to a blocking consumer thread: the producer
/// suspends (without blocking a thread) while the buffer is full.
final class PQChunkChannel: @unchecked Sendable {
    private let condition = NSCondition()
    private let capacity: Int
    private var buffer: [[UInt8]] = []
    private var finished = false
    private var failure: (any Error)?
    private var closed = false
    private var waitingProducer: CheckedContinuation<Void, any Error>?

    init(capacity: Int) { self.capacity = capacity }

    func send(_ chunk: [UInt8]) async throws {
        try await withCheckedThrowingContinuation { (c: CheckedContinuation<Void, any Error>) in
            condition.lock()
            if closed {
                condition.unlock()
                c.resume(throwing: PQError(kind: .other, message: "COPY ended before all data was sent"))
                return
            }
            buffer.append(chunk)
            condition.signal()
            if buffer.count < capacity {
                condition.unlock()
                c.resume()
            } else {
                waitingProducer = c
                condition.unlock()
            }
        }
    }

    func finish(_ error: (any Error)?) {
        condition.lock()
        finished = true
        failure = error
        condition.signal()
        condition.unlock()
    }

    /// The next chunk, nil at the end; blocks the (pool) thread while the producer is behind.
    func next() throws -> [UInt8]? {
        condition.lock()
        while buffer.isEmpty && !finished { condition.wait() }
        if !buffer.isEmpty {
            let chunk = buffer.removeFirst()
            let producer = waitingProducer
            waitingProducer = nil
            condition.unlock()
            producer?.resume()
            return chunk
        }
        let error = failure
        condition.unlock()
        if let error { throw error }
        return nil
    }

    /// The consumer is done (or failed): a producer still waiting must not wait forever.
    func close() {
        condition.lock()
        closed = true
        let producer = waitingProducer
        waitingProducer = nil
        condition.unlock()
        producer?.resume(throwing: PQError(kind: .other, message: "COPY ended before all data was sent"))
    }
}

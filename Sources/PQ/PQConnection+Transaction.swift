import CLibPQ
import Foundation

/// Transaction isolation levels.
public enum PQIsolation: String, Sendable {
    case readCommitted = "READ COMMITTED"
    case repeatableRead = "REPEATABLE READ"
    case serializable = "SERIALIZABLE"
}

extension PQConnection {
    /// Runs `body` in a transaction: commits when it returns, rolls back when it throws (or the
    /// owning task was cancelled). Called inside another transaction it uses a savepoint.
    @discardableResult
    public func transaction<T>(
        isolation: PQIsolation? = nil, readOnly: Bool = false, _ body: (PQConnection) throws -> T
    ) throws -> T {
        if transactionDepth > 0 { return try savepoint(body) }
        var begin = "BEGIN"
        if let isolation { begin += " ISOLATION LEVEL \(isolation.rawValue)" }
        if readOnly { begin += " READ ONLY" }
        try command(begin)
        transactionDepth = 1
        defer { transactionDepth = 0 }
        let value: T
        do {
            value = try body(self)
            try checkCancelled()
        } catch {
            rollbackQuietly("ROLLBACK")
            throw error
        }
        try command("COMMIT")
        return value
    }

    /// Re-runs the whole transaction when it fails with a serialization failure (40001) or a
    /// deadlock (40P01), at most `retries` more times, sleeping a little longer each time.
    @discardableResult
    public func transaction<T>(
        isolation: PQIsolation? = nil, readOnly: Bool = false, retries: Int, _ body: (PQConnection) throws -> T
    ) throws -> T {
        var attempt = 0
        while true {
            do {
                return try transaction(isolation: isolation, readOnly: readOnly, body)
            } catch let error as PQError where error.isRetryable && attempt < retries && transactionDepth == 0 {
                attempt += 1
                Thread.sleep(forTimeInterval: PQBackoff.delay(attempt: attempt))
            }
        }
    }

    private func savepoint<T>(_ body: (PQConnection) throws -> T) throws -> T {
        let name = "pq_sp_\(transactionDepth)"
        try command("SAVEPOINT \(name)")
        transactionDepth += 1
        defer { transactionDepth -= 1 }
        do {
            let value = try body(self)
            try command("RELEASE SAVEPOINT \(name)")
            return value
        } catch {
            rollbackQuietly("ROLLBACK TO SAVEPOINT \(name)")
            throw error
        }
    }

    /// A fixed statement without parameters, sent as-is (BEGIN, COMMIT, SAVEPOINT ...).
    func command(_ sql: String) throws {
        logger.debug("query", metadata: ["sql": "\(sql)"])
        _ = try check(PQexec(handle, sql), sql: sql)
    }

    // The error that made us roll back is the one worth reporting; a failed ROLLBACK on a broken
    // connection is recorded in the connection status for the pool to see.
    func rollbackQuietly(_ sql: String) {
        guard PQstatus(handle) == CONNECTION_OK else { return }
        if let r = PQexec(handle, sql) { PQclear(r) }
    }
}

/// Exponential backoff with jitter for transaction retries.
enum PQBackoff {
    static func delay(attempt: Int) -> TimeInterval {
        let base = 0.005 * pow(2, Double(min(attempt, 8)))
        return min(1.0, base) * Double.random(in: 0.5...1.5)
    }
}

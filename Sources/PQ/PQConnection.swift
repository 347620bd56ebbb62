import CLibPQ
import Foundation
import Logging

/// One PostgreSQL connection. Calls block the calling thread; use it from one thread at a time
/// (PQPool runs it on a thread of its own).
public final class PQConnection {
    let handle: OpaquePointer
    public let configuration: PQConfiguration
    var logger: Logger
    var statements: PQStatementCache
    var transactionDepth = 0
    var params = PQParameterBuffer()
    /// Set by the pool when the task that owns this call is cancelled.
    var cancelFlag: PQCancelFlag?
    /// Set when the server announced, while we were idle, that it is closing this session.
    var serverEndedSession = false

    /// Opens a connection; a failure names host, port and database (never the password) and libpq's reason.
    public init(_ configuration: PQConfiguration) throws {
        self.configuration = configuration
        self.logger = configuration.logger
        self.statements = PQStatementCache(capacity: max(0, configuration.statementCacheCapacity))
        var keywords = configuration.keywords
        if !keywords.contains(where: { $0.0 == "client_encoding" }) { keywords.append(("client_encoding", "UTF8")) }
        let conn: OpaquePointer? = PQConnection.connect(keywords)
        guard let conn else {
            throw PQError(kind: .connection, message: "could not connect to \(configuration): libpq is out of memory")
        }
        guard PQstatus(conn) == CONNECTION_OK else {
            let error = PQConnection.connectError(conn, configuration)
            PQfinish(conn)
            throw error
        }
        handle = conn
        PQsetNoticeReceiver(
            handle,
            { arg, result in
                guard let arg, let result else { return }
                let connection = Unmanaged<PQConnection>.fromOpaque(arg).takeUnretainedValue()
                let text = String(cString: PQresultErrorMessage(result)).trimmingTrailingNewlines()
                // An error arriving while idle (pg_terminate_backend, shutdown) reaches libpq as a notice.
                if let severity = PQresultErrorField(result, Int32(UInt8(ascii: "V"))),
                    ["FATAL", "PANIC"].contains(String(cString: severity))
                {
                    connection.serverEndedSession = true
                }
                connection.logger.debug("server notice", metadata: ["notice": "\(text)"])
            }, Unmanaged.passUnretained(self).toOpaque())
    }

    deinit { PQfinish(handle) }

    private static func connect(_ keywords: [(String, String)]) -> OpaquePointer? {
        let keys = keywords.map { strdup($0.0) } + [nil]
        let values = keywords.map { strdup($0.1) } + [nil]
        defer {
            keys.forEach { free($0) }
            values.forEach { free($0) }
        }
        return keys.map { UnsafePointer($0) }.withUnsafeBufferPointer { k in
            values.map { UnsafePointer($0) }.withUnsafeBufferPointer { v in
                PQconnectdbParams(k.baseAddress, v.baseAddress, 1)
            }
        }
    }

    private static func connectError(_ conn: OpaquePointer, _ configuration: PQConfiguration) -> PQError {
        func text(_ p: UnsafeMutablePointer<CChar>?) -> String { p.map { String(cString: $0) } ?? "" }
        var host = text(PQhost(conn)), port = text(PQport(conn)), database = text(PQdb(conn))
        if host.isEmpty { host = "(default)" }
        if port.isEmpty { port = "(default)" }
        if database.isEmpty { database = "(default)" }
        var reason = String(cString: PQerrorMessage(conn)).trimmingTrailingNewlines()
        for secret in [configuration.password, configuration.options["password"], PQpass(conn).map { String(cString: $0) }] {
            if let secret, !secret.isEmpty { reason = reason.replacingOccurrences(of: secret, with: "***") }
        }
        return PQError(kind: .connection, message: "could not connect to host \(host) port \(port) database \(database): \(reason)")
    }

    /// True while libpq considers the connection usable.
    public var isConnected: Bool { PQstatus(handle) == CONNECTION_OK }

    /// The value libpq uses for a connection keyword (e.g. "keepalives"), nil when unset; never the password.
    public func connectionOption(_ keyword: String) -> String? {
        guard keyword != "password", let options = PQconninfo(handle) else { return nil }
        defer { PQconninfoFree(options) }
        var p = options
        while let key = p.pointee.keyword {
            if String(cString: key) == keyword { return p.pointee.val.map { String(cString: $0) } }
            p += 1
        }
        return nil
    }

    /// The server process serving this connection (for pg_cancel_backend and logs).
    public var backendPID: Int32 { PQbackendPID(handle) }

    /// Number of statements currently prepared through the cache.
    public var cachedStatementCount: Int { statements.count }

    /// True when a transaction is open (including a failed one awaiting ROLLBACK).
    public var isInTransaction: Bool {
        let status = PQtransactionStatus(handle)
        return status == PQTRANS_INTRANS || status == PQTRANS_INERROR || status == PQTRANS_ACTIVE
    }

    /// Reconnects with the same settings; the server forgets prepared statements, so does the cache.
    public func reset() throws {
        PQreset(handle)
        serverEndedSession = false
        statements.clear()
        transactionDepth = 0
        guard PQstatus(handle) == CONNECTION_OK else { throw PQConnection.connectError(handle, configuration) }
    }

    /// Reads whatever the server sent while idle; false when that shows the connection is gone
    /// (e.g. the backend was terminated).
    func pollIsAlive() -> Bool {
        guard PQstatus(handle) == CONNECTION_OK else { return false }
        // A terminated backend sends a FATAL message and then closes: the first read consumes the
        // message, a later one meets the end of the stream, so keep reading while data is waiting.
        // PQisBusy parses what was read, handing a FATAL message to the notice receiver.
        var fds = pollfd(fd: PQsocket(handle), events: Int16(POLLIN), revents: 0)
        var rounds = 0
        while rounds < 8, poll(&fds, 1, 0) > 0 {
            if PQconsumeInput(handle) == 0 { return false }
            _ = PQisBusy(handle)
            rounds += 1
        }
        return PQstatus(handle) == CONNECTION_OK && !serverEndedSession
    }

    /// Quotes an identifier (table, column, channel name) with PQescapeIdentifier.
    public func escapeIdentifier(_ identifier: String) throws -> String {
        let utf8 = Array(identifier.utf8)
        guard let escaped = PQescapeIdentifier(handle, identifier, utf8.count) else {
            throw PQError(connection: handle, context: "could not escape identifier")
        }
        defer { PQfreemem(escaped) }
        return String(cString: escaped)
    }

    // MARK: Queries

    /// Runs a statement with bound parameters and returns its rows.
    @discardableResult
    public func query(_ sql: String, _ parameters: [any PQEncodable] = [], planning: PQPlanning = .cached) throws -> PQRows {
        PQRows(try run(sql, parameters, planning: planning))
    }

    /// Runs a statement with bound parameters and returns the number of rows it affected.
    @discardableResult
    public func execute(_ sql: String, _ parameters: [any PQEncodable] = [], planning: PQPlanning = .cached) throws -> Int {
        try run(sql, parameters, planning: planning).affectedRows
    }

    /// Runs SQL text with no parameters through the simple protocol (several statements allowed,
    /// e.g. a migration file). Only for trusted SQL: it takes no values.
    public func executeScript(_ sql: String) throws {
        try checkCancelled()
        logger.debug("script", metadata: ["sql": "\(sql)"])
        _ = try check(PQexec(handle, sql), sql: sql)
    }

    func checkCancelled() throws {
        if let cancelFlag, cancelFlag.isCancelled {
            throw PQError(kind: .queryCanceled, message: "the task was cancelled")
        }
    }

    func run(_ sql: String, _ parameters: [any PQEncodable], planning: PQPlanning = .cached) throws -> PQResult {
        try checkCancelled()
        try params.encode(parameters)
        logger.debug("query", metadata: ["sql": "\(sql)", "parameters": "\(parameters.count)"])
        if statements.isEnabled && planning == .cached {
            let name = try preparedName(sql)
            let raw = params.withPointers { n, _, values, lengths, formats in
                PQexecPrepared(handle, name, n, values, lengths, formats, 1)
            }
            do {
                return try check(raw, sql: sql)
            } catch let error as PQError {
                forgetIfStale(error, sql)
                throw error
            }
        }
        let raw = params.withPointers { n, types, values, lengths, formats in
            PQexecParams(handle, sql, n, types, values, lengths, formats, 1)
        }
        return try check(raw, sql: sql)
    }

    /// The cached statement for `sql` with the current parameter types, preparing it on a miss.
    func preparedName(_ sql: String) throws -> String {
        let key = PQStatementCache.Key(sql: sql, types: params.types)
        if let name = statements.lookup(key) { return name }
        deallocateEvicted()
        let name = statements.makeName()
        let raw = params.types.withUnsafeBufferPointer { types in
            PQprepare(handle, name, sql, Int32(types.count), types.baseAddress)
        }
        _ = try check(raw, sql: sql)
        statements.insert(key, name: name)
        return name
    }

    private func deallocateEvicted() {
        guard !statements.pendingDeallocation.isEmpty, PQtransactionStatus(handle) == PQTRANS_IDLE else { return }
        for name in statements.takePendingDeallocation() {
            if let r = PQexec(handle, "DEALLOCATE \(name)") { PQclear(r) }
        }
    }

    /// Drops a cached statement the server no longer accepts: gone after DISCARD ALL (26000),
    /// or its result type changed under it (0A000, "cached plan must not change result type").
    func forgetIfStale(_ error: PQError, _ sql: String) {
        guard error.sqlState == .invalidSqlStatementName || error.sqlState == .featureNotSupported else { return }
        let key = PQStatementCache.Key(sql: sql, types: params.types)
        if error.sqlState == .featureNotSupported {
            statements.retire(key)
        } else {
            _ = statements.remove(key)
        }
    }

    /// Wraps a PGresult, turning failures into PQError (fields copied before the result is cleared).
    func check(_ raw: OpaquePointer?, sql: String, allowCopy: Bool = false) throws -> PQResult {
        guard let raw else { throw PQError(connection: handle, context: "query failed") }
        let result = PQResult(raw)
        switch PQresultStatus(raw) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY, PGRES_SINGLE_TUPLE:
            return result
        case PGRES_COPY_IN, PGRES_COPY_OUT:
            if allowCopy { return result }
            abandonCopy()
            throw PQError(kind: .other, message: "COPY FROM STDIN / TO STDOUT runs through copyIn or copyOut, not query or execute")
        default:
            let error = PQError(result: raw, connection: handle)
            logger.debug("query failed", metadata: ["sql": "\(sql)", "sqlstate": "\(error.sqlState?.rawValue ?? "-")"])
            throw error
        }
    }
}

extension PQConnection {
    /// Leaves a COPY that was started by the wrong call, so the connection stays usable.
    func abandonCopy() {
        _ = PQputCopyEnd(handle, "COPY started outside copyIn")
        var buffer: UnsafeMutablePointer<CChar>? = nil
        while PQgetCopyData(handle, &buffer, 0) > 0 {
            PQfreemem(buffer)
            buffer = nil
        }
        while let raw = PQgetResult(handle) {
            let status = PQresultStatus(raw)
            PQclear(raw)
            if status == PGRES_COPY_IN || status == PGRES_COPY_OUT { break }
        }
    }
}

/// A flag the pool sets from another thread when the awaiting task is cancelled.
final class PQCancelFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isCancelled: Bool { lock.withLock { value } }
    func set(_ cancelled: Bool) { lock.withLock { value = cancelled } }
}

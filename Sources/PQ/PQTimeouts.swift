/// Server-side bounds for one transaction, applied with `set_config(..., true)` so they end with it:
/// how long one statement may run, how long it may wait for a lock, and how long the transaction may
/// sit idle. A bound the server enforces also holds when the client has vanished.
public struct PQTimeouts: Sendable, Equatable {
    /// statement_timeout: cancels a statement running longer (SQLSTATE 57014).
    public var statement: Duration?
    /// lock_timeout: fails a statement waiting longer for a lock (SQLSTATE 55P03).
    public var lock: Duration?
    /// idle_in_transaction_session_timeout: ends the session when the transaction idles longer.
    public var idleInTransaction: Duration?

    public init(statement: Duration? = nil, lock: Duration? = nil, idleInTransaction: Duration? = nil) {
        self.statement = statement
        self.lock = lock
        self.idleInTransaction = idleInTransaction
    }

    /// Sets the bounds for the current transaction in one round trip.
    public func apply(_ conn: PQConnection) throws {
        var settings: [(String, Duration)] = []
        if let statement { settings.append(("statement_timeout", statement)) }
        if let lock { settings.append(("lock_timeout", lock)) }
        if let idleInTransaction { settings.append(("idle_in_transaction_session_timeout", idleInTransaction)) }
        guard !settings.isEmpty else { return }
        let calls = settings.indices.map { "set_config('\(settings[$0].0)', $\($0 + 1), true)" }.joined(separator: ", ")
        try conn.query("SELECT \(calls)", settings.map { PQPool.milliseconds($0.1) })
    }

    /// Sets the bounds for the whole session (for work that runs several transactions of its own).
    public func applyToSession(_ conn: PQConnection) throws {
        for (name, value) in [("statement_timeout", statement), ("lock_timeout", lock), ("idle_in_transaction_session_timeout", idleInTransaction)] {
            if let value { try conn.query("SELECT set_config($1, $2, false)", [name, PQPool.milliseconds(value)]) }
        }
    }

    /// Returns the session to the server's defaults.
    public func resetSession(_ conn: PQConnection) {
        for name in ["statement_timeout", "lock_timeout", "idle_in_transaction_session_timeout"] { _ = try? conn.command("RESET \(name)") }
    }
}

import CLibPQ

/// The one error PQ throws: what went wrong (kind, SQLSTATE) and the server's diagnostic fields.
public struct PQError: Error, Sendable, CustomStringConvertible {
    /// What a caller usually branches on; derived from the SQLSTATE, or set by PQ itself.
    public enum Kind: String, Sendable, Hashable {
        case uniqueViolation, foreignKeyViolation, checkViolation, exclusionViolation, notNullViolation
        case serializationFailure, deadlock, queryCanceled, connection, decoding, poolTimeout, other
    }

    public var kind: Kind
    public var sqlState: SQLState?
    public var message: String
    public var detail: String?
    public var hint: String?
    public var constraint: String?
    public var schema: String?
    public var table: String?
    public var column: String?
    /// 1-based character offset into the SQL text, when the server reports one.
    public var position: Int?

    public init(
        kind: Kind, sqlState: SQLState? = nil, message: String, detail: String? = nil, hint: String? = nil,
        constraint: String? = nil, schema: String? = nil, table: String? = nil, column: String? = nil,
        position: Int? = nil
    ) {
        self.kind = kind
        self.sqlState = sqlState
        self.message = message
        self.detail = detail
        self.hint = hint
        self.constraint = constraint
        self.schema = schema
        self.table = table
        self.column = column
        self.position = position
    }

    /// True when the server cannot take work right now whatever the statement: insufficient resources
    /// (class 53: disk full, out of memory, too many connections), read-only (25006: a standby or
    /// default_transaction_read_only), operator intervention (class 57P: shutdown, crash, cannot connect now).
    public var isServerUnavailable: Bool {
        guard let sqlState else { return false }
        return sqlState.errorClass == "53" || sqlState == .readOnlySqlTransaction || sqlState.rawValue.hasPrefix("57P")
    }

    /// True for the errors a whole transaction may be retried after (40001, 40P01).
    public var isRetryable: Bool { kind == .serializationFailure || kind == .deadlock }

    public static func kind(for state: SQLState) -> Kind {
        switch state {
        case .uniqueViolation: return .uniqueViolation
        case .foreignKeyViolation: return .foreignKeyViolation
        case .checkViolation: return .checkViolation
        case .exclusionViolation: return .exclusionViolation
        case .notNullViolation: return .notNullViolation
        case .serializationFailure: return .serializationFailure
        case .deadlockDetected: return .deadlock
        case .queryCanceled: return .queryCanceled
        case .adminShutdown, .crashShutdown, .cannotConnectNow: return .connection
        default: return state.errorClass == "08" ? .connection : .other
        }
    }

    // DETAIL and HINT are left out on purpose: PostgreSQL puts row values there
    // ("Key (email)=(...) already exists"), and for data exceptions (class 22) the message quotes
    // the offending input, so that part is masked.
    public var description: String {
        var text = "PQError.\(kind.rawValue)"
        if let sqlState { text += " [\(sqlState)]" }
        text += ": " + (sqlState?.errorClass == "22" ? PQError.maskQuoted(message) : message)
        if let constraint { text += " (constraint \(constraint))" }
        if let table { text += " (table \(table))" }
        if let column { text += " (column \(column))" }
        if let position { text += " (at character \(position))" }
        return text
    }

    static func maskQuoted(_ message: String) -> String {
        var out = ""
        var inQuote = false
        for ch in message {
            if ch == "\"" {
                out.append(ch)
                if !inQuote { out += "…" }
                inQuote.toggle()
            } else if !inQuote {
                out.append(ch)
            }
        }
        return out
    }

    static func decoding(_ message: String, column: String? = nil) -> PQError {
        PQError(kind: .decoding, message: message, column: column)
    }
}

extension PQError {
    /// Copies every diagnostic field out of a PGresult; call before PQclear.
    init(result: OpaquePointer, connection: OpaquePointer?) {
        func field(_ code: Int32) -> String? {
            guard let p = PQresultErrorField(result, code) else { return nil }
            return String(cString: p)
        }
        // PG_DIAG_* are char codes in postgres_ext.h; libpq exports them as macros Swift cannot import.
        let state = field(Int32(UInt8(ascii: "C"))).map(SQLState.init(rawValue:))
        var message =
            field(Int32(UInt8(ascii: "M")))
            ?? String(cString: PQresultErrorMessage(result)).trimmingTrailingNewlines()
        if message.isEmpty, let connection { message = String(cString: PQerrorMessage(connection)).trimmingTrailingNewlines() }
        let broken = connection.map { PQstatus($0) != CONNECTION_OK } ?? false
        self.init(
            kind: state.map(PQError.kind(for:)) ?? (broken ? .connection : .other),
            sqlState: state,
            message: message,
            detail: field(Int32(UInt8(ascii: "D"))),
            hint: field(Int32(UInt8(ascii: "H"))),
            constraint: field(Int32(UInt8(ascii: "n"))),
            schema: field(Int32(UInt8(ascii: "s"))),
            table: field(Int32(UInt8(ascii: "t"))),
            column: field(Int32(UInt8(ascii: "c"))),
            position: field(Int32(UInt8(ascii: "P"))).flatMap { Int($0) }
        )
        if broken && kind == .other { kind = .connection }
    }

    /// An error reported by the connection rather than a result (send failures, lost connections).
    init(connection: OpaquePointer, context: String) {
        let reason = String(cString: PQerrorMessage(connection)).trimmingTrailingNewlines()
        let broken = PQstatus(connection) != CONNECTION_OK
        self.init(kind: broken ? .connection : .other, message: reason.isEmpty ? context : "\(context): \(reason)")
    }
}

extension String {
    func trimmingTrailingNewlines() -> String {
        var s = Substring(self)
        while let last = s.last, last == "\n" || last == " " { s = s.dropLast() }
        return String(s)
    }
}

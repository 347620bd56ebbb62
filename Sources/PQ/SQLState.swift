/// A five-character PostgreSQL error code (SQLSTATE); named constants are generated from errcodes.txt.
public struct SQLState: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ code: String) { self.rawValue = code }

    /// The two-character class, e.g. "23" for integrity constraint violations.
    public var errorClass: Substring { rawValue.prefix(2) }

    /// The generated name, e.g. "uniqueViolation", when this PostgreSQL release knows the code.
    public var name: String? { SQLState.names[rawValue] }

    public var description: String { name.map { "\(rawValue) \($0)" } ?? rawValue }
}

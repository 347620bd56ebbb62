/// How a parameter or a result column travels on the wire.
public enum PQFormat: Int32, Sendable {
    case text = 0
    case binary = 1
}

/// A value that binds as a query parameter; adopt it by forwarding to a type that already does.
public protocol PQEncodable {
    /// The PostgreSQL type the value binds as (0 lets the server infer it from context).
    static var pqTypeOID: UInt32 { get }
    /// The array type whose elements are this type, or 0 when arrays of it cannot bind.
    static var pqArrayTypeOID: UInt32 { get }
    /// The wire format `pqEncode` writes.
    static var pqFormat: PQFormat { get }
    /// True when the value binds as SQL NULL (only Optional says so).
    var pqIsNull: Bool { get }
    /// Appends the value's wire bytes.
    func pqEncode(into buffer: inout [UInt8]) throws
}

extension PQEncodable {
    public static var pqArrayTypeOID: UInt32 { 0 }
    public var pqIsNull: Bool { false }
}

// A RawRepresentable type (a Swift enum, an ID wrapper) binds as its raw value after `extension X: PQEncodable {}`.
extension PQEncodable where Self: RawRepresentable, RawValue: PQEncodable {
    public static var pqTypeOID: UInt32 { RawValue.pqTypeOID }
    public static var pqArrayTypeOID: UInt32 { RawValue.pqArrayTypeOID }
    public static var pqFormat: PQFormat { RawValue.pqFormat }
    public func pqEncode(into buffer: inout [UInt8]) throws { try rawValue.pqEncode(into: &buffer) }
}

extension Array where Element == UInt8 {
    @inline(__always) mutating func appendBigEndian<T: FixedWidthInteger>(_ value: T) {
        Swift.withUnsafeBytes(of: value.bigEndian) { append(contentsOf: $0) }
    }
}

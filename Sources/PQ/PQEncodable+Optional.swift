// nil binds NULL typed as Wrapped, so a prepared statement sees the same parameter types either way.

extension Optional: PQEncodable where Wrapped: PQEncodable {
    public static var pqTypeOID: UInt32 { Wrapped.pqTypeOID }
    public static var pqArrayTypeOID: UInt32 { Wrapped.pqArrayTypeOID }
    public static var pqFormat: PQFormat { Wrapped.pqFormat }
    public var pqIsNull: Bool { self == nil }
    public func pqEncode(into buffer: inout [UInt8]) throws { try self?.pqEncode(into: &buffer) }
}

extension Optional: PQDecodable where Wrapped: PQDecodable {
    @inline(__always)
    public init(pqCell cell: PQCell) throws {
        self = cell.bytes == nil ? nil : try Wrapped(pqCell: cell)
    }
}

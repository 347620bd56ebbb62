// Integers bind and read in binary; any integer column decodes into any Swift width it fits.

extension PQCell {
    @inline(__always)
    func decodeInteger<T: FixedWidthInteger>(_ type: T.Type) throws -> T {
        let b = try require(T.self)
        let wide: Int64
        switch typeOID {
        case PQOID.int8: try requireWidth(8, b, T.self); wide = b.bigEndian(at: 0, as: Int64.self)
        case PQOID.int4: try requireWidth(4, b, T.self); wide = Int64(b.bigEndian(at: 0, as: Int32.self))
        case PQOID.int2: try requireWidth(2, b, T.self); wide = Int64(b.bigEndian(at: 0, as: Int16.self))
        case PQOID.oid: try requireWidth(4, b, T.self); wide = Int64(b.bigEndian(at: 0, as: UInt32.self))
        default: throw mismatch(T.self)
        }
        guard let value = T(exactly: wide) else { throw mismatch(T.self, "value out of range") }
        return value
    }
}

extension Int64: PQEncodable, PQDecodable {
    public static var pqTypeOID: UInt32 { PQOID.int8 }
    public static var pqArrayTypeOID: UInt32 { PQOID.int8Array }
    public static var pqFormat: PQFormat { .binary }
    public func pqEncode(into buffer: inout [UInt8]) { buffer.appendBigEndian(self) }
    public init(pqCell cell: PQCell) throws { self = try cell.decodeInteger(Int64.self) }
}

extension Int: PQEncodable, PQDecodable {
    public static var pqTypeOID: UInt32 { PQOID.int8 }
    public static var pqArrayTypeOID: UInt32 { PQOID.int8Array }
    public static var pqFormat: PQFormat { .binary }
    public func pqEncode(into buffer: inout [UInt8]) { buffer.appendBigEndian(Int64(self)) }
    public init(pqCell cell: PQCell) throws { self = try cell.decodeInteger(Int.self) }
}

extension Int32: PQEncodable, PQDecodable {
    public static var pqTypeOID: UInt32 { PQOID.int4 }
    public static var pqArrayTypeOID: UInt32 { PQOID.int4Array }
    public static var pqFormat: PQFormat { .binary }
    public func pqEncode(into buffer: inout [UInt8]) { buffer.appendBigEndian(self) }
    public init(pqCell cell: PQCell) throws { self = try cell.decodeInteger(Int32.self) }
}

extension Int16: PQEncodable, PQDecodable {
    public static var pqTypeOID: UInt32 { PQOID.int2 }
    public static var pqArrayTypeOID: UInt32 { PQOID.int2Array }
    public static var pqFormat: PQFormat { .binary }
    public func pqEncode(into buffer: inout [UInt8]) { buffer.appendBigEndian(self) }
    public init(pqCell cell: PQCell) throws { self = try cell.decodeInteger(Int16.self) }
}

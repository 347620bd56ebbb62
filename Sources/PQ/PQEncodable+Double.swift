// float8 in binary carries NaN and ±Infinity exactly; real columns widen to Double.

extension Double: PQEncodable, PQDecodable {
    public static var pqTypeOID: UInt32 { PQOID.float8 }
    public static var pqArrayTypeOID: UInt32 { PQOID.float8Array }
    public static var pqFormat: PQFormat { .binary }
    public func pqEncode(into buffer: inout [UInt8]) { buffer.appendBigEndian(bitPattern) }

    public init(pqCell cell: PQCell) throws {
        let b = try cell.require(Double.self)
        switch cell.typeOID {
        case PQOID.float8:
            try cell.requireWidth(8, b, Double.self)
            self = Double(bitPattern: b.bigEndian(at: 0, as: UInt64.self))
        case PQOID.float4:
            try cell.requireWidth(4, b, Double.self)
            self = Double(Float(bitPattern: b.bigEndian(at: 0, as: UInt32.self)))
        default:
            throw cell.mismatch(Double.self)
        }
    }
}

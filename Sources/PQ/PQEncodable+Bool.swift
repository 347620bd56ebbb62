extension Bool: PQEncodable, PQDecodable {
    public static var pqTypeOID: UInt32 { PQOID.bool }
    public static var pqArrayTypeOID: UInt32 { PQOID.boolArray }
    public static var pqFormat: PQFormat { .binary }
    public func pqEncode(into buffer: inout [UInt8]) { buffer.append(self ? 1 : 0) }

    public init(pqCell cell: PQCell) throws {
        let b = try cell.require(Bool.self)
        guard cell.typeOID == PQOID.bool else { throw cell.mismatch(Bool.self) }
        try cell.requireWidth(1, b, Bool.self)
        self = b[0] != 0
    }
}

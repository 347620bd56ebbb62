import Foundation

extension UUID: PQEncodable, PQDecodable {
    public static var pqTypeOID: UInt32 { PQOID.uuid }
    public static var pqArrayTypeOID: UInt32 { PQOID.uuidArray }
    public static var pqFormat: PQFormat { .binary }
    public func pqEncode(into buffer: inout [UInt8]) { withUnsafeBytes(of: uuid) { buffer.append(contentsOf: $0) } }

    public init(pqCell cell: PQCell) throws {
        let b = try cell.require(UUID.self)
        guard cell.typeOID == PQOID.uuid else { throw cell.mismatch(UUID.self) }
        try cell.requireWidth(16, b, UUID.self)
        var raw: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &raw) { $0.copyMemory(from: b) }
        self = UUID(uuid: raw)
    }
}

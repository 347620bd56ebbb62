import Foundation

/// The contents of a bytea value.
public struct PQBytes: Hashable, Sendable, PQEncodable, PQDecodable {
    public var bytes: [UInt8]
    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    public static var pqTypeOID: UInt32 { PQOID.bytea }
    public static var pqArrayTypeOID: UInt32 { PQOID.byteaArray }
    public static var pqFormat: PQFormat { .binary }
    public func pqEncode(into buffer: inout [UInt8]) { buffer.append(contentsOf: bytes) }

    public init(pqCell cell: PQCell) throws {
        let b = try cell.require(PQBytes.self)
        guard cell.typeOID == PQOID.bytea else { throw cell.mismatch(PQBytes.self) }
        bytes = [UInt8](b)
    }
}

extension Data: PQEncodable, PQDecodable {
    public static var pqTypeOID: UInt32 { PQOID.bytea }
    public static var pqArrayTypeOID: UInt32 { PQOID.byteaArray }
    public static var pqFormat: PQFormat { .binary }
    public func pqEncode(into buffer: inout [UInt8]) { buffer.append(contentsOf: self) }

    public init(pqCell cell: PQCell) throws {
        let b = try cell.require(Data.self)
        guard cell.typeOID == PQOID.bytea else { throw cell.mismatch(Data.self) }
        self = Data(b)
    }
}

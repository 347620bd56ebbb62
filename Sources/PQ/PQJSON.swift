import Foundation

/// A Codable value stored in a json or jsonb column.
public struct PQJSON<Value: Codable>: PQEncodable, PQDecodable {
    public var value: Value
    public init(_ value: Value) { self.value = value }

    // "unknown" lets the server choose json or jsonb from the column it fills.
    public static var pqTypeOID: UInt32 { PQOID.unknown }
    public static var pqArrayTypeOID: UInt32 { PQOID.jsonbArray }
    public static var pqFormat: PQFormat { .text }

    public func pqEncode(into buffer: inout [UInt8]) throws {
        buffer.append(contentsOf: try JSONEncoder().encode(value))
    }

    public init(pqCell cell: PQCell) throws {
        let b = try cell.require(PQJSON<Value>.self)
        var text = b
        switch cell.typeOID {
        case PQOID.json, PQOID.text, PQOID.varchar: break
        case PQOID.jsonb:
            guard b.count >= 1, b[0] == 1 else { throw cell.mismatch(PQJSON<Value>.self, "unknown jsonb version") }
            text = UnsafeRawBufferPointer(rebasing: b[1...])
        default: throw cell.mismatch(PQJSON<Value>.self)
        }
        do {
            value = try JSONDecoder().decode(Value.self, from: Data(text))
        } catch {
            throw cell.mismatch(PQJSON<Value>.self, "JSON does not match: \(error)")
        }
    }
}

extension PQJSON: Sendable where Value: Sendable {}
extension PQJSON: Equatable where Value: Equatable {}
extension PQJSON: Hashable where Value: Hashable {}

import Foundation

/// Decodes one row into a Decodable type: keys are column names, camelCase keys also match snake_case columns.
struct PQRowDecoder: Decoder {
    let row: PQRow
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(RowContainer<Key>(row: row))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        throw PQError.decoding("a row decodes into a keyed type (a struct), not an array")
    }

    // A one-column row decodes straight into a value: rows.decode(Int64.self).
    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        guard row.columnCount == 1 else {
            throw PQError.decoding("a row with \(row.columnCount) columns cannot decode into a single value")
        }
        return PQCellDecoder(row: row, column: 0, codingPath: [])
    }
}

private struct RowContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let row: PQRow
    var codingPath: [any CodingKey] { [] }
    var allKeys: [Key] { (0..<row.columnCount).compactMap { Key(stringValue: row.result.columnName($0)) } }

    func contains(_ key: Key) -> Bool { row.result.index(forKey: key.stringValue) != nil }

    private func column(_ key: Key) throws -> Int {
        guard let c = row.result.index(forKey: key.stringValue) else {
            throw PQError.decoding(
                "no column \"\(key.stringValue)\" or \"\(PQResult.snakeCase(key.stringValue))\" in the result", column: key.stringValue)
        }
        return c
    }

    func decodeNil(forKey key: Key) throws -> Bool { row.isNull(try column(key)) }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try PQCellDecoder(row: row, column: try column(key), codingPath: [key]).decode(T.self)
    }

    // A missing column means nil for Optional properties, as JSONDecoder treats a missing key.
    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        guard let c = row.result.index(forKey: key.stringValue), !row.isNull(c) else { return nil }
        return try PQCellDecoder(row: row, column: c, codingPath: [key]).decode(T.self)
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        throw PQError.decoding("nested containers are not supported; store nested values as json", column: key.stringValue)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        throw PQError.decoding("nested containers are not supported; decode arrays as [T] properties", column: key.stringValue)
    }

    func superDecoder() throws -> any Decoder { PQRowDecoder(row: row) }
    func superDecoder(forKey key: Key) throws -> any Decoder { PQRowDecoder(row: row) }
}

/// One column as a single value: PQDecodable types read directly, json/jsonb columns go through
/// JSONDecoder, and anything else (a RawRepresentable enum) decodes through this container.
struct PQCellDecoder: Decoder, SingleValueDecodingContainer {
    let row: PQRow
    let column: Int
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        throw row.result.cell(row: row.row, column: column).mismatch(Key.self, "store nested values as json or jsonb")
    }
    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        throw row.result.cell(row: row.row, column: column).mismatch([Any].self, "decode arrays as [T] of a PQDecodable T")
    }
    func singleValueContainer() throws -> any SingleValueDecodingContainer { self }

    func decodeNil() -> Bool { row.isNull(column) }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let cell = row.result.cell(row: row.row, column: column)
        if let pq = T.self as? any PQDecodable.Type {
            return try pq.init(pqCell: cell) as! T
        }
        if cell.typeOID == PQOID.json || cell.typeOID == PQOID.jsonb {
            return try PQJSON<JSONBox<T>>(pqCell: cell).value.value
        }
        return try T(from: self)
    }
}

// Decodable-only types (no Encodable) cannot sit in PQJSON, so reading them needs a decode-only box.
private struct JSONBox<T: Decodable>: Codable {
    let value: T
    init(from decoder: any Decoder) throws { value = try T(from: decoder) }
    func encode(to encoder: any Encoder) throws {}
}

// The primitive entry points of SingleValueDecodingContainer. Types PQ reads natively forward to
// the generic path; the others convert from the nearest type PQ reads.
extension PQCellDecoder {
    func decode(_ type: Bool.Type) throws -> Bool { try decodeNative() }
    func decode(_ type: String.Type) throws -> String { try decodeNative() }
    func decode(_ type: Double.Type) throws -> Double { try decodeNative() }
    func decode(_ type: Int.Type) throws -> Int { try decodeNative() }
    func decode(_ type: Int16.Type) throws -> Int16 { try decodeNative() }
    func decode(_ type: Int32.Type) throws -> Int32 { try decodeNative() }
    func decode(_ type: Int64.Type) throws -> Int64 { try decodeNative() }
    func decode(_ type: Float.Type) throws -> Float { Float(try decodeNative(Double.self)) }
    func decode(_ type: Int8.Type) throws -> Int8 { try narrow(Int8.self) }
    func decode(_ type: UInt.Type) throws -> UInt { try narrow(UInt.self) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try narrow(UInt8.self) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try narrow(UInt16.self) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try narrow(UInt32.self) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try narrow(UInt64.self) }

    private func decodeNative<T: PQDecodable>(_ type: T.Type = T.self) throws -> T {
        try T(pqCell: row.result.cell(row: row.row, column: column))
    }

    private func narrow<T: FixedWidthInteger>(_ type: T.Type) throws -> T {
        let cell = row.result.cell(row: row.row, column: column)
        return try cell.decodeInteger(T.self)
    }
}

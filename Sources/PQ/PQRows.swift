/// The rows of one result, read in place from libpq's memory (nothing is copied until decoded).
public struct PQRows: RandomAccessCollection, Sendable {
    let result: PQResult

    init(_ result: PQResult) { self.result = result }

    public var startIndex: Int { 0 }
    public var endIndex: Int { result.rowCount }
    public subscript(position: Int) -> PQRow { PQRow(result: result, row: position) }

    /// Column names in order.
    public var columns: [String] { (0..<result.columnCount).map(result.columnName) }

    /// Decodes every row into `T` by column names (snake_case columns fill camelCase properties).
    public func decode<T: Decodable>(_ type: T.Type) throws -> [T] {
        var out = [T]()
        out.reserveCapacity(count)
        for row in self { out.append(try row.decode(T.self)) }
        return out
    }
}

/// One row; decode its values by index or column name, or the whole row into a Decodable struct.
public struct PQRow: Sendable {
    let result: PQResult
    let row: Int

    public var columnCount: Int { result.columnCount }

    /// True when the value at `column` is SQL NULL.
    public func isNull(_ column: Int) -> Bool { result.cell(row: row, column: column).bytes == nil }

    /// The value at `column` (0-based).
    @inline(__always)
    public func decode<T: PQDecodable>(_ column: Int, as type: T.Type = T.self) throws -> T {
        guard column >= 0 && column < result.columnCount else {
            throw PQError.decoding("no column at index \(column) (the result has \(result.columnCount))")
        }
        return try T(pqCell: result.cell(row: row, column: column))
    }

    /// The value of the column named `name`.
    public func decode<T: PQDecodable>(_ name: String, as type: T.Type = T.self) throws -> T {
        guard let column = result.index(of: name) else {
            throw PQError.decoding("no column named \"\(name)\" in the result", column: name)
        }
        return try T(pqCell: result.cell(row: row, column: column))
    }

    /// The whole row decoded into `T` by column names.
    public func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try T(from: PQRowDecoder(row: self))
    }
}

import CLibPQ

/// A value that a result column (or an array element) decodes into.
public protocol PQDecodable {
    /// Decodes the cell; `cell.bytes` is nil for SQL NULL, which only Optional accepts.
    init(pqCell cell: PQCell) throws
}

/// One value of a result as libpq holds it: type, format and a view of its bytes (valid while the rows live).
public struct PQCell {
    public let typeOID: UInt32
    public let format: PQFormat
    /// nil when the value is SQL NULL.
    public let bytes: UnsafeRawBufferPointer?
    let result: OpaquePointer?
    let column: Int32
    let element: Int32

    init(typeOID: UInt32, format: PQFormat, bytes: UnsafeRawBufferPointer?, result: OpaquePointer?, column: Int32, element: Int32 = -1) {
        self.typeOID = typeOID
        self.format = format
        self.bytes = bytes
        self.result = result
        self.column = column
        self.element = element
    }

    /// The column's name (with the element index for array elements), for error messages.
    public var columnName: String {
        var name = result.flatMap { PQfname($0, column) }.map { String(cString: $0) } ?? "$\(column + 1)"
        if element >= 0 { name += "[\(element + 1)]" }
        return name
    }

    /// The bytes of a non-NULL value, or the error for NULL into a non-optional `T`.
    @inline(__always)
    public func require<T>(_ type: T.Type) throws -> UnsafeRawBufferPointer {
        guard let bytes else {
            throw PQError.decoding("column \"\(columnName)\" is NULL and cannot decode as Swift \(T.self); use Optional", column: columnName)
        }
        return bytes
    }

    /// The error for a column whose PostgreSQL type `T` cannot decode.
    public func mismatch<T>(_ type: T.Type, _ reason: String? = nil) -> PQError {
        var message = "column \"\(columnName)\" of PostgreSQL type \(PQOID.typeName(typeOID)) cannot decode as Swift \(T.self)"
        if let reason { message += ": \(reason)" }
        return PQError.decoding(message, column: columnName)
    }

    /// Checks the value is exactly `count` bytes wide, as fixed-width binary types are.
    @inline(__always)
    func requireWidth<T>(_ count: Int, _ bytes: UnsafeRawBufferPointer, _ type: T.Type) throws {
        if bytes.count != count { throw mismatch(type, "expected \(count) bytes, got \(bytes.count)") }
    }
}

extension UnsafeRawBufferPointer {
    @inline(__always) func bigEndian<T: FixedWidthInteger>(at offset: Int, as type: T.Type) -> T {
        T(bigEndian: loadUnaligned(fromByteOffset: offset, as: T.self))
    }
}

extension PQDecodable where Self: RawRepresentable, RawValue: PQDecodable {
    public init(pqCell cell: PQCell) throws {
        let raw = try RawValue(pqCell: cell)
        guard let value = Self(rawValue: raw) else { throw cell.mismatch(Self.self, "no case for raw value") }
        self = value
    }
}

/// Both directions, for types that bind and decode.
public typealias PQCodable = PQEncodable & PQDecodable

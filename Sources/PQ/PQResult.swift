import CLibPQ
import Foundation
#if os(Linux)
import Synchronization
#endif

/// Owns one PGresult and clears it exactly once. Results are read-only, so they may be read from any thread.
final class PQResult: @unchecked Sendable {
    let handle: OpaquePointer
    let rowCount: Int
    let columnCount: Int
    // Lookups by name are built lazily (most queries read by index); a Mutex, unlike NSLock,
    // costs no extra allocation per result.
    private struct Lookups {
        var byName: [String: Int]?
        var byKey: [String: Int] = [:]
    }
    #if os(Linux)
    private let lookups = Mutex(Lookups())
    #else
    // Mutex needs macOS 15 and the package still supports macOS 14.
    private let lookups = PQLocked(Lookups())
    #endif

    /// Type and format of each column, read once. nil for a result of at most one row, whose cells
    /// ask libpq directly (cheaper than allocating the array for a single read of each column).
    private let columnTypes: [PQColumnType]?

    /// `columns` lets a streamed query share one reading across its single-row results.
    init(_ handle: OpaquePointer, columns: [PQColumnType]? = nil) {
        self.handle = handle
        rowCount = Int(PQntuples(handle))
        columnCount = Int(PQnfields(handle))
        columnTypes = columns ?? (rowCount > 1 ? PQColumnType.all(of: handle) : nil)
    }

    deinit { PQclear(handle) }

    func columnName(_ column: Int) -> String { String(cString: PQfname(handle, Int32(column))) }

    /// Column index by exact name, built once per result (the first column wins on duplicates).
    func index(of name: String) -> Int? {
        lookups.withLock { l in nameMap(&l)[name] }
    }

    private func nameMap(_ l: inout Lookups) -> [String: Int] {
        if let map = l.byName { return map }
        var map = [String: Int](minimumCapacity: columnCount)
        for c in 0..<columnCount where map[columnName(c)] == nil { map[columnName(c)] = c }
        l.byName = map
        return map
    }

    /// Column index for a Swift property name: exact match first, then its snake_case form.
    func index(forKey key: String) -> Int? {
        lookups.withLock { l in
            if let hit = l.byKey[key] { return hit }
            let map = nameMap(&l)
            guard let found = map[key] ?? map[PQResult.snakeCase(key)] else { return nil }
            l.byKey[key] = found
            return found
        }
    }

    static func snakeCase(_ key: String) -> String {
        var out = ""
        out.reserveCapacity(key.count + 4)
        var previousLower = false
        for ch in key {
            if ch.isUppercase {
                if previousLower { out.append("_") }
                out += ch.lowercased()
                previousLower = false
            } else {
                out.append(ch)
                previousLower = ch.isLowercase || ch.isNumber
            }
        }
        return out
    }

    @inline(__always)
    func cell(row: Int, column: Int) -> PQCell {
        let r = Int32(row), c = Int32(column)
        // Out-of-range columns (isNull does not check) go to libpq, which answers NULL for them.
        let type: PQColumnType
        if let columnTypes, columnTypes.indices.contains(column) {
            type = columnTypes[column]
        } else {
            type = PQColumnType(handle, c)
        }
        let oid = type.oid, format = type.format
        if PQgetisnull(handle, r, c) == 1 {
            return PQCell(typeOID: oid, format: format, bytes: nil, result: handle, column: c)
        }
        let length = Int(PQgetlength(handle, r, c))
        let bytes = UnsafeRawBufferPointer(start: PQgetvalue(handle, r, c), count: length)
        return PQCell(typeOID: oid, format: format, bytes: bytes, result: handle, column: c)
    }

    /// Rows touched by INSERT/UPDATE/DELETE/MERGE/COPY..., 0 when the command reports none.
    var affectedRows: Int { Int(String(cString: PQcmdTuples(handle))) ?? 0 }
}

/// What a cell needs to know of its column besides the bytes.
struct PQColumnType: Sendable {
    let oid: UInt32
    let format: PQFormat

    @inline(__always)
    init(_ result: OpaquePointer, _ column: Int32) {
        oid = PQftype(result, column)
        format = PQfformat(result, column) == 1 ? .binary : .text
    }

    static func all(of result: OpaquePointer) -> [PQColumnType] {
        (0..<PQnfields(result)).map { PQColumnType(result, $0) }
    }
}

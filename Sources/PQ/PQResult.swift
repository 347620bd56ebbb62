import CLibPQ
import Foundation

/// Owns one PGresult and clears it exactly once. Results are read-only, so they may be read from any thread.
final class PQResult: @unchecked Sendable {
    let handle: OpaquePointer
    let rowCount: Int
    let columnCount: Int
    private let lock = NSLock()
    private var nameIndex: [String: Int]?
    private var keyIndex: [String: Int] = [:]

    init(_ handle: OpaquePointer) {
        self.handle = handle
        rowCount = Int(PQntuples(handle))
        columnCount = Int(PQnfields(handle))
    }

    deinit { PQclear(handle) }

    func columnName(_ column: Int) -> String { String(cString: PQfname(handle, Int32(column))) }

    /// Column index by exact name, built once per result (the first column wins on duplicates).
    func index(of name: String) -> Int? {
        lock.lock()
        defer { lock.unlock() }
        if nameIndex == nil {
            var map = [String: Int](minimumCapacity: columnCount)
            for c in 0..<columnCount where map[columnName(c)] == nil { map[columnName(c)] = c }
            nameIndex = map
        }
        return nameIndex![name]
    }

    /// Column index for a Swift property name: exact match first, then its snake_case form.
    func index(forKey key: String) -> Int? {
        lock.lock()
        if let hit = keyIndex[key] { lock.unlock(); return hit }
        lock.unlock()
        guard let found = index(of: key) ?? index(of: PQResult.snakeCase(key)) else { return nil }
        lock.lock()
        keyIndex[key] = found
        lock.unlock()
        return found
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
        let oid = PQftype(handle, c)
        let format: PQFormat = PQfformat(handle, c) == 1 ? .binary : .text
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

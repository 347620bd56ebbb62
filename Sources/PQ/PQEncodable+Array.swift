// One-dimensional arrays. Binary elements bind as a binary array; text elements (String, Decimal,
// JSON) as an array literal with every element quoted, so no element can break out of it.

extension Array: PQEncodable where Element: PQEncodable {
    public static var pqTypeOID: UInt32 { Element.pqArrayTypeOID }
    public static var pqFormat: PQFormat { Element.pqFormat }

    public func pqEncode(into buffer: inout [UInt8]) throws {
        guard Element.pqArrayTypeOID != 0 else {
            throw PQError(kind: .other, message: "arrays of \(Element.self) cannot bind: it names no array type")
        }
        switch Element.pqFormat {
        case .binary: try encodeBinary(into: &buffer)
        case .text: try encodeText(into: &buffer)
        }
    }

    private func encodeBinary(into buffer: inout [UInt8]) throws {
        buffer.appendBigEndian(Int32(isEmpty ? 0 : 1))
        buffer.appendBigEndian(Int32(contains { $0.pqIsNull } ? 1 : 0))
        buffer.appendBigEndian(Element.pqTypeOID)
        if isEmpty { return }
        buffer.appendBigEndian(Int32(count))
        buffer.appendBigEndian(Int32(1))
        for element in self {
            if element.pqIsNull { buffer.appendBigEndian(Int32(-1)); continue }
            let lengthAt = buffer.count
            buffer.appendBigEndian(Int32(0))
            try element.pqEncode(into: &buffer)
            let length = Int32(buffer.count - lengthAt - 4).bigEndian
            Swift.withUnsafeBytes(of: length) { raw in
                for i in 0..<4 { buffer[lengthAt + i] = raw[i] }
            }
        }
    }

    private func encodeText(into buffer: inout [UInt8]) throws {
        buffer.append(UInt8(ascii: "{"))
        var scratch = [UInt8]()
        for (i, element) in enumerated() {
            if i > 0 { buffer.append(UInt8(ascii: ",")) }
            if element.pqIsNull { buffer.append(contentsOf: "NULL".utf8); continue }
            scratch.removeAll(keepingCapacity: true)
            try element.pqEncode(into: &scratch)
            buffer.append(UInt8(ascii: "\""))
            for byte in scratch {
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { buffer.append(UInt8(ascii: "\\")) }
                buffer.append(byte)
            }
            buffer.append(UInt8(ascii: "\""))
        }
        buffer.append(UInt8(ascii: "}"))
    }
}

extension Array: PQDecodable where Element: PQDecodable {
    public init(pqCell cell: PQCell) throws {
        let b = try cell.require([Element].self)
        guard b.count >= 12 else { throw cell.mismatch([Element].self, "not an array") }
        let ndim = Int(b.bigEndian(at: 0, as: Int32.self))
        let elementOID = b.bigEndian(at: 8, as: UInt32.self)
        if ndim == 0 { self = []; return }
        guard ndim > 0, b.count >= 12 + 8 * ndim else { throw cell.mismatch([Element].self, "not an array") }
        // A multi-dimensional array is read in row-major order, flattened.
        var total = 1
        for d in 0..<ndim { total *= Int(b.bigEndian(at: 12 + 8 * d, as: Int32.self)) }
        var offset = 12 + 8 * ndim
        var out = [Element]()
        out.reserveCapacity(total)
        for i in 0..<total {
            guard offset + 4 <= b.count else { throw cell.mismatch([Element].self, "truncated array") }
            let length = Int(b.bigEndian(at: offset, as: Int32.self))
            offset += 4
            var slice: UnsafeRawBufferPointer? = nil
            if length >= 0 {
                guard offset + length <= b.count else { throw cell.mismatch([Element].self, "truncated array") }
                slice = UnsafeRawBufferPointer(rebasing: b[offset..<(offset + length)])
                offset += length
            }
            let element = PQCell(typeOID: elementOID, format: .binary, bytes: slice, result: cell.result, column: cell.column, element: Int32(i))
            out.append(try Element(pqCell: element))
        }
        self = out
    }
}

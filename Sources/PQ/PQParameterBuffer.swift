/// Encoded parameters of one call, kept by the connection and reused so a query allocates
/// no per-parameter buffers: all values live in one byte array, addressed by offset.
struct PQParameterBuffer {
    var types: [UInt32] = []
    var formats: [Int32] = []
    var lengths: [Int32] = []
    var offsets: [Int] = []
    var data: [UInt8] = []
    private var pointers: [UnsafePointer<CChar>?] = []

    mutating func encode(_ parameters: [any PQEncodable]) throws {
        types.removeAll(keepingCapacity: true)
        formats.removeAll(keepingCapacity: true)
        lengths.removeAll(keepingCapacity: true)
        offsets.removeAll(keepingCapacity: true)
        data.removeAll(keepingCapacity: true)
        for value in parameters {
            let type = Swift.type(of: value)
            types.append(type.pqTypeOID)
            formats.append(type.pqFormat.rawValue)
            if value.pqIsNull {
                offsets.append(-1)
                lengths.append(0)
                continue
            }
            let start = data.count
            offsets.append(start)
            try value.pqEncode(into: &data)
            lengths.append(Int32(data.count - start))
            // libpq reads text parameters up to a NUL and ignores their lengths.
            if type.pqFormat == .text { data.append(0) }
        }
        // Keeps the base address non-nil, so an empty binary value is never mistaken for NULL.
        data.append(0)
    }

    mutating func withPointers<R>(
        _ body: (Int32, UnsafePointer<UInt32>?, UnsafePointer<UnsafePointer<CChar>?>?, UnsafePointer<Int32>?, UnsafePointer<Int32>?) -> R
    ) -> R {
        let count = offsets.count
        return data.withUnsafeBufferPointer { bytes in
            let base = UnsafeRawPointer(bytes.baseAddress!)
            pointers.removeAll(keepingCapacity: true)
            for offset in offsets {
                pointers.append(offset < 0 ? nil : (base + offset).assumingMemoryBound(to: CChar.self))
            }
            return pointers.withUnsafeBufferPointer { p in
                lengths.withUnsafeBufferPointer { l in
                    formats.withUnsafeBufferPointer { f in
                        types.withUnsafeBufferPointer { t in
                            body(Int32(count), t.baseAddress, p.baseAddress, l.baseAddress, f.baseAddress)
                        }
                    }
                }
            }
        }
    }
}

/// One CSV record as raw bytes: the physical line it starts on and its fields, unquoted. The fields
/// lie back to back in one buffer (`bytes`, each ending at its entry in `ends`), so a million records
/// cost no allocation each: the splitter hands out and then reuses the same two buffers.
package struct CSVRecord {
    package var line: Int
    var bytes: [UInt8]
    var ends: [Int]

    init(line: Int, bytes: [UInt8], ends: [Int]) {
        self.line = line
        self.bytes = bytes
        self.ends = ends
    }

    init(line: Int, fields: [[UInt8]]) {
        self.init(line: line, bytes: fields.flatMap { $0 }, ends: fields.reduce(into: []) { $0.append(($0.last ?? 0) + $1.count) })
    }

    package var fieldCount: Int { ends.count }

    package func field(_ index: Int) -> ArraySlice<UInt8> {
        bytes[(index == 0 ? 0 : ends[index - 1])..<ends[index]]
    }

    package var fields: [[UInt8]] { (0..<fieldCount).map { Array(field($0)) } }

    /// Excel writes `;;;` for a blank spreadsheet row.
    package var isBlank: Bool { bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 } }
}

/// Splits CSV bytes into records without decoding text: in UTF-8 and Windows-1251 alike the
/// delimiter, the quote and line breaks are single ASCII bytes that never occur inside a
/// character, so the file's own encoding goes to PostgreSQL untouched. Fed chunk by chunk, it
/// holds one record at a time, so memory does not grow with the file.
package struct CSVRecordSplitter {
    let delimiter: UInt8
    private var bytes: [UInt8] = []  // the record's fields so far, back to back
    private var ends: [Int] = []  // where each finished field ends in `bytes`
    private var inQuotes = false
    private var quoteSeen = false  // a quote inside a quoted field: an escaped quote or the end
    private var fieldWasQuoted = false
    private var line = 1
    private var recordLine = 1
    private var recordHasData = false

    static let quote: UInt8 = 0x22
    static let newline: UInt8 = 0x0A
    static let carriageReturn: UInt8 = 0x0D

    package init(delimiter: UInt8) { self.delimiter = delimiter }

    package mutating func feed(_ chunk: [UInt8], _ emit: (CSVRecord) throws -> Void) rethrows {
        try chunk.withUnsafeBufferPointer { buffer in
            var index = 0
            while index < buffer.count {
                // most bytes are plain text inside a field: take the whole run at once, and leave
                // every byte that can change the state (delimiter, quote, line break) to `consume`
                let start = index
                if !inQuotes {
                    while index < buffer.count, !isSpecialOutsideQuotes(buffer[index]) { index += 1 }
                    if index > start {
                        bytes.append(contentsOf: buffer[start..<index])
                        recordHasData = true
                        continue
                    }
                } else if !quoteSeen {
                    while index < buffer.count, buffer[index] != Self.quote, buffer[index] != Self.newline { index += 1 }
                    if index > start {
                        bytes.append(contentsOf: buffer[start..<index])
                        continue
                    }
                }
                try consume(buffer[index], emit)
                index += 1
            }
        }
    }

    /// Byte by byte, the reference `feed` must agree with (tests).
    mutating func feedByteByByte(_ chunk: [UInt8], _ emit: (CSVRecord) throws -> Void) rethrows {
        for byte in chunk { try consume(byte, emit) }
    }

    @inline(__always)
    private func isSpecialOutsideQuotes(_ byte: UInt8) -> Bool {
        byte == delimiter || byte == Self.quote || byte == Self.newline || byte == Self.carriageReturn
    }

    /// Emits the last record when the file does not end with a line break.
    package mutating func finish(_ emit: (CSVRecord) throws -> Void) rethrows {
        quoteSeen = false
        inQuotes = false
        if recordHasData || !bytes.isEmpty || !ends.isEmpty { try endRecord(emit) }
    }

    /// The current field is empty so far.
    private var fieldIsEmpty: Bool { bytes.count == (ends.last ?? 0) }

    private mutating func consume(_ byte: UInt8, _ emit: (CSVRecord) throws -> Void) rethrows {
        if inQuotes {
            if quoteSeen {
                quoteSeen = false
                if byte == Self.quote { bytes.append(byte); return }
                inQuotes = false  // the quote closed the field; this byte follows it
            } else if byte == Self.quote {
                quoteSeen = true
                return
            } else {
                if byte == Self.newline { line += 1 }
                bytes.append(byte)
                return
            }
        }
        switch byte {
        case Self.quote where fieldIsEmpty && !fieldWasQuoted:
            inQuotes = true
            fieldWasQuoted = true
            recordHasData = true
        case delimiter:
            endField()
            recordHasData = true
        case Self.newline:
            if !fieldWasQuoted, !fieldIsEmpty, bytes.last == Self.carriageReturn { bytes.removeLast() }
            try endRecord(emit)
            line += 1
            recordLine = line
        case Self.carriageReturn where fieldWasQuoted:
            break  // after a closing quote: part of the line break
        default:
            bytes.append(byte)
            recordHasData = true
        }
    }

    private mutating func endField() {
        ends.append(bytes.count)
        fieldWasQuoted = false
    }

    private mutating func endRecord(_ emit: (CSVRecord) throws -> Void) rethrows {
        endField()
        recordHasData = false
        if !(ends.count == 1 && bytes.isEmpty) {
            // the buffers move into the record and back, so they are never copied
            var record = CSVRecord(line: recordLine, bytes: bytes, ends: ends)
            bytes = []
            ends = []
            defer {
                // swapped back, not assigned: the record lets go of them, so they stay unshared
                swap(&bytes, &record.bytes)
                swap(&ends, &record.ends)
                bytes.removeAll(keepingCapacity: true)
                ends.removeAll(keepingCapacity: true)
            }
            try emit(record)
        } else {
            bytes.removeAll(keepingCapacity: true)
            ends.removeAll(keepingCapacity: true)
        }
    }
}

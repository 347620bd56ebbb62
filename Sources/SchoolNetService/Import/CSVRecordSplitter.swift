/// One CSV record as raw bytes: the physical line it starts on and its fields, unquoted.
struct CSVRecord {
    var line: Int
    var fields: [[UInt8]]

    /// Excel writes `;;;` for a blank spreadsheet row.
    var isBlank: Bool { fields.allSatisfy { $0.allSatisfy { $0 == 0x20 || $0 == 0x09 } } }
}

/// Splits CSV bytes into records without decoding text: in UTF-8 and Windows-1251 alike the
/// delimiter, the quote and line breaks are single ASCII bytes that never occur inside a
/// character, so the file's own encoding goes to PostgreSQL untouched. Fed chunk by chunk, it
/// holds one record at a time, so memory does not grow with the file.
struct CSVRecordSplitter {
    let delimiter: UInt8
    private var field: [UInt8] = []
    private var fields: [[UInt8]] = []
    private var inQuotes = false
    private var quoteSeen = false      // a quote inside a quoted field: an escaped quote or the end
    private var fieldWasQuoted = false
    private var line = 1
    private var recordLine = 1
    private var recordHasData = false

    static let quote: UInt8 = 0x22
    static let newline: UInt8 = 0x0A
    static let carriageReturn: UInt8 = 0x0D

    init(delimiter: UInt8) { self.delimiter = delimiter }

    mutating func feed(_ bytes: UnsafeRawBufferPointer, _ emit: (CSVRecord) throws -> Void) rethrows {
        for byte in bytes { try consume(byte, emit) }
    }

    mutating func feed(_ bytes: [UInt8], _ emit: (CSVRecord) throws -> Void) rethrows {
        for byte in bytes { try consume(byte, emit) }
    }

    /// Emits the last record when the file does not end with a line break.
    mutating func finish(_ emit: (CSVRecord) throws -> Void) rethrows {
        quoteSeen = false
        inQuotes = false
        if recordHasData || !field.isEmpty || !fields.isEmpty { try endRecord(emit) }
    }

    private mutating func consume(_ byte: UInt8, _ emit: (CSVRecord) throws -> Void) rethrows {
        if inQuotes {
            if quoteSeen {
                quoteSeen = false
                if byte == Self.quote { field.append(byte); return }
                inQuotes = false   // the quote closed the field; this byte follows it
            } else if byte == Self.quote {
                quoteSeen = true
                return
            } else {
                if byte == Self.newline { line += 1 }
                field.append(byte)
                return
            }
        }
        switch byte {
        case Self.quote where field.isEmpty && !fieldWasQuoted:
            inQuotes = true
            fieldWasQuoted = true
            recordHasData = true
        case delimiter:
            endField()
            recordHasData = true
        case Self.newline:
            if !fieldWasQuoted, field.last == Self.carriageReturn { field.removeLast() }
            try endRecord(emit)
            line += 1
            recordLine = line
        case Self.carriageReturn where fieldWasQuoted:
            break   // after a closing quote: part of the line break
        default:
            field.append(byte)
            recordHasData = true
        }
    }

    private mutating func endField() {
        fields.append(field)
        field.removeAll(keepingCapacity: true)
        fieldWasQuoted = false
    }

    private mutating func endRecord(_ emit: (CSVRecord) throws -> Void) rethrows {
        endField()
        let record = CSVRecord(line: recordLine, fields: fields)
        fields.removeAll(keepingCapacity: true)
        recordHasData = false
        if !(record.fields.count == 1 && record.fields[0].isEmpty) { try emit(record) }
    }
}

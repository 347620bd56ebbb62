import Foundation
import PQ
import SchoolNetDomain
import SchoolNetStore

/// Imports organisations, pupils and teachers from CSV as Excel writes it. The file is streamed
/// by COPY into a TEMP staging table (constant memory, PostgreSQL converts Windows-1251), every
/// row is validated by set-based SQL, rows are matched to existing records (normalize_name,
/// match_people), and the good ones are written. Organisations: all in one transaction. People: the
/// validation in one, then the matching and writing in batches of identity buckets, each a short
/// transaction of its own (`ImportValidation.mergeBatch`), so registration never waits long for an import.
public struct ImportService: Sendable {
    let pool: PQPool
    let clock: any TimeSource

    public init(pool: PQPool, clock: any TimeSource = SystemTime()) {
        self.pool = pool
        self.clock = clock
    }

    /// Options of one import; `schoolYear` (pupils' grades) defaults to the year of the clock.
    public struct Options: Sendable {
        public var mode: ImportMode
        public var schoolYear: SchoolYear?
        /// The school of every row whose own school cell is empty ("гимназия 13").
        public var defaultSchool: String?
        /// Who is importing, for the audit log.
        public var actor: String
        /// The token the importer used (`api_token` id), for the audit log; nil for the regional centre's own login.
        public var tokenID: Int64?
        /// How many rejections the report carries in full.
        public var rejectionLimit: Int

        public init(
            mode: ImportMode = .goodRows, schoolYear: SchoolYear? = nil, defaultSchool: String? = nil,
            actor: String = "import", tokenID: Int64? = nil, rejectionLimit: Int = 1000
        ) {
            self.mode = mode
            self.schoolYear = schoolYear
            self.defaultSchool = defaultSchool
            self.actor = actor
            self.tokenID = tokenID
            self.rejectionLimit = rejectionLimit
        }
    }

    public func importFile(
        _ kind: ImportKind, path: String, options: Options = Options(),
        progress: (@Sendable (ImportProgress) -> Void)? = nil
    ) async throws -> ImportReport {
        let today = LocalDate(self.clock.now(), in: RegistrationWindow.defaultTimeZone)
        return try await pool.withConnection { conn in
            // Session-wide for this run (the import opens its own transactions); reset before the connection is reused.
            try UseCaseTimeouts.import.applyToSession(conn)
            defer { UseCaseTimeouts.import.resetSession(conn) }
            return try ImportRun(kind: kind, path: path, options: options, today: today, progress: progress).run(conn)
        }
    }
}

/// Thrown out of the transaction to roll an all-or-nothing import back, carrying its report.
struct ImportRolledBack: Error {
    var report: ImportReport
}

/// One import, on one connection.
struct ImportRun {
    let kind: ImportKind
    let path: String
    let options: ImportService.Options
    let today: LocalDate
    let progress: (@Sendable (ImportProgress) -> Void)?

    static let chunkSize = 64 * 1024

    func run(_ conn: PQConnection) throws -> ImportReport {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw ImportError("cannot open \(path)") }
        defer { try? handle.close() }
        let total = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        let sample = try handle.read(upToCount: CSVDialect.sampleSize).map { [UInt8]($0) } ?? []
        guard !sample.isEmpty else { throw ImportError("\(path) is empty") }
        let dialect = CSVDialect.detect(sample)
        guard let header = Self.firstRecord(sample, dialect) else { throw ImportError("\(path) has no header row") }
        let width = max(header.fieldCount, 1)
        var validation: ImportValidation?
        var report: ImportReport
        do {
            report = try conn.transaction { tx in
                try AuditActor.set(actor: options.actor, tokenID: options.tokenID, on: tx)
                let sent = try stage(tx, handle: handle, sample: sample, dialect: dialect, width: width, total: total)
                let headers = try readHeader(tx, line: header.line, width: width)
                let validating = try ImportValidation(kind: kind, options: options, today: today, width: width, headers: headers)
                validation = validating
                var report = try validating.run(tx)
                report.dialect = dialect
                report.rows = sent - 1
                if options.mode == .allOrNothing && report.rejectionsTotal > 0 {
                    report.committed = false
                    report.inserted = 0
                    report.matched = 0
                    report.agreementsAdded = 0
                    throw ImportRolledBack(report: report)
                }
                return report
            }
        } catch let rolledBack as ImportRolledBack {
            return rolledBack.report
        } catch let error as PQError where error.sqlState?.rawValue.hasPrefix("22") == true {
            // bad bytes for the detected encoding, a value COPY cannot take; COPY's own line number counts
            // staged records, not the file's lines, so the file is read again to name the line
            if let line = Self.firstLineNotIn(dialect.encoding, path: path, delimiter: dialect.delimiterByte) {
                throw ImportError(
                    "\(path): line \(line) is not \(dialect.encoding), the encoding found at the file's start (does it mix "
                        + "encodings?): save the whole list again from Excel as \"CSV UTF-8\" and import that")
            }
            throw ImportError("\(path) could not be read as \(dialect.encoding): \(error.message)")
        }
        guard kind != .organisations, let validation else { return report }
        try merge(conn, validation, into: &report)
        return report
    }

    /// The people the validating transaction left in `import_merge`, batch by batch, one transaction each. A
    /// failure after the first batch leaves the batches before it written and says so (`ImportInterrupted`).
    private func merge(_ conn: PQConnection, _ validation: ImportValidation, into report: inout ImportReport) throws {
        defer { validation.endMerge(conn) }
        let plan = try validation.mergePlan(conn)
        for batch in 0..<plan.batches {
            do {
                let written = try conn.transaction { tx in
                    try AuditActor.set(actor: options.actor, tokenID: options.tokenID, on: tx)
                    return try validation.mergeBatch(tx, batch)
                }
                report.inserted += written.inserted
                report.matched += written.matched
                report.gradeMisfits += written.misfits
            } catch {
                guard batch > 0 else { throw error }
                throw ImportInterrupted(
                    path: path, written: report.inserted + report.matched, of: plan.rows, inserted: report.inserted,
                    matched: report.matched, cause: error)
            }
        }
    }

    static func mixedEncodings(_ path: String, line: Int) -> ImportError {
        ImportError(
            "\(path): line \(line) is UTF-8 but the file is Windows-1251 (it mixes encodings): "
                + "save the whole list again from Excel as \"CSV UTF-8\" and import that")
    }

    /// Whether a record of a Windows-1251 file is really UTF-8 text with letters beyond ASCII: pasted from a
    /// UTF-8 list, which COPY would store as "Р›РµР±РµРґРµРІ" without a word. Real Windows-1251 text never is
    /// valid UTF-8 with letters: its Cyrillic fails at its first letter (a lead byte 0xC0-0xFF followed by
    /// another letter, never by a continuation byte 0x80-0xBF), so a genuine row costs a few bytes' look;
    /// only a row that passes that is validated in full.
    static func isUTF8WithLetters(_ bytes: [UInt8]) -> Bool {
        guard let lead = bytes.firstIndex(where: { $0 >= 0xC0 }) else { return false }
        guard lead + 1 < bytes.count, (0x80...0xBF).contains(bytes[lead + 1]) else { return false }
        return String(validating: bytes, as: UTF8.self) != nil
    }

    /// The first line holding bytes `encoding` cannot have: invalid UTF-8, or Windows-1251's one unused byte 0x98.
    static func firstLineNotIn(_ encoding: TextEncoding, path: String, delimiter: UInt8) -> Int? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        var splitter = CSVRecordSplitter(delimiter: delimiter)
        var found: Int? = nil
        func check(_ record: CSVRecord) {
            guard found == nil else { return }
            let bad =
                switch encoding {
                case .windows1251: record.bytes.contains(0x98)
                case .utf8, .utf8WithBOM: (0..<record.fieldCount).contains { String(validating: record.field($0), as: UTF8.self) == nil }
                }
            if bad { found = record.line }
        }
        var first = true
        while found == nil, let data = try? handle.read(upToCount: chunkSize), !data.isEmpty {
            var chunk = [UInt8](data)
            if first, encoding == .utf8WithBOM { chunk.removeFirst(min(3, chunk.count)) }
            first = false
            splitter.feed(chunk, check)
        }
        if found == nil { splitter.finish(check) }
        return found
    }

    private static func firstRecord(_ sample: [UInt8], _ dialect: CSVDialect) -> CSVRecord? {
        var splitter = CSVRecordSplitter(delimiter: dialect.delimiterByte)
        var first: CSVRecord? = nil
        let body = dialect.encoding == .utf8WithBOM ? Array(sample.dropFirst(3)) : sample
        splitter.feed(body) { record in if first == nil, !record.isBlank { first = record } }
        if first == nil { splitter.finish { record in if first == nil, !record.isBlank { first = record } } }
        return first
    }

    /// COPY of the whole file into `import_staging (line, field_count, c1..cN)`; returns the records sent.
    private func stage(
        _ conn: PQConnection, handle: FileHandle, sample: [UInt8], dialect: CSVDialect,
        width: Int, total: Int
    ) throws -> Int {
        let columns = (1...width).map { "c\($0) text" }.joined(separator: ", ")
        try conn.executeScript(
            """
            CREATE TEMP TABLE import_staging (line integer NOT NULL, field_count integer NOT NULL, \(columns)) ON COMMIT DROP
            """)
        let names = (1...width).map { "c\($0)" }.joined(separator: ", ")
        var splitter = CSVRecordSplitter(delimiter: dialect.delimiterByte)
        var sent = 0
        var bytesRead = 0
        var out: [UInt8] = []
        out.reserveCapacity(Self.chunkSize * 2)
        try conn.copyIn(
            """
            COPY import_staging (line, field_count, \(names)) FROM STDIN (FORMAT csv, ENCODING '\(dialect.encoding.postgresName)')
            """
        ) { writer in
            let windows1251 = dialect.encoding == .windows1251
            func emit(_ record: CSVRecord) throws {
                guard !record.isBlank else { return }
                // past the sample too: a row pasted from a UTF-8 list would be stored as "Р›РµР±РµРґРµРІ"
                if windows1251, Self.isUTF8WithLetters(record.bytes) { throw Self.mixedEncodings(path, line: record.line) }
                Self.append(record, width: width, to: &out)
                sent += 1
                if out.count >= Self.chunkSize {
                    try writer.write(out)
                    out.removeAll(keepingCapacity: true)
                }
            }
            var chunk = dialect.encoding == .utf8WithBOM ? Array(sample.dropFirst(3)) : sample
            bytesRead = sample.count
            while !chunk.isEmpty {
                try splitter.feed(chunk, emit)
                progress?(ImportProgress(bytesRead: bytesRead, totalBytes: total, rowsSent: sent))
                chunk = try handle.read(upToCount: Self.chunkSize).map { [UInt8]($0) } ?? []
                bytesRead += chunk.count
            }
            try splitter.finish(emit)
            if !out.isEmpty { try writer.write(out) }
        }
        progress?(ImportProgress(bytesRead: bytesRead, totalBytes: total, rowsSent: sent))
        return sent
    }

    /// `line,field_count,"f1",,"f3"...`: empty cells unquoted (NULL), the rest quoted, bytes untouched.
    static func append(_ record: CSVRecord, width: Int, to out: inout [UInt8]) {
        appendDecimal(record.line, to: &out)
        out.append(0x2C)
        // trailing empty cells do not count: Excel pads rows to the widest one
        var used = record.fieldCount
        while used > 0 && record.field(used - 1).isEmpty { used -= 1 }
        appendDecimal(used, to: &out)
        for index in 0..<width {
            out.append(0x2C)
            guard index < record.fieldCount else { continue }
            let field = record.field(index)
            guard !field.isEmpty else { continue }
            out.append(0x22)
            if field.contains(0x22) {
                for byte in field {
                    if byte == 0x22 { out.append(0x22) }
                    out.append(byte)
                }
            } else {
                out.append(contentsOf: field)
            }
            out.append(0x22)
        }
        out.append(0x0A)
    }

    /// A non-negative number's ASCII digits, without a String per row.
    static func appendDecimal(_ value: Int, to out: inout [UInt8]) {
        var divisor = 1
        while divisor <= value / 10 { divisor *= 10 }
        var rest = value
        while divisor > 0 {
            out.append(UInt8(0x30 + rest / divisor))
            rest %= divisor
            divisor /= 10
        }
    }

    private func readHeader(_ conn: PQConnection, line: Int, width: Int) throws -> [String?] {
        let names = (1...width).map { "c\($0)" }.joined(separator: ", ")
        guard let row = try conn.query("SELECT \(names) FROM import_staging WHERE line = $1", [line]).first else {
            throw ImportError("the header row was not loaded")
        }
        let headers = try (0..<width).map { try row.decode($0, as: String?.self) }
        try conn.execute("DELETE FROM import_staging WHERE line = $1", [line])
        return headers
    }
}

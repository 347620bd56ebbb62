import SchoolNetDomain
/// What an import is for.
public enum ImportKind: String, Sendable, Codable, CaseIterable {
    case organisations, pupils, teachers
}

/// Default: good rows go in and the rest are reported; all-or-nothing: nothing goes in unless every row is good.
public enum ImportMode: String, Sendable, Codable {
    case goodRows = "good-rows"
    case allOrNothing = "all-or-nothing"
}

/// One reason a row was left out: the file's line, the column as its header names it, why.
public struct ImportRejection: Sendable, Hashable, Codable {
    public var line: Int
    public var column: String?
    /// A stable code: missing_name, bad_date, unknown_school, grade_out_of_range, duplicate_row, ...
    public var reason: String
    public var message: String

    public init(line: Int, column: String?, reason: String, message: String) {
        self.line = line
        self.column = column
        self.reason = reason
        self.message = message
    }
}

/// The outcome of one import file.
public struct ImportReport: Sendable, Codable {
    public var kind: ImportKind
    public var mode: ImportMode
    /// Encoding and delimiter as detected.
    public var dialect: CSVDialect
    /// Data rows read (the header and blank rows not counted).
    public var rows: Int
    /// Rows that created a record.
    public var inserted: Int
    /// Rows matched to a record already in the database (updated where the file says more).
    public var matched: Int
    /// Rows with at least one rejection.
    public var rejectedRows: Int
    /// Network agreements added (organisations only).
    public var agreementsAdded: Int
    /// False when nothing was written: all-or-nothing with rejections.
    public var committed: Bool
    /// The first rejections, in line order (`rejectionsTotal` counts them all).
    public var rejections: [ImportRejection]
    public var rejectionsTotal: Int
    /// Header columns the import did not use.
    public var ignoredColumns: [String]
    /// Active applications that no longer fit a grade this import changed (pupils only): the re-check an explicit
    /// correction makes (GradeCorrectionService), so a school that moves a pupil up a class learns which entries to fix.
    public var gradeMisfits: [ImportGradeMisfit] = []
}

/// A matched pupil whose grade on record for the import's school year the file changed, and one of their active
/// applications of that year whose event does not take the new grade.
public struct ImportGradeMisfit: Sendable, Hashable, Codable {
    /// The file's line that set the new grade.
    public var line: Int
    public var personID: PersonID
    /// Surname and first name as on record.
    public var name: String
    public var before: Int
    public var after: Int
    public var applicationID: ApplicationID
    public var eventID: EventID
    public var eventTitle: String
    public var gradeMin: Int?
    public var gradeMax: Int?

    enum CodingKeys: String, CodingKey {
        case line, personID = "personId", name, before, after, applicationID = "applicationId", eventID = "eventId", eventTitle
        case gradeMin, gradeMax
    }
}

/// An import that cannot start: the file, not a row, is at fault.
public struct ImportError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Reported while the file is sent to the database.
public struct ImportProgress: Sendable {
    public var bytesRead: Int
    public var totalBytes: Int
    public var rowsSent: Int
}

/// A people import that stopped after some of its batches were written (ImportValidation.mergeBatch): those stay,
/// each a whole transaction of whole people. Importing the same file again writes the rest and matches the rows
/// already written, so nobody is created twice.
public struct ImportInterrupted: Error, Sendable, CustomStringConvertible {
    public var path: String
    /// Good rows written (inserted + matched) before the failure, of `total`.
    public var written: Int
    public var total: Int
    public var inserted: Int
    public var matched: Int
    /// What stopped it.
    public var cause: any Error

    public init(path: String, written: Int, of total: Int, inserted: Int, matched: Int, cause: any Error) {
        self.path = path
        self.written = written
        self.total = total
        self.inserted = inserted
        self.matched = matched
        self.cause = cause
    }

    public var description: String {
        "\(path): the import stopped after writing \(written) of its \(total) good rows (\(inserted) new, \(matched) matched "
            + "existing); those stay written. Import the same file again to write the rest: the rows already written are "
            + "then matched, not created twice"
    }
}

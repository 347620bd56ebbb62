import PQ
import SchoolNetDomain

/// The set-based part of an import, once the file sits in `import_staging`: parse, reject, match, write.
struct ImportValidation {
    let kind: ImportKind
    let options: ImportService.Options
    let today: LocalDate
    let width: Int
    let layout: ImportLayout

    init(kind: ImportKind, options: ImportService.Options, today: LocalDate, width: Int, headers: [String?]) throws {
        self.kind = kind
        self.options = options
        self.today = today
        self.width = width
        let wanted: [ImportColumn] =
            switch kind {
            case .organisations: [.shortName, .organisationName, .kind, .legalForm, .municipality, .region, .country, .agreementFrom, .agreementTo]
            case .pupils: [.fullName, .lastName, .firstName, .patronymic, .birthDate, .school, .schoolClass]
            case .teachers: [.fullName, .lastName, .firstName, .patronymic, .birthDate, .school, .role]
            }
        self.layout = ImportLayout(headers: headers, wanted: wanted)
        try checkRequiredColumns()
    }

    private func checkRequiredColumns() throws {
        // the headers as the file writes them ("Фамилия", not "lastName"), and those no column claimed
        let understood = layout.columns.values.sorted { $0.index < $1.index }.map(\.header).joined(separator: ", ")
        let found =
            (understood.isEmpty ? "none" : understood)
            + (layout.ignored.isEmpty ? "" : "; not understood: " + layout.ignored.joined(separator: ", "))
        switch kind {
        case .organisations:
            guard layout.has(.organisationName) else {
                throw ImportError("no column with the organisation's name (\"Наименование\"); columns understood: \(found)")
            }
            guard layout.has(.municipality) else {
                throw ImportError("no municipality column (\"Муниципалитет\"); columns understood: \(found)")
            }
        case .pupils, .teachers:
            guard layout.has(.fullName) || (layout.has(.lastName) && layout.has(.firstName)) else {
                throw ImportError("no name column: give \"ФИО\" or \"Фамилия\" and \"Имя\"; columns understood: \(found)")
            }
            guard layout.has(.school) || options.defaultSchool != nil else {
                throw ImportError("no school column (\"Школа\"): add one or name the school for the whole file (--school)")
            }
            if kind == .pupils, !layout.has(.schoolClass) {
                throw ImportError("no class column (\"Класс\")")
            }
            // every row would be rejected as missing_birth_date under a column name the file never had
            if kind == .pupils, !layout.has(.birthDate) {
                throw ImportError("no birth date column (\"Дата рождения\"): pupils are told apart by it; columns understood: \(found)")
            }
        }
    }

    func run(_ conn: PQConnection) throws -> ImportReport {
        try conn.executeScript(ImportSQL.helpers)
        try conn.executeScript(
            """
            CREATE TEMP TABLE import_rejection (line integer NOT NULL, column_name text, reason text NOT NULL,
                                                message text NOT NULL) ON COMMIT DROP
            """)
        try conn.execute(
            """
            INSERT INTO import_rejection
            SELECT line, NULL, 'too_many_fields', format('the row has %s cells, the header %s', field_count, $1::int)
            FROM import_staging WHERE field_count > $1::int
            """, [width])
        var report = ImportReport(
            kind: kind, mode: options.mode, dialect: CSVDialect(encoding: .utf8, delimiter: ";"), rows: 0,
            inserted: 0, matched: 0, rejectedRows: 0, agreementsAdded: 0, committed: true, rejections: [],
            rejectionsTotal: 0, ignoredColumns: layout.ignored)
        switch kind {
        case .organisations: try organisations(conn, &report)
        case .pupils, .teachers: try people(conn, &report)
        }
        report.rejectionsTotal = try count(conn, "SELECT count(*) FROM import_rejection")
        report.rejectedRows = try count(conn, "SELECT count(DISTINCT line) FROM import_rejection")
        report.rejections = try conn.query(
            """
            SELECT line, column_name, reason, message FROM import_rejection ORDER BY line, reason LIMIT $1
            """, [options.rejectionLimit]
        ).map { row in
            ImportRejection(
                line: Int(try row.decode(0, as: Int32.self)), column: try row.decode(1, as: String?.self),
                reason: try row.decode(2, as: String.self), message: try row.decode(3, as: String.self))
        }
        return report
    }

    /// Adds a rejection for every row `condition` holds on, in one statement over `table`.
    func reject(
        _ conn: PQConnection, from table: String = "import_row", where condition: String,
        column: ImportColumn?, reason: String, message: String
    ) throws {
        try conn.execute(
            """
            INSERT INTO import_rejection (line, column_name, reason, message)
            SELECT line, $1, $2, \(message) FROM \(table) WHERE \(condition)
            """, [column.map { layout.header($0) }, reason])
    }

    /// A rule a row of `import_row` breaks: its condition, the column it points at, and why.
    struct RowRule {
        var condition: String
        var column: ImportColumn?
        var reason: String
        var message: String
    }

    /// Every rule in one pass over `import_row` instead of one statement each: the rows breaking any rule
    /// are picked once, then each of their broken rules gives a rejection. `parameters` are extra values
    /// the conditions use as `$1`, `$2`, ...; the columns' headers (the file's words) follow them.
    func reject(_ conn: PQConnection, _ rules: [RowRule], parameters: [any PQEncodable] = []) throws {
        guard !rules.isEmpty else { return }
        let rows = rules.enumerated().map { index, rule in
            "($\(parameters.count + index + 1)::text, '\(rule.reason)', CASE WHEN \(rule.condition) THEN \(rule.message) END)"
        }
        try conn.execute(
            """
            INSERT INTO import_rejection (line, column_name, reason, message)
            SELECT r.line, v.column_name, v.reason, v.message
            FROM (SELECT * FROM import_row WHERE \(rules.map { "(\($0.condition))" }.joined(separator: " OR "))) r
            CROSS JOIN LATERAL (VALUES \(rows.joined(separator: ", "))) v (column_name, reason, message)
            WHERE v.message IS NOT NULL
            """, parameters + rules.map { rule in rule.column.map { layout.header($0) } as String? })
    }

    /// `nextval(...)` of a table's id sequence with the sequence resolved once, as an OID constant:
    /// `pg_get_serial_sequence` in the select list is evaluated per row, a catalog lookup each time
    /// (about 3 s over a million rows).
    func nextID(_ conn: PQConnection, table: String) throws -> String {
        let oid = try conn.query("SELECT pg_get_serial_sequence($1, 'id')::regclass::oid::bigint", [table]).first?
            .decode(0, as: Int64.self)
        guard let oid else { throw ImportError("\(table) has no id sequence") }
        return "nextval(\(oid)::oid::regclass)"
    }

    func count(_ conn: PQConnection, _ sql: String, _ parameters: [any PQEncodable] = []) throws -> Int {
        Int(try conn.query(sql, parameters).first?.decode(0, as: Int64.self) ?? 0)
    }

    /// Rows with no rejection, copied aside with room for the record they end up as.
    func keepGoodRows(_ conn: PQConnection) throws {
        try conn.executeScript(
            """
            CREATE TEMP TABLE import_good ON COMMIT DROP AS
            SELECT r.*, NULL::bigint AS target_id, false AS is_new
            FROM import_row r
            WHERE NOT EXISTS (SELECT 1 FROM import_rejection j WHERE j.line = r.line);
            ANALYZE import_good
            """)
    }
}

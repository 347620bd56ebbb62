import PQ
import SchoolNetDomain

/// Pupils' and teachers' good rows, matched and written in batches of identity buckets (docs/DESIGN.md item 28).
///
/// Validation holds no identity lock. The merge then runs batch after batch, each its own short transaction:
/// it locks the identity buckets (migration 0011) of its own rows, matches them under those locks by
/// registration's rule, and writes them. A batch holds a few buckets for about a second at most, so a
/// registration naming someone in them waits that long, and every other registration none at all; an
/// import that held all 1,024 buckets until its single commit made registration answer 503 for as long as
/// its matching and INSERTs took (1.5 minutes at a million rows).
///
/// A batch is whole buckets (all rows of one identity merge together) in ascending key order, at least
/// `mergeBatchRows` rows unless it is the last. Matched rows go to `import_match (line, person_id)`, the new
/// people to `import_new`, each with its id from the sequence: the INSERTs read one table in line order.
extension ImportValidation {
    /// Rows per batch: about 4 buckets of a million-row file, held up to about a second on a loaded two-core
    /// machine (docs/BENCHMARKS.md); a file up to this size is merged in one transaction.
    static let mergeBatchRows = 4_096

    /// `import_merge`: the good rows with their identity lock key and batch, plus the batches' working tables.
    /// TEMP tables that outlive the validating transaction (the batches are transactions of their own);
    /// `endMerge` drops them.
    func stageMerge(_ conn: PQConnection) throws {
        try conn.executeScript(
            """
            DROP TABLE IF EXISTS import_merge, import_match, import_new;
            CREATE TEMP TABLE import_merge AS
            SELECT line, last_name, first_name, patronymic, birth_date, organisation_id, grade, class_letter, role, name_key,
                   0::bigint AS lock_key, 0 AS batch
            FROM import_good WITH NO DATA;
            CREATE TEMP TABLE import_match (line integer NOT NULL, person_id bigint NOT NULL);
            CREATE TEMP TABLE import_new AS
            SELECT 0::bigint AS id, last_name, first_name, patronymic, birth_date, organisation_id, grade, class_letter, role
            FROM import_merge WITH NO DATA
            """)
        // name_key is normalize_person_name(surname) || ' ' || normalize_person_name(first name) (ImportSQL.nameKeyWord),
        // so person_identity_lock_key_of(name_key, ...) is registration's person_identity_lock_key without normalising
        // again. A batch starts at a key whose rank (the rows before it) crosses a multiple of the batch size.
        // A good row always has its organisation, so its key is never NULL.
        try conn.execute(
            """
            INSERT INTO import_merge
            SELECT k.*, ((rank() OVER (ORDER BY k.lock_key)) - 1) / $1 AS batch
            FROM (SELECT line, last_name, first_name, patronymic, birth_date, organisation_id, grade, class_letter, role, name_key,
                         person_identity_lock_key_of(name_key, birth_date, organisation_id) AS lock_key
                  FROM import_good) k
            """, [Int64(Self.mergeBatchRows)])
        try conn.executeScript(
            """
            CREATE INDEX ON import_merge (batch, line);
            ANALYZE import_merge
            """)
    }

    /// Good rows to write and batches to write them in.
    func mergePlan(_ conn: PQConnection) throws -> (rows: Int, batches: Int) {
        let row = try conn.query("SELECT count(*), coalesce(max(batch) + 1, 0)::bigint FROM import_merge").first
        return (Int(try row?.decode(0, as: Int64.self) ?? 0), Int(try row?.decode(1, as: Int64.self) ?? 0))
    }

    /// Drops what `stageMerge` made; best effort (a broken connection takes its TEMP tables with it).
    func endMerge(_ conn: PQConnection) {
        try? conn.executeScript("DROP TABLE IF EXISTS import_merge, import_match, import_new")
    }

    /// One batch, in the caller's transaction: its buckets' locks in ascending order, then the look-up under them
    /// (READ COMMITTED: it sees whatever a registration that held one of them committed), then the writes.
    func mergeBatch(_ conn: PQConnection, _ batch: Int) throws -> (inserted: Int, matched: Int, misfits: [ImportGradeMisfit]) {
        let batch = Int64(batch)
        // A batch's statements read a few thousand rows, but the look-ups' subplans make their estimated cost pass
        // jit_above_cost: compiling each one again in every batch took 0.5-2 s a statement, more than the batch's work
        try conn.executeScript("SET LOCAL jit = off; TRUNCATE import_match, import_new")
        try conn.execute(
            """
            SELECT pg_advisory_xact_lock(k) FROM (
                SELECT DISTINCT lock_key AS k FROM import_merge WHERE batch = $1 ORDER BY k) keys
            WHERE k IS NOT NULL
            """, [batch])
        let matched = try matchPeople(conn, batch)
        let nextID = try nextID(conn, table: "person")
        let notMatched = matched > 0 ? "AND NOT EXISTS (SELECT 1 FROM import_match m WHERE m.line = g.line)" : ""
        try conn.execute(
            """
            INSERT INTO import_new
            SELECT \(nextID), g.last_name, g.first_name, g.patronymic, g.birth_date, g.organisation_id, g.grade, g.class_letter, g.role
            FROM import_merge g
            WHERE g.batch = $1 \(notMatched)
            ORDER BY g.line
            """, [batch])
        let pupils = kind == .pupils
        var misfits: [ImportGradeMisfit] = []
        let inserted = try conn.execute(
            """
            INSERT INTO person (id, kind, last_name, first_name, patronymic, birth_date, organisation_id)
            OVERRIDING SYSTEM VALUE
            SELECT id, \(pupils ? "CASE WHEN grade = 0 THEN 'preschooler' ELSE 'pupil' END::person_kind" : "'teacher'"),
                   last_name, first_name, patronymic, birth_date, organisation_id
            FROM import_new
            """)
        if pupils {
            misfits = try writeGrades(conn, batch, matched: matched > 0)
        } else {
            try conn.execute("INSERT INTO teacher_role (person_id, organisation_id, role) SELECT id, organisation_id, role FROM import_new")
            if matched > 0 {
                try conn.execute(
                    """
                    INSERT INTO teacher_role (person_id, organisation_id, role)
                    SELECT DISTINCT m.person_id, g.organisation_id, g.role
                    FROM import_match m JOIN import_merge g ON g.batch = $1 AND g.line = m.line
                    ON CONFLICT DO NOTHING
                    """, [batch])
            }
        }
        return (inserted, matched, misfits)
    }

    /// The school year's grades: new people's by a plain INSERT, matched people's by an upsert (the file's last row wins).
    /// Returns the active applications of that year that a changed grade no longer fits (none for new people).
    private func writeGrades(_ conn: PQConnection, _ batch: Int64, matched: Bool) throws -> [ImportGradeMisfit] {
        let year = options.schoolYear ?? SchoolYear.containing(today)
        try conn.execute("INSERT INTO school_year (start_year) VALUES ($1) ON CONFLICT DO NOTHING", [year.startYear])
        try conn.execute(
            """
            INSERT INTO pupil_grade (person_id, school_year_id, organisation_id, grade, class_letter)
            SELECT id, (SELECT id FROM school_year WHERE start_year = $1), organisation_id, grade, class_letter
            FROM import_new
            """, [year.startYear])
        guard matched else { return [] }
        // the grades this batch changes, read before the upsert overwrites them (the file's last row wins)
        let changes = try conn.query(
            """
            SELECT c.person_id, c.line::bigint, o.grade::bigint, c.grade::bigint FROM (
                SELECT DISTINCT ON (m.person_id) m.person_id, m.line, g.grade
                FROM import_match m JOIN import_merge g ON g.batch = $2 AND g.line = m.line
                ORDER BY m.person_id, m.line DESC) c
            JOIN pupil_grade o ON o.person_id = c.person_id
                              AND o.school_year_id = (SELECT id FROM school_year WHERE start_year = $1)
            WHERE o.grade IS DISTINCT FROM c.grade
            """, [year.startYear, batch]
        ).map { row in try (0..<4).map { try row.decode($0, as: Int64.self) } }
        try conn.execute(
            """
            INSERT INTO pupil_grade (person_id, school_year_id, organisation_id, grade, class_letter)
            SELECT DISTINCT ON (m.person_id) m.person_id, (SELECT id FROM school_year WHERE start_year = $1),
                   g.organisation_id, g.grade, g.class_letter
            FROM import_match m JOIN import_merge g ON g.batch = $2 AND g.line = m.line
            ORDER BY m.person_id, m.line DESC
            ON CONFLICT (person_id, school_year_id) DO UPDATE
            SET organisation_id = excluded.organisation_id, grade = excluded.grade, class_letter = excluded.class_letter
            """, [year.startYear, batch])
        guard !changes.isEmpty else { return [] }
        var columns: [any PQEncodable] = (0..<4).map { column in changes.map { $0[column] } }
        columns.append(year.startYear)
        // PersonRepository.applicationsOutsideGrade's rule, for the whole batch at once
        return try conn.query(
            """
            SELECT c.line, c.person_id, p.last_name || ' ' || p.first_name AS name, c.before, c.after,
                   a.id AS application_id, e.id AS event_id, e.title, e.grade_min, e.grade_max
            FROM unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::bigint[]) AS c(person_id, line, before, after)
            JOIN person p ON p.id = c.person_id
            JOIN application_member am ON am.person_id = c.person_id AND am.application_active
            JOIN application a ON a.id = am.application_id
            JOIN event e ON e.id = a.event_id AND e.school_year_id = (SELECT id FROM school_year WHERE start_year = $5)
            WHERE c.after < e.grade_min OR c.after > e.grade_max
            ORDER BY c.line, e.starts_on, a.id
            """, columns
        ).map {
            ImportGradeMisfit(
                line: Int(try $0.decode("line", as: Int64.self)), personID: PersonID(rawValue: try $0.decode("person_id")),
                name: try $0.decode("name"), before: Int(try $0.decode("before", as: Int64.self)),
                after: Int(try $0.decode("after", as: Int64.self)), applicationID: ApplicationID(rawValue: try $0.decode("application_id")),
                eventID: EventID(rawValue: try $0.decode("event_id")), eventTitle: try $0.decode("title"),
                gradeMin: try $0.decode("grade_min"), gradeMax: try $0.decode("grade_max"))
        }
    }

    /// The same rule as registration (PersonRepository.identify): same name and birth date at the same
    /// organisation; without a birth date, the same full name at the organisation, stored without one either.
    /// Returns how many of the batch's rows matched someone already there.
    private func matchPeople(_ conn: PQConnection, _ batch: Int64) throws -> Int {
        // match_people's rule and order (same organisation only; same patronymic first, then the oldest id), one
        // look-up per row through person_match's index: a batch is a few thousand rows, the table may hold millions
        try conn.execute(
            """
            INSERT INTO import_match (line, person_id)
            SELECT r.line, p.id
            FROM import_merge r
            CROSS JOIN LATERAL (
                SELECT p.id FROM person p
                WHERE p.name_key = r.name_key AND p.birth_date = r.birth_date
                  AND (p.patronymic IS NULL OR r.patronymic IS NULL
                       OR normalize_person_name(p.patronymic) = normalize_person_name(r.patronymic))
                  AND (p.organisation_id = r.organisation_id
                       OR EXISTS (SELECT 1 FROM pupil_grade o WHERE o.person_id = p.id AND o.organisation_id = r.organisation_id))
                ORDER BY (p.patronymic IS NOT NULL AND r.patronymic IS NOT NULL
                          AND normalize_person_name(p.patronymic) = normalize_person_name(r.patronymic)) DESC,
                         p.id
                LIMIT 1) p
            WHERE r.batch = $1 AND r.birth_date IS NOT NULL
            """, [batch])
        try conn.execute(
            """
            INSERT INTO import_match (line, person_id)
            SELECT line, person_id FROM (
                SELECT g.line, (SELECT p.id FROM person p
                                WHERE p.full_name_norm = normalize_person_name(concat_ws(' ', g.last_name, g.first_name, g.patronymic))
                                  AND p.birth_date IS NULL
                                  AND (p.organisation_id = g.organisation_id
                                       OR EXISTS (SELECT 1 FROM pupil_grade o
                                                  WHERE o.person_id = p.id AND o.organisation_id = g.organisation_id))
                                ORDER BY p.id LIMIT 1) AS person_id
                FROM import_merge g
                WHERE g.batch = $1 AND g.birth_date IS NULL) m
            WHERE person_id IS NOT NULL
            """, [batch])
        return try count(conn, "SELECT count(*) FROM import_match")
    }
}

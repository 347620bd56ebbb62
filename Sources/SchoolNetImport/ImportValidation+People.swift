import PQ
import SchoolNetDomain

extension ImportValidation {
    /// Pupils (grade and school per school year) and teachers (school and role).
    ///
    /// Validation only, in the import's first transaction: the rows stay in `import_row` (parsed once);
    /// `import_good` is a view of the rows no rule rejected, with their school, and what it holds goes to
    /// `import_merge` for the batches that match and write them (`mergeBatch`).
    func people(_ conn: PQConnection, _ report: inout ImportReport) throws {
        let pupils = kind == .pupils
        let cyrillicLower = try conn.query(ImportSQL.cyrillicLowerCheck).first?.decode(0, as: Bool.self) ?? false
        try conn.executeScript(
            """
            CREATE TEMP TABLE import_row ON COMMIT DROP AS
            WITH raw AS (
                SELECT s.line, \(layout.sql(.fullName)) AS fio, \(layout.sql(.lastName)) AS last_in,
                       \(layout.sql(.firstName)) AS first_in, \(layout.sql(.patronymic)) AS patronymic_in,
                       \(layout.sql(.birthDate)) AS birth_text, \(layout.sql(.school)) AS school_text,
                       \(layout.sql(.schoolClass)) AS class_text, \(layout.sql(.role)) AS role_text
                FROM import_staging s
            ), split AS (
                -- OFFSET 0 keeps this subquery from being flattened into the selects that use it, where
                -- `words` would be split five times and `class_match` computed twice per row
                SELECT raw.*, \(ImportSQL.words("fio")) AS words,
                       \(ImportSQL.classIsPlain("class_text")) AS class_plain,
                       CASE WHEN NOT \(ImportSQL.classIsPlain("class_text")) THEN \(ImportSQL.classMatch("class_text")) END
                           AS class_match
                FROM raw
                OFFSET 0
            ), named AS (
                SELECT line, birth_text, school_text, class_text, role_text, class_plain, class_match,
                       CASE WHEN last_in IS NOT NULL OR fio IS NULL THEN last_in ELSE words[1] END AS last_name,
                       CASE WHEN last_in IS NOT NULL OR fio IS NULL THEN first_in ELSE words[2] END AS first_name,
                       CASE WHEN last_in IS NOT NULL OR fio IS NULL THEN patronymic_in
                            ELSE nullif(array_to_string(words[3:], ' '), '') END AS patronymic
                FROM split
            )
            SELECT line, last_name, first_name, patronymic, birth_text, school_text, class_text, role_text,
                   \(ImportSQL.date("birth_text")) AS birth_date,
                   \(ImportSQL.classGrade("class_text", plain: "class_plain", match: "class_match")) AS grade,
                   \(ImportSQL.classLetter("class_text", plain: "class_plain", match: "class_match")) AS class_letter,
                   \(ImportSQL.nameKeyWord("last_name", cyrillicLower: cyrillicLower)) || ' '
                       || \(ImportSQL.nameKeyWord("first_name", cyrillicLower: cyrillicLower)) AS name_key,
                   NULL::staff_role AS role
            FROM named;
            ANALYZE import_row
            """)
        let nameColumn: ImportColumn = layout.has(.fullName) ? .fullName : .lastName
        var rules = [
            RowRule(
                condition: "last_name IS NULL OR first_name IS NULL", column: nameColumn, reason: "missing_name",
                message: "'no surname and first name: write \"Фамилия Имя [Отчество]\"'")
        ]
        if pupils {
            rules.append(
                RowRule(
                    condition: "birth_text IS NULL", column: .birthDate, reason: "missing_birth_date",
                    message: "'no birth date: it tells namesakes apart'"))
        }
        rules.append(
            RowRule(
                condition: "birth_text IS NOT NULL AND birth_date IS NULL", column: .birthDate, reason: "bad_date",
                message: "'not a date: write 31.08.2010 or 2010-08-31'"))
        rules.append(
            RowRule(
                condition: "birth_date NOT BETWEEN $1::date AND $2::date", column: .birthDate, reason: "bad_date",
                message: "'the birth date is not plausible: from 1900-01-01 to yesterday'"))
        if pupils {
            rules.append(
                RowRule(
                    condition: "class_text IS NULL", column: .schoolClass, reason: "missing_class",
                    message: "'no class: write 6А, 6 А or 6'"))
            rules.append(
                RowRule(
                    condition: "class_text IS NOT NULL AND grade IS NULL", column: .schoolClass, reason: "bad_class",
                    message: "format('\"%s\" is not a class: write 6А, 6 А or 6', class_text)"))
            rules.append(
                RowRule(
                    condition: "grade NOT BETWEEN 0 AND 11", column: .schoolClass, reason: "grade_out_of_range",
                    message: "format('grade %s is outside 0-11 (0: preschool)', grade)"))
        }
        try reject(conn, rules, parameters: [BirthDateBounds.earliest.iso, BirthDateBounds.latest(today: today).iso])
        if !pupils { try resolveRoles(conn) }
        try resolveSchools(conn)
        // the same person twice in one list: the first row counts, later ones are reported
        if pupils {
            // groups by hashing, and only the groups of two or more are joined back: a tenth of the
            // time of a window over a million sorted rows
            try conn.execute(
                """
                INSERT INTO import_rejection
                SELECT r.line, $1, 'duplicate_row', format('the same person as line %s', d.first_line)
                FROM (SELECT name_key, birth_date, min(line) AS first_line FROM import_row
                      WHERE name_key IS NOT NULL AND birth_date IS NOT NULL
                      GROUP BY name_key, birth_date HAVING count(*) > 1) d
                JOIN import_row r ON r.name_key = d.name_key AND r.birth_date = d.birth_date AND r.line > d.first_line
                """, [layout.header(nameColumn)])
        } else {
            // teachers may have no birth date: NULLs are one partition here, which an equi-join would miss
            try conn.execute(
                """
                INSERT INTO import_rejection
                SELECT line, $1, 'duplicate_row', format('the same person as line %s', first_line)
                FROM (SELECT line, first_value(line) OVER w AS first_line, row_number() OVER w AS n
                      FROM import_row r LEFT JOIN import_school s USING (school_text)
                      WHERE name_key IS NOT NULL
                      WINDOW w AS (PARTITION BY name_key, birth_date, s.organisation_id ORDER BY line)) d
                WHERE n > 1
                """, [layout.header(nameColumn)])
        }
        // a view, not a copy: its rows are read twice (identities, matching) and then once into import_new.
        // A clean file has no rejection to leave out, and then the view doesn't look for one per row
        let anyRejected = try count(conn, "SELECT count(*) FROM (SELECT FROM import_rejection LIMIT 1) j") > 0
        let notRejected = anyRejected ? "AND NOT EXISTS (SELECT 1 FROM import_rejection j WHERE j.line = r.line)" : ""
        try conn.executeScript(
            """
            ANALYZE import_rejection;
            CREATE TEMP VIEW import_good AS
            SELECT r.*, s.organisation_id
            FROM import_row r JOIN import_school s ON s.school_text = r.school_text AND NOT s.ambiguous
            WHERE s.organisation_id IS NOT NULL \(notRejected)
            """)
        // matched and written later, batch by batch, each under the identity locks of its own rows (ImportValidation+Merge)
        try stageMerge(conn)
        // import_row goes at commit (ON COMMIT DROP) and may not take a view with it
        try conn.execute("DROP VIEW import_good")
    }

    /// Each distinct school text is searched once (search_organisations); a tie between the two best is ambiguous.
    private func resolveSchools(_ conn: PQConnection) throws {
        try conn.execute("UPDATE import_row SET school_text = $1 WHERE school_text IS NULL", [options.defaultSchool])
        try conn.executeScript(
            """
            CREATE TEMP TABLE import_school ON COMMIT DROP AS
            SELECT d.school_text, best.organisation_id,
                   coalesce(second.score >= best.score, false) AS ambiguous,
                   second.full_name AS other_name, best.full_name AS best_name
            FROM (SELECT DISTINCT school_text FROM import_row WHERE school_text IS NOT NULL) d
            LEFT JOIN LATERAL (SELECT * FROM search_organisations(d.school_text, 2) OFFSET 0 LIMIT 1) best ON true
            LEFT JOIN LATERAL (SELECT * FROM search_organisations(d.school_text, 2) OFFSET 1 LIMIT 1) second ON true
            """)
        try reject(
            conn, where: "school_text IS NULL", column: .school, reason: "missing_school",
            message: "'no school'")
        try conn.execute(
            """
            INSERT INTO import_rejection
            SELECT r.line, $1, CASE WHEN s.ambiguous THEN 'ambiguous_school' ELSE 'unknown_school' END,
                   CASE WHEN s.ambiguous THEN format('"%s" may be %s or %s: write the name in full', r.school_text, s.best_name, s.other_name)
                        ELSE format('no organisation matches "%s"', r.school_text) END
            FROM import_row r JOIN import_school s ON s.school_text = r.school_text
            WHERE s.organisation_id IS NULL OR s.ambiguous
            """, [layout.header(.school)])
    }

    /// Russian job titles as a school writes them, to staff roles; no column means "teacher".
    private func resolveRoles(_ conn: PQConnection) throws {
        try conn.execute(
            """
            UPDATE import_row SET role = CASE
                WHEN role_text IS NULL THEN 'teacher'
                WHEN fold_case(role_text) ~ 'молод' OR fold_case(role_text) IN ('young_teacher', 'young teacher') THEN 'young_teacher'
                WHEN fold_case(role_text) ~ '^(наставник|педагог-наставник|mentor)' THEN 'mentor'
                WHEN fold_case(role_text) ~ '^(координатор|coordinator)' THEN 'coordinator'
                WHEN fold_case(role_text) ~ '^(эксперт|член жюри|жюри|expert)' THEN 'expert'
                WHEN fold_case(role_text) ~ '^(директор|заместитель|зам|завуч|администратор|administrator)' THEN 'administrator'
                WHEN fold_case(role_text) ~ '^(учитель|педагог|воспитатель|преподаватель|teacher)' THEN 'teacher'
            END::staff_role
            """)
        try reject(
            conn, where: "role IS NULL", column: .role, reason: "unknown_role",
            message: "format('\"%s\" is not a known role (учитель, наставник, молодой учитель, координатор, эксперт, администратор)', role_text)")
    }
}

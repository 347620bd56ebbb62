import PQ
import SchoolNetDomain

extension ImportValidation {
    /// Pupils (grade and school per school year) and teachers (school and role).
    ///
    /// The rows stay in `import_row` (parsed once); `import_good` is a view of the rows no rule rejected,
    /// with their school. Matched rows go to the side table `import_match (line, person_id)`, the new
    /// people to `import_new`, each with its id from the sequence: the INSERTs then read one table in
    /// order, as a hand-written load would, instead of joining a million rows to their ids.
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
        report.matched = try matchPeople(conn)
        report.inserted = try conn.execute(
            """
            INSERT INTO person (id, kind, last_name, first_name, patronymic, birth_date, organisation_id)
            OVERRIDING SYSTEM VALUE
            SELECT id, \(pupils ? "CASE WHEN grade = 0 THEN 'preschooler' ELSE 'pupil' END::person_kind" : "'teacher'"),
                   last_name, first_name, patronymic, birth_date, organisation_id
            FROM import_new
            """)
        if pupils {
            let year = options.schoolYear ?? SchoolYear.containing(today)
            try conn.execute("INSERT INTO school_year (start_year) VALUES ($1) ON CONFLICT DO NOTHING", [year.startYear])
            // new people have no grade yet: a plain INSERT
            try conn.execute(
                """
                INSERT INTO pupil_grade (person_id, school_year_id, organisation_id, grade, class_letter)
                SELECT id, (SELECT id FROM school_year WHERE start_year = $1), organisation_id, grade, class_letter
                FROM import_new
                """, [year.startYear])
            if report.matched > 0 {
                try conn.execute(
                    """
                    INSERT INTO pupil_grade (person_id, school_year_id, organisation_id, grade, class_letter)
                    SELECT DISTINCT ON (m.person_id) m.person_id, (SELECT id FROM school_year WHERE start_year = $1),
                           g.organisation_id, g.grade, g.class_letter
                    FROM import_match m JOIN import_good g ON g.line = m.line
                    ORDER BY m.person_id, m.line DESC
                    ON CONFLICT (person_id, school_year_id) DO UPDATE
                    SET organisation_id = excluded.organisation_id, grade = excluded.grade, class_letter = excluded.class_letter
                    """, [year.startYear])
            }
        } else {
            try conn.execute("INSERT INTO teacher_role (person_id, organisation_id, role) SELECT id, organisation_id, role FROM import_new")
            if report.matched > 0 {
                try conn.execute(
                    """
                    INSERT INTO teacher_role (person_id, organisation_id, role)
                    SELECT DISTINCT m.person_id, g.organisation_id, g.role
                    FROM import_match m JOIN import_good g ON g.line = m.line
                    ON CONFLICT DO NOTHING
                    """)
            }
        }
        // import_row goes at commit (ON COMMIT DROP) and may not take a view with it
        try conn.execute("DROP VIEW import_good")
    }

    /// The same rule as registration (PersonRepository.identify): same name and birth date at the same
    /// organisation; without a birth date, the same full name at the organisation, stored without one either.
    /// Identity locks are the registration's too, so an import and a registration never both create one person.
    /// Returns how many rows matched someone already there.
    private func matchPeople(_ conn: PQConnection) throws -> Int {
        try lockIdentities(conn)
        // match_people's rule and order (same organisation only; same patronymic first, then the oldest id)
        // as one join: a hash or merge join on person_match's key instead of a function call per row
        try conn.executeScript(
            """
            CREATE TEMP TABLE import_match ON COMMIT DROP AS
            SELECT DISTINCT ON (r.line) r.line, p.id AS person_id
            FROM import_good r JOIN person p ON p.name_key = r.name_key AND p.birth_date = r.birth_date
            WHERE (p.patronymic IS NULL OR r.patronymic IS NULL
                   OR normalize_person_name(p.patronymic) = normalize_person_name(r.patronymic))
              AND (p.organisation_id = r.organisation_id
                   OR EXISTS (SELECT 1 FROM pupil_grade o WHERE o.person_id = p.id AND o.organisation_id = r.organisation_id))
            ORDER BY r.line,
                     (p.patronymic IS NOT NULL AND r.patronymic IS NOT NULL
                      AND normalize_person_name(p.patronymic) = normalize_person_name(r.patronymic)) DESC,
                     p.id
            """)
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
                FROM import_good g
                WHERE g.birth_date IS NULL) m
            WHERE person_id IS NOT NULL
            """)
        // the new people with their ids, in the order the rows are read (the file's, as a rule): the one
        // table both INSERTs read. With nothing matched there is nothing to leave out
        let matched = try count(conn, "SELECT count(*) FROM import_match")
        let nextID = try nextID(conn, table: "person")
        let notMatched = matched > 0 ? "WHERE NOT EXISTS (SELECT 1 FROM import_match m WHERE m.line = g.line)" : ""
        try conn.executeScript(
            """
            ANALYZE import_match;
            CREATE TEMP TABLE import_new ON COMMIT DROP AS
            SELECT \(nextID) AS id, g.last_name, g.first_name, g.patronymic,
                   g.birth_date, g.organisation_id, g.grade, g.class_letter, g.role
            FROM import_good g \(notMatched)
            """)
        return matched
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

    /// Registration's identity locks (PersonRepository.lockIdentities takes the same `person_identity_lock_key`),
    /// in ascending key order. There are 1,024 keys (buckets of identities, migration 0011), so the import holds
    /// at most that many locks whatever the file's size: from `lockAllIdentitiesFrom` good rows on, every one of
    /// them, without hashing each row. Registrations in flight on those buckets finish first; new ones wait
    /// for the import's commit, then find the people it created.
    private func lockIdentities(_ conn: PQConnection) throws {
        let rows = try count(conn, "SELECT count(*) FROM (SELECT FROM import_good LIMIT $1) g", [Self.lockAllIdentitiesFrom])
        if rows >= Self.lockAllIdentitiesFrom {
            try conn.execute("SELECT pg_advisory_xact_lock(k) FROM (SELECT k FROM person_identity_lock_keys() k ORDER BY k) keys")
            return
        }
        try conn.execute(
            """
            SELECT pg_advisory_xact_lock(k) FROM (
                SELECT DISTINCT person_identity_lock_key(last_name, first_name, birth_date, organisation_id) AS k
                FROM import_good
                ORDER BY k) keys
            WHERE k IS NOT NULL
            """)
    }

    /// 4 × the 1,024 buckets: this many people (a good row is one, bar a teacher listed at two schools) leave
    /// about 2% of the buckets (e^-4) untouched, so locking them all holds back hardly more registrations,
    /// and a million-row file needs no hash per row.
    static let lockAllIdentitiesFrom = 4_096
}

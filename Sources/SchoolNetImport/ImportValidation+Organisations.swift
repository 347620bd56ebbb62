import PQ

extension ImportValidation {
    /// Organisations with their municipality (created in a named region when new) and network agreement.
    func organisations(_ conn: PQConnection, _ report: inout ImportReport) throws {
        try conn.executeScript(
            """
            CREATE TEMP TABLE import_row ON COMMIT DROP AS
            WITH raw AS (
                SELECT s.line, \(layout.sql(.organisationName)) AS full_name, \(layout.sql(.shortName)) AS short_name,
                       \(layout.sql(.kind)) AS kind_text, \(layout.sql(.legalForm)) AS legal_form_in,
                       \(layout.sql(.municipality)) AS municipality_text, \(layout.sql(.region)) AS region_text,
                       \(layout.sql(.country)) AS country_text,
                       \(layout.sql(.agreementFrom)) AS from_text, \(layout.sql(.agreementTo)) AS to_text
                FROM import_staging s
            )
            SELECT raw.*, normalize_name(full_name) AS name_norm,
                   pg_temp.import_date(from_text) AS starts_on, pg_temp.import_date(to_text) AS ends_on,
                   CASE
                       WHEN country_text IS NULL THEN 'RU'
                       WHEN upper(country_text) IN ('RU', 'KZ') THEN upper(country_text)
                       ELSE (SELECT c.code FROM country c WHERE fold_case(c.name) = fold_case(country_text)
                             OR (fold_case(country_text) IN ('рф', 'российская федерация') AND c.code = 'RU')
                             OR (fold_case(country_text) IN ('рк', 'республика казахстан') AND c.code = 'KZ'))
                   END AS country_code,
                   CASE fold_case(coalesce(kind_text, ''))
                       WHEN '' THEN \(Self.kindFromName)
                       WHEN 'school' THEN 'school' WHEN 'школа' THEN 'school' WHEN 'сош' THEN 'school' WHEN 'оош' THEN 'school'
                       WHEN 'gymnasium' THEN 'gymnasium' WHEN 'гимназия' THEN 'gymnasium'
                       WHEN 'lyceum' THEN 'lyceum' WHEN 'лицей' THEN 'lyceum'
                       WHEN 'kindergarten' THEN 'kindergarten' WHEN 'детский сад' THEN 'kindergarten' WHEN 'доу' THEN 'kindergarten'
                       WHEN 'additional_education' THEN 'additional_education' WHEN 'до' THEN 'additional_education'
                       WHEN 'дополнительное образование' THEN 'additional_education'
                       WHEN 'university' THEN 'university' WHEN 'вуз' THEN 'university' WHEN 'университет' THEN 'university'
                       WHEN 'regional_centre' THEN 'regional_centre' WHEN 'other' THEN 'other' WHEN 'другое' THEN 'other'
                   END::organisation_kind AS kind,
                   coalesce(legal_form_in, substring(full_name from
                       '^(МБОУ ДО|МАОУ ДО|МАУ ДО|МБУ ДО|МАОУ|МБОУ|МКОУ|МОУ|МАДОУ|МБДОУ|МДОУ|ОГАОУ|ОГБОУ|ОГБУ|КГУ|ФГАОУ ВО|ФГБОУ ВО)\\M')) AS legal_form,
                   NULL::bigint AS municipality_id, NULL::bigint AS organisation_id
            FROM raw;
            ANALYZE import_row
            """)
        try reject(conn, where: "full_name IS NULL", column: .organisationName, reason: "missing_name", message: "'no name'")
        try reject(
            conn, where: "full_name IS NOT NULL AND name_norm = ''", column: .organisationName, reason: "missing_name",
            message: "'the name has no letters or digits'")
        try reject(
            conn, where: "municipality_text IS NULL", column: .municipality, reason: "missing_municipality",
            message: "'no municipality: write \"г. Томск\", \"Томский район\"...'")
        try reject(
            conn, where: "kind IS NULL", column: .kind, reason: "unknown_kind",
            message: "format('\"%s\" is not a kind: школа, гимназия, лицей, детский сад, ДО, вуз', kind_text)")
        try reject(
            conn, where: "country_code IS NULL", column: .country, reason: "unknown_country",
            message: "format('unknown country \"%s\" (RU, KZ)', country_text)")
        try reject(
            conn, where: "from_text IS NOT NULL AND starts_on IS NULL", column: .agreementFrom, reason: "bad_date",
            message: "'not a date: write 01.09.2017 or 2017-09-01'")
        try reject(
            conn, where: "to_text IS NOT NULL AND ends_on IS NULL", column: .agreementTo, reason: "bad_date",
            message: "'not a date: write 31.08.2022 or 2022-08-31'")
        try reject(
            conn, where: "ends_on < starts_on", column: .agreementTo, reason: "bad_date",
            message: "'the agreement ends before it starts'")
        try reject(
            conn, where: "to_text IS NOT NULL AND from_text IS NULL", column: .agreementTo, reason: "missing_agreement_start",
            message: "'an agreement end without its start'")
        try resolveMunicipalities(conn)
        try conn.execute(
            """
            INSERT INTO import_rejection
            SELECT line, $1, 'duplicate_row', format('the same organisation as line %s', first_line)
            FROM (SELECT line, first_value(line) OVER w AS first_line, row_number() OVER w AS n
                  FROM import_row WHERE municipality_id IS NOT NULL AND name_norm <> ''
                  WINDOW w AS (PARTITION BY municipality_id, name_norm ORDER BY line)) d
            WHERE n > 1
            """, [layout.header(.organisationName)])
        try keepGoodRows(conn)
        // an organisation is the same when its normalised name is, in the same municipality
        try conn.execute(
            """
            UPDATE import_good g SET target_id = o.id
            FROM organisation o WHERE o.municipality_id = g.municipality_id AND o.name_norm = g.name_norm
            """)
        try conn.execute(
            """
            UPDATE import_good g SET target_id = n.id, is_new = true
            FROM (SELECT line, \(try nextID(conn, table: "organisation")) AS id
                  FROM (SELECT line FROM import_good WHERE target_id IS NULL ORDER BY line) o) n
            WHERE n.line = g.line
            """)
        try conn.execute(
            """
            INSERT INTO organisation (id, municipality_id, kind, legal_form, full_name, short_name)
            OVERRIDING SYSTEM VALUE
            SELECT target_id, municipality_id, kind, legal_form, full_name, short_name FROM import_good WHERE is_new
            """)
        // a short name the list gives and the record lacks is kept as an alias for search
        try conn.execute(
            """
            INSERT INTO organisation_alias (organisation_id, alias)
            SELECT g.target_id, g.short_name FROM import_good g JOIN organisation o ON o.id = g.target_id
            WHERE NOT g.is_new AND g.short_name IS NOT NULL AND normalize_name(g.short_name) <> ''
              AND o.short_name_norm IS DISTINCT FROM normalize_name(g.short_name)
            ON CONFLICT DO NOTHING
            """)
        report.agreementsAdded = try conn.execute(
            """
            INSERT INTO network_agreement (organisation_id, starts_on, ends_on)
            SELECT g.target_id, g.starts_on, g.ends_on FROM import_good g
            WHERE g.starts_on IS NOT NULL AND NOT EXISTS (
                SELECT 1 FROM network_agreement a WHERE a.organisation_id = g.target_id
                  AND daterange(a.starts_on, a.ends_on, '[]') && daterange(g.starts_on, g.ends_on, '[]'))
            """)
        report.inserted = try count(conn, "SELECT count(*) FROM import_good WHERE is_new")
        report.matched = try count(conn, "SELECT count(*) FROM import_good WHERE NOT is_new")
    }

    /// "г. Томск", "Томск", "Томский район": compared without a leading "г"/"город".
    private func resolveMunicipalities(_ conn: PQConnection) throws {
        let bare = "regexp_replace(normalize_person_name(%@), '^(г|город) ', '')"
        let rowName = bare.replacingOccurrences(of: "%@", with: "r.municipality_text")
        let knownName = bare.replacingOccurrences(of: "%@", with: "m.name")
        // a new region or municipality only where the row names its region
        try conn.executeScript(
            """
            INSERT INTO region (country_code, name)
            SELECT DISTINCT r.country_code, r.region_text FROM import_row r
            WHERE r.region_text IS NOT NULL AND r.country_code IS NOT NULL AND r.full_name IS NOT NULL
            ON CONFLICT DO NOTHING;
            UPDATE import_row r SET municipality_id = (
                SELECT m.id FROM municipality m JOIN region g ON g.id = m.region_id
                WHERE \(knownName) = \(rowName)
                  AND (r.region_text IS NULL OR g.name_norm = normalize_person_name(r.region_text))
                ORDER BY m.id LIMIT 1)
            WHERE r.municipality_text IS NOT NULL;
            INSERT INTO municipality (region_id, name, kind)
            SELECT DISTINCT ON (g.id, normalize_person_name(r.municipality_text)) g.id, r.municipality_text,
                   CASE WHEN fold_case(r.municipality_text) ~ 'зато' THEN 'zato'
                        WHEN fold_case(r.municipality_text) ~ 'район' THEN 'district'
                        WHEN fold_case(r.municipality_text) ~ '(городской округ|\\mго\\M)' THEN 'urban_okrug'
                        WHEN fold_case(r.municipality_text) ~ '^(г\\.|г |город)' THEN 'city'
                        ELSE 'other' END::municipality_kind
            FROM import_row r JOIN region g
              ON g.name_norm = normalize_person_name(r.region_text) AND g.country_code = r.country_code
            WHERE r.municipality_id IS NULL AND r.municipality_text IS NOT NULL AND r.full_name IS NOT NULL
            ON CONFLICT DO NOTHING;
            UPDATE import_row r SET municipality_id = (
                SELECT m.id FROM municipality m JOIN region g ON g.id = m.region_id
                WHERE \(knownName) = \(rowName)
                  AND (r.region_text IS NULL OR g.name_norm = normalize_person_name(r.region_text))
                ORDER BY m.id LIMIT 1)
            WHERE r.municipality_text IS NOT NULL AND r.municipality_id IS NULL
            """)
        try reject(
            conn, where: "municipality_text IS NOT NULL AND municipality_id IS NULL", column: .municipality,
            reason: "unknown_municipality",
            // "add a region column" was said even when the row had its region and only the country was unknown
            message: """
                format('unknown municipality "%s": %s', municipality_text, CASE
                    WHEN region_text IS NULL THEN 'give its region (a Регион column) to create it'
                    WHEN country_code IS NULL THEN 'its region could not be created, the country is unknown'
                    ELSE 'it could not be created' END)
                """)
    }

    /// The kind a name implies when the list has no kind column.
    static let kindFromName = """
        CASE
            WHEN fold_case(full_name) ~ '(детский сад|\\mм?[абк]?доу\\M|дошкольн)' THEN 'kindergarten'
            WHEN fold_case(full_name) ~ '(\\mдо\\M|дом детского|ддт|ддию|дом творчества|центр дополнительного|\\mцдо)' THEN 'additional_education'
            WHEN fold_case(full_name) ~ '(университет|\\mвуз|институт|\\mтгу\\M|\\mтпу\\M|\\mтгпу\\M)' THEN 'university'
            WHEN fold_case(full_name) ~ 'гимнази' THEN 'gymnasium'
            WHEN fold_case(full_name) ~ 'лице[йя]' THEN 'lyceum'
            WHEN fold_case(full_name) ~ 'региональный центр' THEN 'regional_centre'
            ELSE 'school'
        END
        """
}

import PQ
import SchoolNetTestSupport
import Testing
@testable import SchoolNetImport

/// The import's cheap spellings of names, words and classes must give exactly what the slow, general
/// expressions give (`normalize_person_name`, `regexp_split_to_array`, the class regexp): a difference
/// would make an imported pupil miss her own record, or get another class.
@Suite struct ImportFastPathTests {
    let connection: PQConnection

    init() throws {
        connection = try PQConnection(TestDatabase.migrated("import_fast_paths"))
    }

    func conn() -> PQConnection { connection }

    /// Rows of `inputs` (a SQL relation with a text column `x`) where the two expressions differ.
    func differences(_ inputs: String, _ fast: String, _ slow: String) throws -> [String] {
        try conn().query(
            """
            SELECT coalesce(x, '<NULL>') FROM (\(inputs)) i
            WHERE (\(fast)) IS DISTINCT FROM (\(slow))
            """
        ).map { try $0.decode(0, as: String.self) }
    }

    static let names = """
        SELECT unnest(ARRAY['Иванов', 'ИВАНОВА', 'ёлкин', 'Ёлкина', 'Фёдоров', 'Smith', 'McDonald', 'Ivanov2',
            'Петрова-Водкина', 'O''Brien', 'Әлиева', 'Қасымов', 'Өмірбек', 'İbrahim', 'Straße', 'ΑΛΦΑ',
            'Анна Мария', ' Иван', 'Иван ', 'Иван.', '№13', '123', 'А', 'я', 'Ъ', '', NULL]) AS x
        UNION ALL SELECT chr(c) FROM generate_series(32, 1279) c
        """

    @Test func theNameKeyOfAWordIsNormalizePersonName() throws {
        let cyrillicLower = try conn().query(ImportSQL.cyrillicLowerCheck).first?.decode(0, as: Bool.self) ?? false
        // the test cluster is C.UTF-8, whose lower() knows Cyrillic: the fast path is the one under test
        #expect(cyrillicLower)
        for flag in [true, false] {
            let found = try differences(
                Self.names, ImportSQL.nameKeyWord("x", cyrillicLower: flag && cyrillicLower),
                "normalize_person_name(x)")
            #expect(found.isEmpty, "fast name key differs for \(found)")
        }
    }

    @Test func wordsSplitLikeTheRegexp() throws {
        let inputs = """
            SELECT nullif(btrim(x), '') AS x FROM unnest(ARRAY['Иванов Иван', 'Иванов  Иван', E'Иванов\\tИван',
                'Иванов Иван Иванович', 'Иванов Иван  Иванович', E'Иванов\\u00A0Иван', E'Иванов\\u2003Иван',
                E'Иванов \\nИван', 'Петрова-Водкина Анна', 'Анна', '  Анна  Мария ', E'\\tАнна', '', NULL]) x
            """
        let found = try differences(inputs, ImportSQL.words("x"), "regexp_split_to_array(x, '\\s+')")
        #expect(found.isEmpty, "words split differently for \(found)")
    }

    @Test func plainClassesGiveTheRegexpsGradeAndLetter() throws {
        // every one- and two-digit grade with no letter, each capital and small Russian letter, Ё,
        // Latin look-alikes, and the spellings with spaces, hyphens and "класс"
        let inputs = """
            SELECT g || l AS x
            FROM (SELECT n::text AS g FROM generate_series(0, 99) n UNION ALL SELECT lpad(n::text, 2, '0') FROM generate_series(0, 9) n
                  UNION ALL VALUES ('100'), ('')) grades,
                 (SELECT chr(c) AS l FROM generate_series(1040, 1105) c
                  UNION ALL VALUES (''), ('A'), ('b'), (' А'), ('-Б'), (' класс'), ('АБ'), ('1'), ('Ё'), ('ё')) letters
            """
        let plain = ImportSQL.classIsPlain("x")
        let match = ImportSQL.classMatch("x")
        let grades = try differences(inputs, ImportSQL.classGrade("x", plain: plain, match: match), ImportSQL.grade(match))
        #expect(grades.isEmpty, "grades differ for \(grades)")
        let letters = try differences(inputs, ImportSQL.classLetter("x", plain: plain, match: match), ImportSQL.letter(match))
        #expect(letters.isEmpty, "letters differ for \(letters)")
        // and the plain form is the one lists use
        let plainCount = try conn().query("SELECT count(*) FROM unnest(ARRAY['6А', '10Б', '11', '0']) x WHERE \(plain)")
            .first?.decode(0, as: Int64.self)
        #expect(plainCount == 4)
    }
}

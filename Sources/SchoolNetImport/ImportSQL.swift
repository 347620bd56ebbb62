/// Parsing helpers created as temporary functions for one import (dropped with the session's
/// pg_temp schema), so every rule runs as one statement over the whole staging table.
enum ImportSQL {
    /// `pg_temp.import_date(expr)` with a fast path: a plain `to_date` for the strings whose day (01-28),
    /// month and year (1900-2099) a regexp already proves valid, where the function returns that very
    /// date; every other string (29th-31st, one-digit fields, times, 2100, junk) goes to the function.
    /// `expr` is already trimmed and never empty (ImportLayout.sql).
    static func date(_ expr: String) -> String {
        """
        CASE WHEN \(expr) ~ '^(0[1-9]|1[0-9]|2[0-8])\\.(0[1-9]|1[0-2])\\.(19|20)[0-9][0-9]$' THEN to_date(\(expr), 'DD.MM.YYYY')
             WHEN \(expr) ~ '^(19|20)[0-9][0-9]-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])$' THEN to_date(\(expr), 'YYYY-MM-DD')
             ELSE pg_temp.import_date(\(expr)) END
        """
    }

    /// A class as written ("6А", "6 а", "6-A", "10Б класс", "6") to {grade, letter}, as plain expressions
    /// over `regexp_match(...)` (no function call per row): `classMatch(text)` once per row, then `grade(m)`
    /// and `letter(m)` of its result; NULL when the text is no class.
    static func classMatch(_ expr: String) -> String {
        "regexp_match(fold_case(btrim(\(expr))), '^(\\d{1,2})\\s*-?\\s*([а-яёa-z]?)\\s*(?:класс|кл\\.?)?$')"
    }
    static func grade(_ match: String) -> String { "(\(match))[1]::int" }
    static func letter(_ match: String) -> String {
        """
        nullif(upper(translate((\(match))[2], 'абвгдеёжзийклмнопрстуфхцчшщъыьэюяabcehkmoptxy', \
        'АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯАВСЕНКМОРТХУ')), '')
        """
    }

    /// The class as most lists write it ("6А", "10Б", "6": one or two ASCII digits, then nothing or one
    /// capital Russian letter other than Ё): for these, `classGrade` and `classLetter` are plain string
    /// functions giving what the regexp above gives, without building an array per row (a million arrays
    /// cost about a second). `classMatch` then runs only for the other spellings ("6 а", "10-б класс").
    static func classIsPlain(_ expr: String) -> String { "\(expr) ~ '^[0-9]{1,2}[А-Я]?$'" }
    static func classGrade(_ expr: String, plain: String, match: String) -> String {
        "CASE WHEN \(plain) THEN rtrim(\(expr), '\(russianCapitals)')::int ELSE \(grade(match)) END"
    }
    static func classLetter(_ expr: String, plain: String, match: String) -> String {
        "CASE WHEN \(plain) THEN nullif(ltrim(\(expr), '0123456789'), '') ELSE \(letter(match)) END"
    }
    static let russianCapitals = "АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ"

    /// `regexp_split_to_array(expr, '\s+')` when it must (two blanks in a row, a tab or another kind of
    /// blank), the much cheaper `string_to_array(expr, ' ')` when the words are parted by single spaces,
    /// where both give the same array. `expr` is already trimmed of spaces.
    static func words(_ expr: String) -> String {
        """
        CASE WHEN strpos(\(expr), '  ') > 0 OR replace(\(expr), ' ', '') ~ '\\s' THEN regexp_split_to_array(\(expr), '\\s+')
             ELSE string_to_array(\(expr), ' ') END
        """
    }

    /// `normalize_person_name(expr)`, the name key of `person`. Its `fold_case` (a `translate` over the
    /// Cyrillic alphabet) costs about 2 µs a word, 4 s over a million pupils' names. A word of Russian
    /// or Latin letters and digits only has nothing for its `regexp_replace` to replace and nothing to
    /// trim, so the key is its lower case with ё as е: the same text, when this database's `lower()`
    /// lowers the whole Russian alphabet (`cyrillicLowerCheck`, once per import; C.UTF-8 and Russian locales
    /// do; a database whose `lower()` doesn't gets the plain function).
    static func nameKeyWord(_ expr: String, cyrillicLower: Bool) -> String {
        guard cyrillicLower else { return "normalize_person_name(\(expr))" }
        return """
            CASE WHEN \(expr) ~ '^[0-9A-Za-zА-Яа-яЁё]+$' THEN replace(lower(\(expr)), 'ё', 'е') \
            ELSE normalize_person_name(\(expr)) END
            """
    }
    static let cyrillicLowerCheck = """
        SELECT lower('АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯABCDEFGHIJKLMNOPQRSTUVWXYZ')
               = 'абвгдеёжзийклмнопрстуфхцчшщъыьэюяabcdefghijklmnopqrstuvwxyz'
        """

    static let helpers = """
        -- PL/pgSQL, not SQL: a SQL body with subqueries over regexp_match runs a sub-plan (and a
        -- tuplestore) per call, ~20x slower over a million birth dates; the rule is unchanged.
        CREATE OR REPLACE FUNCTION pg_temp.import_date(t text) RETURNS date
        LANGUAGE plpgsql IMMUTABLE AS $$
        DECLARE
            parts text[] := regexp_match(btrim(t),
                '^(\\d{1,2})[./](\\d{1,2})[./](\\d{4})(?:\\s+\\d{1,2}:\\d{2}(?::\\d{2})?)?$');
            y int;
            m int;
            d int;
        BEGIN
            IF parts IS NOT NULL THEN
                y := parts[3]; m := parts[2]; d := parts[1];
            ELSE
                parts := regexp_match(btrim(t), '^(\\d{4})-(\\d{1,2})-(\\d{1,2})(?:[T ]\\S*)?$');
                IF parts IS NULL THEN
                    RETURN NULL;
                END IF;
                y := parts[1]; m := parts[2]; d := parts[3];
            END IF;
            -- nested: make_date must not see a month outside 1-12
            IF y BETWEEN 1900 AND 2100 AND m BETWEEN 1 AND 12 THEN
                IF d BETWEEN 1 AND extract(day FROM make_date(y, m, 1) + interval '1 month - 1 day')::int THEN
                    RETURN make_date(y, m, d);
                END IF;
            END IF;
            RETURN NULL;
        END
        $$;
        """
}

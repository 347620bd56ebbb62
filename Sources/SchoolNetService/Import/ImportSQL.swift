/// Parsing helpers created as temporary functions for one import (dropped with the session's
/// pg_temp schema), so every rule runs as one statement over the whole staging table.
enum ImportSQL {
    static let helpers = """
        CREATE OR REPLACE FUNCTION pg_temp.import_date(t text) RETURNS date
        LANGUAGE sql IMMUTABLE AS $$
            WITH p AS (
                SELECT coalesce(
                    (SELECT ARRAY[m[3], m[2], m[1]] FROM regexp_match(btrim(t),
                        '^(\\d{1,2})[./](\\d{1,2})[./](\\d{4})(?:\\s+\\d{1,2}:\\d{2}(?::\\d{2})?)?$') m WHERE m IS NOT NULL),
                    (SELECT ARRAY[m[1], m[2], m[3]] FROM regexp_match(btrim(t),
                        '^(\\d{4})-(\\d{1,2})-(\\d{1,2})(?:[T ]\\S*)?$') m WHERE m IS NOT NULL)) AS ymd
            ), n AS (
                SELECT ymd[1]::int AS y, ymd[2]::int AS m, ymd[3]::int AS d FROM p
            )
            SELECT CASE WHEN y BETWEEN 1900 AND 2100 AND m BETWEEN 1 AND 12 THEN
                       CASE WHEN d BETWEEN 1 AND extract(day FROM make_date(y, m, 1) + interval '1 month - 1 day')::int
                            THEN make_date(y, m, d) END
                   END
            FROM n
        $$;

        -- "6А", "6 а", "6-A", "10Б класс", "6" -> {grade, letter}; NULL when it is no class
        CREATE OR REPLACE FUNCTION pg_temp.import_class(t text) RETURNS text[]
        LANGUAGE sql IMMUTABLE AS $$
            SELECT ARRAY[m[1], nullif(upper(translate(m[2],
                       'абвгдеёжзийклмнопрстуфхцчшщъыьэюяabcehkmoptxy',
                       'АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯАВСЕНКМОРТХУ')), '')]
            FROM regexp_match(fold_case(btrim(t)),
                 '^(\\d{1,2})\\s*-?\\s*([а-яёa-z]?)\\s*(?:класс|кл\\.?)?$') m
        $$;
        """
}

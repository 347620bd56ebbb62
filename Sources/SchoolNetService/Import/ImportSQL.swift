/// Parsing helpers created as temporary functions for one import (dropped with the session's
/// pg_temp schema), so every rule runs as one statement over the whole staging table.
enum ImportSQL {
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

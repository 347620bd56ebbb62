-- Extensions and the text normalisation every name search relies on.
-- Names in the source lists are written inconsistently (case, ё/е, «» "" quotes, №/N, legal-form
-- abbreviations, "г." / "города", extra spaces, Latin look-alike letters). normalize_name() maps
-- all these spellings of one organisation to one string; pg_trgm then ranks near matches.

CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS btree_gist;

-- Case folding is done with translate() for Cyrillic and lower() for ASCII so the result does
-- not depend on the database's LC_CTYPE: the function is honestly IMMUTABLE.
CREATE FUNCTION fold_case(s text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN translate(lower(s),
    'АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯё',
    'абвгдеежзийклмнопрстуфхцчшщъыьэюяе');

COMMENT ON FUNCTION fold_case(text) IS 'lower case for Latin and Cyrillic, ё -> е; independent of the database locale';

-- Tokens that say nothing about which organisation is meant: legal forms, "город", "имени".
CREATE FUNCTION name_stopwords() RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN ARRAY[
    'маоу','мбоу','моу','мкоу','моау','мадоу','мбдоу','мдоу','мкдоу','доу',
    'мау','мбу','мку','маудо','мбудо','мауд','мбоуд','огаоу','огбоу','огбу','огоу','гбоу','гаоу',
    'кгу','гу','ано','чоу','фгбоу','фгаоу','во','до',
    'муниципальное','муниципальный','автономное','бюджетное','казенное','государственное',
    'областное','краевое','коммунальное','общеобразовательное','образовательное','дошкольное',
    'учреждение','организация','дополнительного','образования','профессионального',
    'г','гор','город','города','им','имени'
];

CREATE FUNCTION normalize_name(s text) RETURNS text
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
AS $$
DECLARE
    t text := fold_case(s);
BEGIN
    -- every non-alphanumeric character (quotes, №, dots, hyphens, brackets) separates words
    t := regexp_replace(t, '[^0-9a-zа-я]+', ' ', 'g');
    -- "№13г" / "n13" -> "13 г", "n 13": digits and letters are separate words
    t := regexp_replace(t, '([0-9])([a-zа-я])', '\1 \2', 'g');
    t := regexp_replace(t, '([a-zа-я])([0-9])', '\1 \2', 'g');
    t := ' ' || t || ' ';
    -- long forms of the abbreviations that do distinguish schools
    t := replace(t, ' средняя общеобразовательная школа ', ' сош ');
    t := replace(t, ' основная общеобразовательная школа ', ' оош ');
    t := replace(t, ' средняя школа ', ' сош ');
    t := replace(t, ' дом детского творчества ', ' ддт ');
    RETURN coalesce((
        SELECT string_agg(w, ' ' ORDER BY n)
        FROM (
            -- Latin look-alike letters inside a Cyrillic word become Cyrillic ("COШ" -> "сош")
            SELECT CASE WHEN w ~ '[а-я]' THEN translate(w, 'aceopxykmtbh', 'асеорхукмтвн') ELSE w END, n
            FROM unnest(string_to_array(btrim(t), ' ')) WITH ORDINALITY AS u(w, n)
        ) AS words(w, n)
        WHERE w <> ''
          AND NOT (w = ANY (name_stopwords()))
          -- initials, "с." (село), "п." (посёлок), "N" before a number
          AND NOT (length(w) = 1 AND w !~ '[0-9]')
    ), '');
END
$$;

COMMENT ON FUNCTION normalize_name(text) IS
    'organisation name for matching: case, ё/е, quotes, №/N, spaces, legal forms and "г."/"им." removed';

-- People's names: only case, ё/е, punctuation and spaces; every word counts.
CREATE FUNCTION normalize_person_name(s text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN btrim(regexp_replace(fold_case(s), '[^0-9a-zа-я]+', ' ', 'g'));

COMMENT ON FUNCTION normalize_person_name(text) IS 'person name for matching: case, ё/е, hyphens, spaces';

-- The IANA zone check for events. pg_timezone_names is not immutable, so this is used from a
-- trigger, never from a CHECK or an index.
CREATE FUNCTION is_valid_time_zone(tz text) RETURNS boolean
LANGUAGE sql STABLE STRICT PARALLEL SAFE
RETURN EXISTS (SELECT 1 FROM pg_timezone_names WHERE name = tz);

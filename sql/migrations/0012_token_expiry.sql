-- Tokens expire by default (issue 11): at the end of the school year they are issued in, 1 September
-- 00:00 in the network's zone (Asia/Tomsk). `schoolnet token issue` and `TokenService` print and set the same
-- instant (`TokenService.defaultExpiry`); this default covers tokens inserted by hand, and the UPDATE gives
-- every token issued without an expiry before this migration the current school year's end.

-- The end of the school year containing `at`: 1 September after it (a school year runs 1 September to 31 August).
CREATE FUNCTION school_year_end(at timestamptz) RETURNS timestamptz
LANGUAGE sql STABLE PARALLEL SAFE
RETURN make_date(extract(year FROM (at AT TIME ZONE 'Asia/Tomsk') - interval '8 months')::int + 1, 9, 1)::timestamp
       AT TIME ZONE 'Asia/Tomsk';

ALTER TABLE api_token ALTER COLUMN expires_at SET DEFAULT school_year_end(now());

UPDATE api_token SET expires_at = school_year_end(now())
WHERE expires_at IS NULL AND revoked_at IS NULL AND created_at < school_year_end(now());

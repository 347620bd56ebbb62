-- Age in whole years on a reference date: the one rule, used by the analytics (participation.age)
-- and equal to the domain's LocalDate.age(on:) that registration checks with (a test compares the
-- two on every leap-day boundary). A birthday that does not exist in the reference year, 29
-- February in a common year, falls on the last day of that month (28 February), as a period in
-- years ends under Russian civil law (ГК РФ, ст. 192). PostgreSQL's age() counts such a person a
-- year younger until 1 March, which is why the analytics and registration disagreed.
-- date + interval 'n years' already clamps 29 February to 28 February.
CREATE FUNCTION age_in_years(birth date, on_date date) RETURNS integer
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN (extract(year FROM on_date) - extract(year FROM birth))::integer
     - CASE WHEN birth + make_interval(years => (extract(year FROM on_date) - extract(year FROM birth))::integer) > on_date
            THEN 1 ELSE 0 END;

COMMENT ON FUNCTION age_in_years(date, date) IS
    'whole years on on_date; a 29 February birthday falls on 28 February in common years (equals LocalDate.age(on:))';

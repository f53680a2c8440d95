"""SQL functions computing the first day of a Jalali period in PostgreSQL.

They follow the same arithmetic rule as ``jdatetime`` and the web client's
conversion module: 33-year cycles holding 8 leap years (years whose rest
modulo 33 is 1, 5, 9, 13, 17, 22, 26 or 30), and 1 Farvardin 1 falling on
21 March 622 (proleptic Gregorian, as PostgreSQL's dates).
"""

YEAR_START_FUNCTION = """
CREATE OR REPLACE FUNCTION web_jalali_year_start(year integer) RETURNS date
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT DATE '0622-03-21'
        + 365 * (year - 1)
        + 8 * ((year - 1) / 33)
        + (SELECT count(*)::integer
             FROM unnest(ARRAY[1, 5, 9, 13, 17, 22, 26, 30]) AS rest
            WHERE rest <= (year - 1) % 33)
$$;
"""

PERIOD_START_FUNCTION = """
CREATE OR REPLACE FUNCTION web_jalali_period_start(day date, granularity text) RETURNS date
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
    year integer;
    year_start date;
    day_of_year integer;
    month integer;
BEGIN
    -- first guess from the mean year, then at most one step either way
    year := floor((day - DATE '0622-03-21') / 365.24219)::integer + 1;
    year_start := web_jalali_year_start(year);
    IF year_start > day THEN
        year := year - 1;
        year_start := web_jalali_year_start(year);
    ELSIF web_jalali_year_start(year + 1) <= day THEN
        year := year + 1;
        year_start := web_jalali_year_start(year);
    END IF;
    IF granularity = 'year' THEN
        RETURN year_start;
    END IF;
    day_of_year := day - year_start;
    -- months 0-5 have 31 days, months 6-11 have 30 (Esfand 29 or 30)
    IF day_of_year < 186 THEN
        month := day_of_year / 31;
    ELSE
        month := LEAST(6 + (day_of_year - 186) / 30, 11);
    END IF;
    IF granularity = 'quarter' THEN
        month := month / 3 * 3;
    ELSIF granularity <> 'month' THEN
        RAISE EXCEPTION 'No Jalali period for the granularity %', granularity;
    END IF;
    IF month < 6 THEN
        RETURN year_start + 31 * month;
    END IF;
    RETURN year_start + 186 + 30 * (month - 6);
END
$$;
"""


def create_functions(cr):
    """Create (or replace) the SQL functions ``web_jalali_year_start`` and
    ``web_jalali_period_start(day, granularity)``."""
    cr.execute(YEAR_START_FUNCTION)
    cr.execute(PERIOD_START_FUNCTION)

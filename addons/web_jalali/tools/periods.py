"""Jalali periods (month, quarter, year) on Gregorian dates.

Pure functions on ``datetime.date`` values, used by the web client's grouping
in Jalali periods: each period is given by the Gregorian date of its first day.
"""

import datetime

import jdatetime

#: The granularities grouped in Jalali periods, with their length in months.
JALALI_GRANULARITIES = {"month": 1, "quarter": 3, "year": 12}

_PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def to_persian_digits(text):
    """Return ``text`` (any value) as a string with ASCII digits written in Persian.

    Labels of Jalali groups, which only Persian users' requests ask for. The
    suite's digit rule (``crm_cid.tools.digits.localize_digits``) is out of
    reach: this addon depends on ``web`` alone and serves any database.
    """
    return str(text).translate(_PERSIAN_DIGITS)


def _check_granularity(granularity):
    if granularity not in JALALI_GRANULARITIES:
        raise ValueError(f"No Jalali period for the granularity {granularity!r}")


def period_start(day, granularity):
    """Return the Gregorian date of the first day of the Jalali period of ``day``.

    :param datetime.date day: any day (a datetime is taken for its date)
    :param str granularity: ``"month"``, ``"quarter"`` or ``"year"``
    :raises ValueError: for another granularity
    """
    _check_granularity(granularity)
    if isinstance(day, datetime.datetime):
        day = day.date()
    jalali = jdatetime.date.fromgregorian(date=day)
    months = JALALI_GRANULARITIES[granularity]
    month = (jalali.month - 1) // months * months + 1
    return jdatetime.date(jalali.year, month, 1).togregorian()


def shift_period(start, granularity, count=1):
    """Return the first day of the Jalali period ``count`` periods after the one of ``start``.

    ``count`` may be negative. ``start`` need not be the first day of its period.
    """
    _check_granularity(granularity)
    jalali = jdatetime.date.fromgregorian(date=period_start(start, granularity))
    index = jalali.year * 12 + jalali.month - 1 + count * JALALI_GRANULARITIES[granularity]
    return jdatetime.date(index // 12, index % 12 + 1, 1).togregorian()


def period_range(first, last, granularity):
    """Return the first days of the Jalali periods from the one of ``first`` to that of ``last``."""
    start = period_start(first, granularity)
    end = period_start(last, granularity)
    starts = []
    while start <= end:
        starts.append(start)
        start = shift_period(start, granularity)
    return starts


def period_parts(start, granularity):
    """Return ``(jalali_year, index)`` of the period of ``start``.

    ``index`` is the Jalali month (1-12) for a month, the quarter (1-4) for a
    quarter and 1 for a year.
    """
    _check_granularity(granularity)
    jalali = jdatetime.date.fromgregorian(date=period_start(start, granularity))
    return jalali.year, (jalali.month - 1) // JALALI_GRANULARITIES[granularity] + 1

"""Dates as a customer reads them on a printed quote: no records, no environment."""

import jdatetime
import pytz


def local_date_text(value, tz_name=None, jalali=False):
    """Return the calendar day of a UTC datetime in a time zone, as text.

    :param datetime value: a naive datetime in UTC (as the ORM stores them);
        falsy values give an empty string
    :param str tz_name: an IANA time zone (default UTC; unknown names too)
    :param bool jalali: the Solar Hijri (Jalali) day, ``YYYY/MM/DD``, instead
        of the Gregorian ``YYYY-MM-DD``
    """
    if not value:
        return ""
    try:
        zone = pytz.timezone(tz_name or "UTC")
    except pytz.UnknownTimeZoneError:
        zone = pytz.utc
    local = pytz.utc.localize(value).astimezone(zone)
    if jalali:
        return jdatetime.date.fromgregorian(date=local.date()).strftime("%Y/%m/%d")
    return local.strftime("%Y-%m-%d")

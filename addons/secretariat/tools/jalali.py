"""Jalali (Solar Hijri) calendar helpers on plain values, built on ``jdatetime``.

Datetimes stored by Odoo are naive UTC; dates are calendar days. Every
function here takes the time zone in which people read the value.
"""

import datetime
import re

import jdatetime
import pytz

from odoo.addons.crm_cid.tools.digits import localize_digits

DEFAULT_TZ = "Asia/Tehran"

_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "0123456789" * 2)
_PERIOD = re.compile(r"^\s*(\d{4})(?:\s*[/\-.]\s*(\d{1,2}))?\s*$")

MONTH_NAMES = (
    "Farvardin",
    "Ordibehesht",
    "Khordad",
    "Tir",
    "Mordad",
    "Shahrivar",
    "Mehr",
    "Aban",
    "Azar",
    "Dey",
    "Bahman",
    "Esfand",
)


def _local_date(value, tz_name):
    """The Gregorian calendar day of ``value`` as read in ``tz_name``."""
    if isinstance(value, datetime.datetime):
        zone = pytz.timezone(tz_name or DEFAULT_TZ)
        aware = value if value.tzinfo else pytz.utc.localize(value)
        return aware.astimezone(zone).date()
    return value


def to_jalali_date(value, tz_name=None):
    """Return the ``jdatetime.date`` of a date or a naive UTC datetime, or None."""
    if not value:
        return None
    return jdatetime.date.fromgregorian(date=_local_date(value, tz_name))


def format_date(value, tz_name=None, lang=None):
    """``1404/01/05`` for a date or a naive UTC datetime; ``""`` when empty.

    Persian digits (``۱۴۰۴/۰۱/۰۵``) for a Persian ``lang`` (crm_cid's rule).
    """
    day = to_jalali_date(value, tz_name)
    return localize_digits(day.strftime("%Y/%m/%d"), lang) if day else ""


def format_datetime(value, tz_name=None, lang=None):
    """``1404/01/05 14:30`` for a naive UTC datetime read in ``tz_name``.

    Persian digits for a Persian ``lang`` (crm_cid's rule).
    """
    if not value:
        return ""
    zone = pytz.timezone(tz_name or DEFAULT_TZ)
    local = pytz.utc.localize(value).astimezone(zone)
    moment = jdatetime.datetime.fromgregorian(datetime=local.replace(tzinfo=None))
    return localize_digits(moment.strftime("%Y/%m/%d %H:%M"), lang)


def format_date_long(value, tz_name=None, lang="fa_IR"):
    """``۰۵ فروردین ۱۴۰۴`` (or ``05 Farvardin 1404``) for letters and reports."""
    day = to_jalali_date(value, tz_name)
    if not day:
        return ""
    locale = "fa_IR" if (lang or "").startswith("fa") else "en_US"
    text = jdatetime.date(day.year, day.month, day.day, locale=locale).strftime("%d %B %Y")
    return localize_digits(text, lang)


def year_month(value, tz_name=None):
    """``(jalali_year, jalali_month)`` of a date or naive UTC datetime, or ``(0, 0)``."""
    day = to_jalali_date(value, tz_name)
    return (day.year, day.month) if day else (0, 0)


def month_bounds(jyear, jmonth=None):
    """Gregorian ``(first day, day after the last)`` of a Jalali month or year."""
    start = jdatetime.date(jyear, jmonth or 1, 1)
    if jmonth and jmonth < 12:
        end = jdatetime.date(jyear, jmonth + 1, 1)
    else:
        end = jdatetime.date(jyear + 1, 1, 1)
    return start.togregorian(), end.togregorian()


def utc_bounds(start, end, tz_name=None):
    """Naive UTC datetimes for midnight of two Gregorian days read in ``tz_name``."""
    zone = pytz.timezone(tz_name or DEFAULT_TZ)

    def to_utc(day):
        local = zone.localize(datetime.datetime.combine(day, datetime.time.min))
        return local.astimezone(pytz.utc).replace(tzinfo=None)

    return to_utc(start), to_utc(end)


def parse_period(text):
    """Read ``"1404"``, ``"1404/05"`` or ``"۱۴۰۴-۵"`` as ``(year, month or None)``.

    :raises ValueError: when the text is not a Jalali year or year/month
    """
    if not isinstance(text, str):
        raise ValueError(text)
    match = _PERIOD.match(text.translate(_DIGITS))
    if not match:
        raise ValueError(text)
    jyear = int(match.group(1))
    jmonth = int(match.group(2)) if match.group(2) else None
    if jmonth is not None and not 1 <= jmonth <= 12:
        raise ValueError(text)
    return jyear, jmonth


def today(tz_name=None):
    """Today's ``jdatetime.date`` in ``tz_name``."""
    now = datetime.datetime.now(pytz.timezone(tz_name or DEFAULT_TZ))
    return jdatetime.date.fromgregorian(date=now.date())

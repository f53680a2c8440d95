"""Jalali (Solar Hijri) dates as people read them: the suite's one implementation.

Pure functions on plain values, built on ``jdatetime``. Every addon of the
suite that writes a date or a date-time as text, or reads a Jalali period
typed by a person, calls these.

Two rules hold everywhere:

* **Time zone.** Odoo stores datetimes as naive UTC. A datetime is read in
  the first known zone of the candidates the caller gives, in this order of
  precedence: the zone of the place the value belongs to (a secretariat's
  office for its register, the customer for a text printed for them), then
  the reader's zone (the context's ``tz``, then the user's ``tz``), and
  ``Asia/Tehran`` when none is set or known (:func:`resolve_tz_name`).
  Stored values never depend on the reader's zone. Dates are calendar days
  and are never shifted.
* **Digits.** Text for a Persian reader (a language code starting with
  ``fa``) is written in Persian digits (۰-۹), everyone else reads ASCII
  digits (:func:`odoo.addons.crm_cid.tools.digits.localize_digits`).

Two kinds of text are produced: *Jalali* text (:func:`format_date`,
:func:`format_datetime`, :func:`format_date_long`) for fields that are Jalali
by name, whoever reads them; and text *in the reader's calendar*
(:func:`format_reader_date`, :func:`format_reader_datetime`): Jalali for a
Persian reader, ISO Gregorian for the others.
"""

import datetime
import re

import jdatetime
import pytz

from .digits import localize_digits, to_ascii_digits

DEFAULT_TZ = "Asia/Tehran"

#: Transliterated month names (translated in the addons that show them).
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

_PERIOD = re.compile(r"^\s*(\d{4})(?:\s*[/\-.]\s*(\d{1,2}))?\s*$")


def is_persian(lang):
    """Whether a language code (``fa_IR``, ``fa``) is Persian.

    :param str lang: a language code, or a falsy value
    """
    return bool(lang) and lang.split("_")[0] == "fa"


def resolve_tz_name(*names):
    """Return the first known IANA zone among ``names``, else ``Asia/Tehran``.

    :param names: zone names in order of precedence (the place's zone, the
        context's ``tz``, the user's ``tz``); empty and unknown ones are skipped
    :return: a zone name that :func:`pytz.timezone` accepts
    """
    for name in names:
        if name and name in pytz.all_timezones_set:
            return name
    return DEFAULT_TZ


def _local_datetime(value, tz_name):
    """A naive UTC datetime as a naive wall-clock datetime in ``tz_name``."""
    aware = value if value.tzinfo else pytz.utc.localize(value)
    return aware.astimezone(pytz.timezone(resolve_tz_name(tz_name))).replace(tzinfo=None)


def local_date(value, tz_name=None):
    """Return the calendar day of a date, or of a naive UTC datetime read in ``tz_name``.

    :param value: a ``datetime.date``, a naive UTC ``datetime.datetime``, or a falsy value
    :param str tz_name: the zone the datetime is read in (see :func:`resolve_tz_name`)
    :return: a ``datetime.date``, or None for a falsy value
    """
    if not value:
        return None
    if isinstance(value, datetime.datetime):
        return _local_datetime(value, tz_name).date()
    return value


def to_jalali_date(value, tz_name=None):
    """Return the ``jdatetime.date`` of a date or a naive UTC datetime, or None."""
    day = local_date(value, tz_name)
    return jdatetime.date.fromgregorian(date=day) if day else None


def format_date(value, lang=None, tz_name=None):
    """``1404/01/05`` for a date or a naive UTC datetime; ``""`` when empty.

    :param value: a ``datetime.date``, a naive UTC ``datetime.datetime``, or a falsy value
    :param str lang: the reader's language: Persian digits for a Persian one
    :param str tz_name: the zone a datetime is read in
    """
    day = to_jalali_date(value, tz_name)
    return localize_digits(day.strftime("%Y/%m/%d"), lang) if day else ""


def format_datetime(value, lang=None, tz_name=None, seconds=False):
    """``1404/01/05 14:30`` for a naive UTC datetime read in ``tz_name``; ``""`` when empty.

    :param datetime.datetime value: naive, UTC (as the ORM stores it), or a falsy value
    :param str lang: the reader's language: Persian digits for a Persian one
    :param str tz_name: the zone the datetime is read in
    :param bool seconds: add the seconds (``14:30:05``)
    """
    if not value:
        return ""
    moment = jdatetime.datetime.fromgregorian(datetime=_local_datetime(value, tz_name))
    return localize_digits(
        moment.strftime("%Y/%m/%d %H:%M:%S" if seconds else "%Y/%m/%d %H:%M"), lang
    )


def format_date_long(value, lang=None, tz_name=None):
    """``۰۵ فروردین ۱۴۰۴`` (or ``05 Farvardin 1404``) for letters and reports.

    Persian month names and digits for a Persian ``lang``, transliterated
    names and ASCII digits otherwise; ``""`` when empty.
    """
    day = to_jalali_date(value, tz_name)
    if not day:
        return ""
    locale = "fa_IR" if is_persian(lang) else "en_US"
    text = jdatetime.date(day.year, day.month, day.day, locale=locale).strftime("%d %B %Y")
    return localize_digits(text, lang)


def format_reader_date(value, lang=None, tz_name=None):
    """A date in the reader's calendar: ``۱۴۰۴/۰۱/۰۵`` for Persian, ``2025-03-25`` otherwise.

    :param value: a ``datetime.date``, a naive UTC ``datetime.datetime``, or a falsy value
    :param str lang: the reader's language
    :param str tz_name: the zone a datetime is read in
    :return: the text, ``""`` when empty
    """
    if is_persian(lang):
        return format_date(value, lang, tz_name)
    day = local_date(value, tz_name)
    return day.isoformat() if day else ""


def format_reader_datetime(value, lang=None, tz_name=None):
    """A datetime in the reader's calendar: ``۱۴۰۴/۰۱/۰۱ ۰۹:۳۰`` or ``2025-03-21 09:30``.

    :param datetime.datetime value: naive, UTC, or a falsy value
    :param str lang: the reader's language
    :param str tz_name: the zone the datetime is read in
    :return: the text, ``""`` when empty
    """
    if is_persian(lang):
        return format_datetime(value, lang, tz_name)
    if not value:
        return ""
    return _local_datetime(value, tz_name).strftime("%Y-%m-%d %H:%M")


def year_month(value, tz_name=None):
    """``(jalali_year, jalali_month)`` of a date or naive UTC datetime, or ``(0, 0)``."""
    day = to_jalali_date(value, tz_name)
    return (day.year, day.month) if day else (0, 0)


def month_bounds(jyear, jmonth=None):
    """Gregorian ``(first day, day after the last)`` of a Jalali month, or of the year."""
    start = jdatetime.date(jyear, jmonth or 1, 1)
    if jmonth and jmonth < 12:
        end = jdatetime.date(jyear, jmonth + 1, 1)
    else:
        end = jdatetime.date(jyear + 1, 1, 1)
    return start.togregorian(), end.togregorian()


def utc_bounds(start, end, tz_name=None):
    """Naive UTC datetimes of midnight of two Gregorian days read in ``tz_name``."""
    zone = pytz.timezone(resolve_tz_name(tz_name))

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
    match = _PERIOD.match(to_ascii_digits(text))
    if not match:
        raise ValueError(text)
    jyear = int(match.group(1))
    jmonth = int(match.group(2)) if match.group(2) else None
    if jmonth is not None and not 1 <= jmonth <= 12:
        raise ValueError(text)
    return jyear, jmonth


def today(tz_name=None):
    """Today's ``jdatetime.date`` in ``tz_name``."""
    now = datetime.datetime.now(pytz.timezone(resolve_tz_name(tz_name)))
    return jdatetime.date.fromgregorian(date=now.date())

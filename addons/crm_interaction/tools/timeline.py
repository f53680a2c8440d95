"""Pure helpers of the customer timeline: cursors, dates and previews."""

from datetime import datetime

import jdatetime
import pytz

from odoo.addons.crm_cid.tools.digits import localize_digits

PREVIEW_LENGTH = 280


def parse_cursor(cursor):
    """Return ``(occurred_at, id)`` from a timeline cursor, or None for the first page.

    :param cursor: None/False, or ``[date text, id]`` as returned in ``next_cursor``
    :raises ValueError: for anything else
    """
    if cursor in (None, False, []):
        return None
    if not isinstance(cursor, (list, tuple)) or len(cursor) != 2:
        raise ValueError("cursor must be [date, id]")
    text, rec_id = cursor
    if isinstance(rec_id, bool) or not isinstance(rec_id, int) or not isinstance(text, str):
        raise ValueError("cursor must be [date, id]")
    return datetime.fromisoformat(text).replace(tzinfo=None), rec_id


def format_timeline_date(value, tz_name, lang):
    """Return a naive UTC datetime as the user reads it.

    :param datetime value: naive, UTC
    :param str tz_name: the user's time zone (UTC when empty or unknown)
    :param str lang: the user's language; Persian users get the Jalali calendar
    :return: ``"۱۴۰۴/۰۱/۰۱ ۰۹:۳۰"`` (Persian digits) or ``"2025-03-21 09:30"``
    """
    if not value:
        return ""
    try:
        zone = pytz.timezone(tz_name or "UTC")
    except pytz.UnknownTimeZoneError:
        zone = pytz.utc
    local = pytz.utc.localize(value).astimezone(zone).replace(tzinfo=None)
    if (lang or "").startswith("fa"):
        text = jdatetime.datetime.fromgregorian(datetime=local).strftime("%Y/%m/%d %H:%M")
        return localize_digits(text, lang)
    return local.strftime("%Y-%m-%d %H:%M")


def preview_text(text, length=PREVIEW_LENGTH):
    """Return the first ``length`` characters of ``text`` on one line."""
    flat = " ".join((text or "").split())
    if len(flat) <= length:
        return flat
    return flat[: length - 1].rstrip() + "…"

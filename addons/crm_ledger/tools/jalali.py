"""Jalali (Persian calendar) formatting of dates, without the ORM."""

import jdatetime

from odoo.addons.crm_cid.tools.digits import localize_digits


def format_jalali(value, persian_digits=False):
    """Return ``value`` (a ``date`` or ``datetime``) as a Jalali date ``YYYY/MM/DD``.

    :param value: a ``datetime.date`` (a ``datetime`` is cut to its date), or
        a falsy value
    :param bool persian_digits: write the digits as ۰-۹
    :return: the formatted date, or ``""`` for a falsy value
    """
    if not value:
        return ""
    if hasattr(value, "date") and callable(value.date):
        value = value.date()
    text = jdatetime.date.fromgregorian(date=value).strftime("%Y/%m/%d")
    return localize_digits(text, "fa") if persian_digits else text


def is_persian(lang):
    """Whether a language code (``fa_IR``) asks for Jalali dates."""
    return bool(lang) and lang.split("_")[0] == "fa"

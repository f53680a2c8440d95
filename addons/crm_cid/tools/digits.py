"""Character clean-up shared by the normalisers.

Persian, Arabic-Indic and other Unicode digits become 0-9, and the invisible
formatting characters that copying right-to-left text drags along are removed.
"""

import unicodedata

# Distinct code points remembered by the translation table; past this the
# table still answers but stops growing, so hostile input cannot bloat it.
_CACHE_LIMIT = 4096


class _DecimalTable(dict):
    """Lazy ``str.translate`` table mapping every Unicode decimal digit to ASCII.

    Built on demand because scanning the whole Unicode range at import time is
    slow, while real input only ever uses a handful of digit scripts.
    """

    def __missing__(self, code):
        value = unicodedata.decimal(chr(code), None)
        target = ord(str(value)) if value is not None else code
        if len(self) < _CACHE_LIMIT:
            self[code] = target
        return target


_TO_ASCII = _DecimalTable()


def to_ascii_digits(text):
    """Return ``text`` with every Unicode decimal digit turned into 0-9.

    Persian (۰-۹), Arabic-Indic (٠-٩), fullwidth and any other character that
    :func:`unicodedata.decimal` knows become ASCII digits; everything else is
    left untouched. Superscripts and other non-decimal digits are kept.

    :param text: a string, an ``int``, or a falsy value (``None``, ``""``,
        ``False`` as Odoo stores empty fields)
    :return: the converted string; falsy input is returned unchanged
    :raises TypeError: if ``text`` is neither a string nor an integer
    """
    if not text:
        return text
    if isinstance(text, int) and not isinstance(text, bool):
        return str(text)
    if not isinstance(text, str):
        raise TypeError(f"expected a string, got {type(text).__name__}")
    if text.isascii():
        return text
    return text.translate(_TO_ASCII)


def digits_only(text):
    """Return only the ASCII digits of ``text``, after digit conversion.

    :param text: a string, an ``int``, or a falsy value
    :return: the digits 0-9 found in ``text``, in order; ``""`` for falsy input
    :raises TypeError: if ``text`` is neither a string nor an integer
    """
    converted = to_ascii_digits(text)
    if not converted:
        return ""
    return "".join(char for char in converted if "0" <= char <= "9")


def strip_invisible(text, keep=""):
    """Remove invisible formatting characters from ``text``.

    These are the characters of Unicode category ``Cf``: bidi marks (LRM, RLM,
    embeddings and isolates), zero-width space, joiner and non-joiner, word
    joiner, byte order mark and soft hyphen. They come along when a value is
    copied from right-to-left text and make equal values compare different.

    :param text: a string
    :param keep: characters to leave in place even though they are invisible
    :return: ``text`` without those characters
    """
    if text.isascii():
        return text
    return "".join(char for char in text if char in keep or unicodedata.category(char) != "Cf")


_TO_PERSIAN = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def localize_digits(text, lang):
    """Return ``text`` with its digits written as a reader of ``lang`` reads them.

    The suite's one rule for numbers formatted as text (Jalali dates above
    all): Persian readers (``fa_IR``, any language code starting with ``fa``)
    read Persian digits (۰-۹), as the web client shows them; everyone else
    reads the text unchanged.

    :param text: a string, or a falsy value (returned unchanged)
    :param str lang: a language code such as ``fa_IR`` or ``en_US``, or None
    :return: the text, with ASCII digits turned into Persian ones for Persian
    """
    if not text or not lang or lang.split("_")[0] != "fa":
        return text
    return text.translate(_TO_PERSIAN)

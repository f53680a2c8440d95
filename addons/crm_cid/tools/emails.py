"""E-mail addresses: one canonical, comparable form per mailbox."""

import re
import unicodedata

import idna

from .digits import strip_invisible, to_ascii_digits

# '"Reza Ahmadi" <R@Example.com>': the address is what sits between the last
# angle brackets, whatever the display name contains.
_DISPLAY_NAME = re.compile(r"<([^<>]*)>\s*$")
_MAILTO = re.compile(r"^mailto:", re.IGNORECASE)
# Characters that never appear in an unquoted local part; their presence
# means a list of addresses, a broken paste, or a quoted form we do not keep.
_LOCAL_FORBIDDEN = frozenset(' \t\r\n<>()[],;:"\\@')
_LABEL = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")
# Arabic keyboard letters that Iranian domain registries treat as the same as
# their Persian forms; folded so both spellings give one punycode domain.
_DOMAIN_LETTERS = str.maketrans({"\u064a": "\u06cc", "\u0649": "\u06cc", "\u0643": "\u06a9"})
# ZWNJ and ZWJ are meaningful in Persian internationalised domain names (IDNA
# 2008 allows them there), so they are left for the IDNA encoder to judge.
_JOINERS = "\u200c\u200d"


def _domain_to_ascii(domain):
    """Return the ASCII (punycode) form of ``domain``, or None if it is invalid."""
    if not domain.isascii():
        try:
            encoded = idna.encode(domain.translate(_DOMAIN_LETTERS), uts46=True)
            domain = encoded.decode("ascii")
        except (idna.IDNAError, UnicodeError):
            return None
    labels = domain.split(".")
    if len(labels) < 2 or not all(_LABEL.match(label) for label in labels):
        return None
    return domain


def normalize_email(raw):
    """Return the canonical form of an e-mail address, or None if it is not one.

    Trims the value, drops a display name (``"Reza" <R@Example.com>``) and a
    ``mailto:`` prefix, turns Persian and Arabic-Indic digits into ASCII,
    lower-cases the whole address and converts an internationalised domain to
    its punycode form (``ali@مثال.ایران`` -> ``ali@xn--mgbh0fb.xn--mgba3a4f16a``),
    after folding Arabic ي/ى/ك into Persian ی/ک in that domain. A single
    trailing dot after the domain is dropped.

    :param raw: what the user typed; non-strings count as invalid
    :return: the normalised address, or None when ``raw`` is empty or
        obviously invalid: no ``@`` or more than one, an empty local part,
        spaces or separators inside, or a domain without a dot or with an
        invalid label
    """
    if not isinstance(raw, str):
        return None
    text = strip_invisible(unicodedata.normalize("NFKC", raw), keep=_JOINERS).strip()
    match = _DISPLAY_NAME.search(text)
    if match:
        text = match.group(1).strip()
    text = _MAILTO.sub("", text)
    text = to_ascii_digits(text).lower()
    local, sep, domain = text.rpartition("@")
    if not sep or not local or not domain:
        return None
    if _LOCAL_FORBIDDEN.intersection(local) or any(char.isspace() for char in local):
        return None
    # a sentence-ending dot is pasted along with the address more often than
    # anyone means a fully qualified "example.com."
    domain = _domain_to_ascii(domain.removesuffix("."))
    if domain is None:
        return None
    return f"{local}@{domain}"

"""Phone numbers: parse what people type and store it as E.164."""

import re
import unicodedata

import phonenumbers
from phonenumbers.phonemetadata import PhoneMetadata

from .digits import strip_invisible, to_ascii_digits

DEFAULT_REGION = "IR"

# Separators people put between digit groups; anything else (letters, "*",
# "#", "ext") makes the input something other than a plain phone number.
_DASHES = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2212", "-"))
_ALLOWED = re.compile(r"^\+?[0-9\s\-./()]+$")

_MOBILE_TYPES = frozenset(
    {
        phonenumbers.PhoneNumberType.MOBILE,
        phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
    }
)


def _clean(raw):
    """Return ``raw`` as a plain ASCII string of digits and separators, or None."""
    if isinstance(raw, int) and not isinstance(raw, bool):
        raw = str(raw)
    if not isinstance(raw, str):
        return None
    text = strip_invisible(unicodedata.normalize("NFKC", raw))
    text = to_ascii_digits(text).translate(_DASHES).strip()
    if not text or not _ALLOWED.match(text):
        return None
    return text


def _iranian_mobile(text, region):
    """Return the E.164 form of an Iranian mobile number written in a usual way.

    Most numbers a customer file holds are Iranian mobiles (``0912 345 6789``,
    ``+98 912 ...``, ``0098 912 ...``, ``98912...``, ``912...``); for those
    the national number is read straight from the digits and only its
    validity is asked of ``phonenumbers``, whose full parsing costs ten times
    as much. Anything else returns None and goes through :func:`_parse`,
    which gives the same answer for these forms (a test compares both).

    :param text: the cleaned input (digits, separators, a leading ``+``)
    :param region: the upper-case default region
    :return: ``"+989xxxxxxxxx"``, or None to let ``phonenumbers`` decide
    """
    digits = "".join(char for char in text if char.isdigit())
    if text.startswith("+"):
        national = digits[2:] if digits.startswith("98") else ""
    elif digits.startswith("0098"):
        national = digits[4:]
    elif region != "IR":
        return None
    elif digits.startswith("0"):
        national = digits[1:]
    elif len(digits) == 12 and digits.startswith("98"):
        national = digits[2:]
    else:
        national = digits
    if len(national) != 10 or national[0] != "9":
        return None
    if not _is_valid_iranian_number(national):
        return None
    return "+98" + national


def _matches_desc(national, desc):
    """Tell whether ``national`` fits a number description of the metadata,
    as ``phonenumbers`` tests it (possible lengths, then the whole pattern)."""
    if desc is None or not desc.national_number_pattern:
        return False
    if desc.possible_length and len(national) not in desc.possible_length:
        return False
    return re.fullmatch(desc.national_number_pattern, national) is not None


def _is_valid_iranian_number(national):
    """Tell whether ``national`` is a valid Iranian national number.

    A number that fits the metadata's general and mobile descriptions is a
    valid mobile, which is what ``phonenumbers.is_valid_number`` would find
    after trying the other number types first; testing the two patterns
    (read from the metadata at each call, so a patched metadata counts)
    costs a fifth of it. Any other number is asked of ``is_valid_number``.

    :param national: the national significant number, digits only
    """
    metadata = PhoneMetadata.metadata_for_region("IR")
    if (
        metadata is not None
        and _matches_desc(national, metadata.general_desc)
        and _matches_desc(national, metadata.mobile)
    ):
        return True
    number = phonenumbers.PhoneNumber(country_code=98, national_number=int(national))
    return phonenumbers.is_valid_number(number)


def _parse(text, region):
    """Parse cleaned ``text``; return a valid ``PhoneNumber`` or None."""
    digits = "".join(char for char in text if char.isdigit())
    if text.startswith("+"):
        # the text itself, so phonenumbers can drop a "(0)" written after the code
        candidate, parse_region = text, None
    elif digits.startswith("00"):
        # "00" is the international prefix in Iran and most of the world; it is
        # accepted whatever the region so "0044 ..." works for a US-set region too.
        candidate, parse_region = "+" + digits[2:], None
    else:
        # phonenumbers strips the trunk "0" and, when the rest is a valid
        # national number, a leading country code written without "+"
        # ("989123456789"); it reads a bare "9123456789" as a national number.
        candidate, parse_region = text, region
    try:
        number = phonenumbers.parse(candidate, parse_region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return number


def normalize_phone(raw, region=DEFAULT_REGION):
    """Return the E.164 form of a phone number typed in any usual way.

    Accepts Persian and Arabic-Indic digits; spaces, dashes, dots, slashes and
    parentheses between groups; the prefixes ``+98``, ``0098``, ``98``, the
    trunk ``0`` or none at all (``9123456789``); and foreign numbers written
    with ``+`` or ``00``. Only numbers that the ``phonenumbers`` metadata holds
    for valid are returned.

    :param raw: what the user typed (a string or an ``int``); anything else
        counts as garbage
    :param region: ISO 3166-1 alpha-2 country code used for numbers written
        without an international prefix; a falsy value accepts only numbers
        that carry one
    :return: the number as E.164 (``"+989123456789"``), or None when ``raw``
        is empty, contains letters or other symbols, or is not a valid number
    """
    text = _clean(raw)
    if text is None:
        return None
    region = region.upper() if region else None
    fast = _iranian_mobile(text, region)
    if fast:
        return fast
    number = _parse(text, region)
    if number is None:
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def is_mobile(e164):
    """Tell whether an E.164 number is a mobile number.

    Numbers whose type the metadata cannot tell apart (``FIXED_LINE_OR_MOBILE``,
    as in the United States) count as mobile.

    :param e164: a number in E.164 form, as returned by :func:`normalize_phone`
    :return: True for a valid mobile number, False otherwise (including
        garbage and numbers without the leading ``+``)
    """
    if not isinstance(e164, str) or not e164.startswith("+"):
        return False
    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return False
    return phonenumbers.number_type(number) in _MOBILE_TYPES


def phone_search_variants(raw, region=DEFAULT_REGION):
    """Return the values under which a typed number may be stored.

    Keys are stored in E.164 only, so this is the normalised value alone; it
    exists so the search code does not depend on that choice.

    :param raw: what the user typed
    :param region: ISO country code for numbers without an international prefix
    :return: ``[e164]`` when ``raw`` normalises, otherwise ``[]``
    """
    value = normalize_phone(raw, region=region)
    return [value] if value else []

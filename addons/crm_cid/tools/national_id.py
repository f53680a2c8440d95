"""Iranian identity numbers: personal national code and legal-entity national ID.

* The national code (kod-e melli) of a person has 10 digits, the last being a
  check digit over the first nine with weights 10 down to 2, modulo 11.
* The national ID (shenase-ye melli) of a legal entity has 11 digits, the last
  being a check digit over the first ten: each digit is increased by the tenth
  digit plus two, weighted 29, 27, 23, 19, 17 (twice) and summed modulo 11,
  a remainder of 10 giving 0.
"""

from .digits import strip_invisible, to_ascii_digits

REASON_LENGTH = "length"
REASON_ALL_SAME = "all_same"
REASON_CHECKSUM = "checksum"
REASON_NOT_DIGITS = "not_digits"

NATIONAL_ID_LENGTH = 10
LEGAL_ID_LENGTH = 11
# National codes starting with zeros are routinely written without them
# (in spreadsheets above all), so 8 and 9 digits are padded back to 10.
_NATIONAL_ID_PADDED_LENGTHS = (8, 9)
_LEGAL_ID_WEIGHTS = (29, 27, 23, 19, 17, 29, 27, 23, 19, 17)

_SEPARATORS = str.maketrans(
    dict.fromkeys(" \t\r\n-.\u00a0\u2010\u2011\u2012\u2013\u2014\u2212", None)
)


class NationalIdError(ValueError):
    """A national code or legal national ID failed validation.

    :ivar value: the raw input, as given
    :ivar reason: a short code: ``"not_digits"``, ``"length"``, ``"all_same"``
        or ``"checksum"``; the ORM layer turns it into a translated message
    """

    def __init__(self, value, reason):
        super().__init__(f"invalid identity number {value!r}: {reason}")
        self.value = value
        self.reason = reason


def _digits(raw):
    """Return ``raw`` as a string of ASCII digits, separators removed.

    :raises NationalIdError: ``length`` when empty, ``not_digits`` when
        anything else than digits and separators remains
    """
    if isinstance(raw, int) and not isinstance(raw, bool):
        raw = str(raw)
    if not raw:
        raise NationalIdError(raw, REASON_LENGTH)
    if not isinstance(raw, str):
        raise NationalIdError(raw, REASON_NOT_DIGITS)
    text = to_ascii_digits(strip_invisible(raw)).translate(_SEPARATORS)
    if not text:
        raise NationalIdError(raw, REASON_LENGTH)
    if not (text.isascii() and text.isdigit()):
        raise NationalIdError(raw, REASON_NOT_DIGITS)
    return text


def national_id_check_digit(first_nine):
    """Return the check digit of a personal national code.

    :param first_nine: the first nine digits, as a string of ASCII digits
    :return: the expected tenth digit (0-9)
    """
    remainder = sum(int(digit) * (10 - i) for i, digit in enumerate(first_nine)) % 11
    return remainder if remainder < 2 else 11 - remainder


def legal_id_check_digit(first_ten):
    """Return the check digit of a legal-entity national ID.

    :param first_ten: the first ten digits, as a string of ASCII digits
    :return: the expected eleventh digit (0-9)
    """
    shift = int(first_ten[9]) + 2
    total = sum(
        (int(digit) + shift) * weight
        for digit, weight in zip(first_ten, _LEGAL_ID_WEIGHTS, strict=True)
    )
    remainder = total % 11
    return 0 if remainder == 10 else remainder


def normalize_national_id(raw):
    """Return the 10-digit form of a personal national code (kod-e melli).

    Digits are converted to ASCII, spaces, dashes and dots removed, and 8- or
    9-digit input is left-padded with zeros before validation.

    :param raw: what the user typed (a string or an ``int``)
    :return: the 10 ASCII digits
    :raises NationalIdError: with ``reason`` ``not_digits`` (letters or other
        symbols), ``length`` (empty, or not 8-10 digits), ``all_same`` (one
        digit repeated, which the check digit does not catch) or ``checksum``
    """
    code = _digits(raw)
    if len(code) in _NATIONAL_ID_PADDED_LENGTHS:
        code = code.zfill(NATIONAL_ID_LENGTH)
    return _checked(raw, code, NATIONAL_ID_LENGTH, national_id_check_digit)


def is_valid_national_id(raw):
    """Tell whether ``raw`` is a valid personal national code.

    :param raw: what the user typed
    :return: True when :func:`normalize_national_id` accepts it
    """
    return _is_valid(normalize_national_id, raw)


def normalize_legal_id(raw):
    """Return the 11-digit form of a legal-entity national ID (shenase-ye melli).

    Digits are converted to ASCII and spaces, dashes and dots removed; no
    padding is applied, legal IDs are always written in full.

    :param raw: what the user typed (a string or an ``int``)
    :return: the 11 ASCII digits
    :raises NationalIdError: with ``reason`` ``not_digits``, ``length``,
        ``all_same`` or ``checksum``
    """
    return _checked(raw, _digits(raw), LEGAL_ID_LENGTH, legal_id_check_digit)


def is_valid_legal_id(raw):
    """Tell whether ``raw`` is a valid legal-entity national ID.

    :param raw: what the user typed
    :return: True when :func:`normalize_legal_id` accepts it
    """
    return _is_valid(normalize_legal_id, raw)


def _checked(raw, code, length, check_digit):
    """Return ``code`` when it has ``length`` digits, not all the same, and a valid check digit.

    :param raw: the input, reported in the error
    :param code: its ASCII digits
    :param length: the expected number of digits
    :param check_digit: function of the first ``length - 1`` digits giving the last one
    :raises NationalIdError: with reason ``length``, ``all_same`` or ``checksum``
    """
    if len(code) != length:
        raise NationalIdError(raw, REASON_LENGTH)
    if len(set(code)) == 1:
        raise NationalIdError(raw, REASON_ALL_SAME)
    if check_digit(code[:-1]) != int(code[-1]):
        raise NationalIdError(raw, REASON_CHECKSUM)
    return code


def _is_valid(normalize, raw):
    """Tell whether ``normalize(raw)`` accepts ``raw``."""
    try:
        normalize(raw)
    except NationalIdError:
        return False
    return True

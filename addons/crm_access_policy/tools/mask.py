"""Masking of identity values shown to people outside need-to-know.

A masked value keeps enough to confirm a caller ("is your mobile 0912***4567?")
without handing out the whole value: the first and last digits of a phone
number, the first letter and the domain of an e-mail, the first and last three
digits of a national ID. Every masked value contains :data:`MASK`, so that a
masked value sent back by a client can be recognised and refused.

Pure functions on plain values: no environment, no records.
"""

import re

from odoo.tools.mail import email_normalize, email_split_tuples

from odoo.addons.crm_cid.tools.digits import digits_only, to_ascii_digits

MASK = "***"

# Key type codes (crm_cid) by the way their values are masked.
PHONE_TYPES = frozenset({"mobile", "phone", "whatsapp"})
EMAIL_TYPES = frozenset({"email"})
NATIONAL_ID_TYPES = frozenset({"national_id", "legal_id"})
# The customer number is shown to everyone: it is not a secret.
CLEAR_TYPES = frozenset({"cid"})

# Digits of a phone number always hidden, and always shown at the end.
_PHONE_HIDDEN = 3
_PHONE_TAIL = 4
# Digits of a national ID shown at each end.
_NATIONAL_ID_ENDS = 3
_FORMATTED_EMAIL = re.compile(r"<([^<>]*)>")
# Fewest digits of a whole phone or identity number (a local landline number
# has 8, a mobile 11, a national ID 10).
_IDENTITY_MIN_DIGITS = 7


def _digits(value):
    return "".join(char for char in to_ascii_digits(str(value)) if char.isdigit())


def is_masked(value):
    """Return whether ``value`` looks like a value masked by this module."""
    return isinstance(value, str) and MASK in value


def mask_phone(value):
    """Mask a phone number: ``0912 123 4567`` gives ``0912***4567``.

    Separators are dropped and Persian digits become ASCII; a leading ``+``
    is kept (``+98 912 123 4567`` gives ``+98912***4567``). The last four
    digits and all but three of the others stay visible; numbers of seven
    digits or fewer keep only their last two.
    """
    if not value:
        return value
    text = str(value).strip()
    digits = _digits(text)
    plus = "+" if text.startswith("+") else ""
    if len(digits) <= _PHONE_HIDDEN + _PHONE_TAIL:
        return plus + MASK + digits[-2:]
    head = len(digits) - _PHONE_HIDDEN - _PHONE_TAIL
    return plus + digits[:head] + MASK + digits[-_PHONE_TAIL:]


def mask_email(value):
    """Mask an e-mail address: ``ali.rezaei@example.com`` gives ``a***@example.com``.

    The domain stays visible; of the local part, only its first character.
    A value without ``@`` is masked as any other text.
    """
    if not value:
        return value
    text = str(value).strip()
    local, at, domain = text.rpartition("@")
    if not at or not local:
        return mask_text(text)
    return local[0] + MASK + "@" + domain


def mask_formatted_email(value):
    """Mask the address in ``"Name" <address>``, or the whole value without brackets."""
    if not value:
        return value
    text = str(value)
    if _FORMATTED_EMAIL.search(text):
        return _FORMATTED_EMAIL.sub(lambda match: f"<{mask_email(match.group(1))}>", text)
    return mask_email(text)


def mask_national_id(value):
    """Mask a national ID: ``0499370899`` gives ``049****899``.

    The first and last three digits stay visible, one star per hidden digit
    (at least three); a value of eight digits or fewer is hidden entirely.
    """
    if not value:
        return value
    digits = _digits(value)
    ends = _NATIONAL_ID_ENDS
    if len(digits) <= 2 * ends + 2:
        return MASK
    hidden = max(len(digits) - 2 * ends, len(MASK))
    return digits[:ends] + "*" * hidden + digits[-ends:]


def mask_text(value):
    """Mask any other identifier: ``@south_customer`` gives ``@s***er``.

    Two characters at each end stay visible; six characters or fewer are
    hidden entirely.
    """
    if not value:
        return value
    text = str(value).strip()
    if len(text) <= 6:
        return MASK
    return text[:2] + MASK + text[-2:]


def mask_key(type_code, value):
    """Mask the value of an identity key of type ``type_code`` (a crm_cid code)."""
    if not value or type_code in CLEAR_TYPES:
        return value
    if type_code in PHONE_TYPES:
        return mask_phone(value)
    if type_code in EMAIL_TYPES:
        return mask_email(value)
    if type_code in NATIONAL_ID_TYPES:
        return mask_national_id(value)
    return mask_text(value)


def may_be_identity_value(text):
    """Whether ``text`` could be a whole identity value: an e-mail, a phone
    number or an identity number (what a search finds outside the portfolio).

    :param text: what a user typed; anything but a string is not
    :return: True for a text holding ``@`` or at least seven digits
    """
    if not isinstance(text, str):
        return False
    return "@" in text or len(digits_only(text)) >= _IDENTITY_MIN_DIGITS


# Trailing digits two spellings of one phone number share: ``09171112233``
# and ``+98 917 111 2233`` both end with ``9171112233``.
_PHONE_KEY_DIGITS = 10


def identity_keys(value):
    """Return what tells an identity value under any spelling: the value
    (trimmed, case folded), its phone key (:func:`phone_key`) and the
    normalised addresses it holds; empty for no value or a masked one."""
    if not value or not isinstance(value, str) or is_masked(value):
        return set()
    keys = {value.strip().casefold()}
    if key := phone_key(value):
        keys.add(key)
    for _name, address in email_split_tuples(value):
        if address:
            keys.add((email_normalize(address) or address).casefold())
    return keys


def phone_key(value):
    """Return what compares two spellings of a phone number: its last ten
    digits (all of them for a shorter one), or ``None`` for a value of fewer
    than seven digits or a masked one."""
    if not value or is_masked(value):
        return None
    digits = _digits(value)
    if len(digits) < _IDENTITY_MIN_DIGITS:
        return None
    return digits[-_PHONE_KEY_DIGITS:]

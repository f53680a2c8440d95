"""Identity values quoted in free text: a message that gives a mobile, an
e-mail or a national ID in its body.

A body is shown as written, except the identity values it quotes that the
reader may not see: those are masked in place, as on the customer's card.
These functions find the values and mask the chosen ones; which ones are
chosen is the caller's decision (the customers the reader sees masked).

Pure functions on plain values: no environment, no records.
"""

import re

from markupsafe import Markup

from odoo.tools.mail import email_normalize

from odoo.addons.crm_cid.tools.keys import guess_key_types

from .mask import mask_email, mask_national_id, mask_phone

# Key types a quoted value is compared with (crm_cid codes).
QUOTED_TYPES = frozenset({"email", "mobile", "phone", "whatsapp", "national_id", "legal_id"})
_NUMBER_TYPES = frozenset({"national_id", "legal_id"})

_EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")
# A run of at least seven digits (any script), one space or dash at most
# between two of them, not glued to a word or to a mask's stars.
_NUMBER = re.compile(r"(?<![\w*+])\+?\d(?:[ \u00a0-]?\d){6,}(?![\w*])")
_SPACES = re.compile(r"[ \u00a0]+")


def quoted_pairs(value):
    """Return the ``(type_code, value_normalized)`` pairs a quoted ``value``
    may be, among :data:`QUOTED_TYPES`; empty when it is none of them."""
    if "@" in value:
        address = email_normalize(value)
        return [("email", address)] if address else []
    return [(code, found) for code, found in guess_key_types(value) if code in QUOTED_TYPES]


def quoted_values(text):
    """Return the identity values quoted in ``text``, each once: the e-mail
    addresses, then the numbers, each in the order of the text.

    A value is an e-mail address, or a run of digits that reads as a phone
    number or a valid national or legal ID (Persian and Arabic digits, spaces
    and dashes as people write them). A run that reads as none of them as a
    whole is tried piece by piece, between its spaces.

    >>> quoted_values("call ۰۹۱۷ ۱۱۱ ۲۲۳۳ or mail ali@example.com")
    ['ali@example.com', '۰۹۱۷ ۱۱۱ ۲۲۳۳']
    """
    if not text or not isinstance(text, str):
        return []
    found = []
    for match in _EMAIL.finditer(text):
        if quoted_pairs(match.group()):
            found.append(match.group())
    for match in _NUMBER.finditer(text):
        run = match.group()
        if quoted_pairs(run):
            found.append(run)
            continue
        found.extend(
            piece for piece in _SPACES.split(run) if len(piece) >= 7 and quoted_pairs(piece)
        )
    return list(dict.fromkeys(found))


def mask_quoted(value):
    """Mask one quoted value as the card masks its kind."""
    if "@" in value:
        return mask_email(value)
    if {code for code, _found in quoted_pairs(value)} <= _NUMBER_TYPES:
        return mask_national_id(value)
    return mask_phone(value)


def mask_quoted_values(text, hidden):
    """Return ``text`` with the quoted values in ``hidden`` masked in place.

    :param text: a body (``Markup`` stays ``Markup``: the masks hold no markup)
    :param hidden: values as :func:`quoted_values` returned them
    """
    if not text or not hidden:
        return text
    masked = str(text)
    # the longest first: a value may hold a shorter one
    for value in sorted(hidden, key=len, reverse=True):
        masked = masked.replace(value, mask_quoted(value))
    return Markup(masked) if isinstance(text, Markup) else masked

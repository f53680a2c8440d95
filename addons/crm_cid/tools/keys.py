"""Identity keys: one normalised value per key type, and guessing the type.

A customer is found through keys (mobile, e-mail, national code, handles...).
Every key is stored normalised by :func:`normalize_key`, so a search only has
to normalise what was typed the same way and compare for equality.
"""

import re
import unicodedata

from .digits import digits_only, strip_invisible, to_ascii_digits
from .emails import normalize_email
from .national_id import (
    LEGAL_ID_LENGTH,
    NATIONAL_ID_LENGTH,
    is_valid_legal_id,
    is_valid_national_id,
    normalize_legal_id,
    normalize_national_id,
)
from .phone import DEFAULT_REGION, is_mobile, normalize_phone

KEY_TYPES = (
    "mobile",
    "phone",
    "email",
    "national_id",
    "legal_id",
    "customer_number",
    "username",
    "telegram",
    "whatsapp",
    "instagram",
    "external_id",
    "cid",
)
# Constraints of crm.cid.key whose violation means that another transaction
# stored the same key meanwhile (a concurrent creation, not a bug).
KEY_UNIQUE_CONSTRAINTS = frozenset(
    {
        "crm_cid_key_global_uniq",
        "crm_cid_key_commercial_excl",
        "crm_cid_key_partner_type_value_uniq",
    }
)
PHONE_KEY_TYPES = frozenset({"mobile", "phone", "whatsapp"})
HANDLE_KEY_TYPES = frozenset({"telegram", "instagram"})

# A customer ID after normalisation: "C" then at least five digits.
CID_PATTERN = r"^C\d{5,}$"
_CID_RE = re.compile(CID_PATTERN)

# Profile links pasted instead of a handle; the handle is the first path segment.
_HANDLE_URLS = {
    "telegram": re.compile(
        r"^(?:https?://)?(?:www\.)?(?:t\.me|telegram\.me|telegram\.dog)/", re.IGNORECASE
    ),
    "instagram": re.compile(r"^(?:https?://)?(?:www\.)?instagram\.com/", re.IGNORECASE),
}
_DASHES_AND_SPACES = re.compile(r"[\s\-\u2010\u2011\u2012\u2013\u2014\u2212]+")
# Typed text that can only be a number: digits, the usual separators, a "+".
_NUMBER_LIKE = re.compile(r"^\+?[\d\s\-./()]+$")


def _text(raw):
    """Return ``raw`` as a stripped string without invisible format characters.

    :return: the cleaned string, or None for empty or non-text input
    """
    if isinstance(raw, int) and not isinstance(raw, bool):
        raw = str(raw)
    if not isinstance(raw, str):
        return None
    text = to_ascii_digits(strip_invisible(raw)).strip()
    return text or None


def _normalize_handle(key_type, text):
    """Return a Telegram or Instagram handle without URL, ``@`` and case."""
    text = "".join(_nfkc(text).split())
    previous = None
    # repeated until nothing changes, so "@https://t.me/x" and a link pasted
    # twice still give "x" (and normalising the result gives it again)
    while text != previous:
        previous = text
        match = _HANDLE_URLS[key_type].match(text)
        if match:
            # keep only the path: "instagram.com/reza/?hl=fa" -> "reza"
            text = re.split(r"[?#]", text[match.end() :], maxsplit=1)[0]
        text = text.strip("/").lstrip("@")
    return _nfkc(text.lower()) or None


def _collapse(text):
    """Return ``text`` with inner runs of whitespace reduced to one space."""
    return " ".join(text.split())


def _nfkc(text):
    """Return the NFKC form of ``text``.

    Applied again after removing characters or changing case, both of which
    can leave combining marks in an order NFKC would change, so that
    normalising a normalised key gives the same key.
    """
    return unicodedata.normalize("NFKC", text)


def normalize_key(key_type, raw, region=DEFAULT_REGION):
    """Return the normalised value of a key of type ``key_type``.

    * ``mobile``, ``phone``, ``whatsapp``: E.164 via
      :func:`~.phone.normalize_phone` (a landline stays valid as ``mobile``:
      the key type does not restrict the number type);
    * ``email``: :func:`~.emails.normalize_email`;
    * ``national_id`` / ``legal_id``: :func:`~.national_id.normalize_national_id`
      / :func:`~.national_id.normalize_legal_id`, whose errors propagate;
    * ``telegram``, ``instagram``: the handle without spaces, leading ``@``,
      profile URL prefix (``https://t.me/``, ``instagram.com/``) or trailing
      slash, lower-cased;
    * ``username``: stripped, inner whitespace collapsed, lower-cased;
    * ``customer_number``: the same, upper-cased;
    * ``external_id``: stripped, inner whitespace collapsed, case kept;
    * ``cid``: upper-cased, spaces and dashes removed.

    Digits are converted to ASCII for every type.

    :param key_type: one of :data:`KEY_TYPES`
    :param raw: what the user typed (a string or an ``int``)
    :param region: ISO country code for phone numbers without an international
        prefix
    :return: the normalised value, or None when ``raw`` is empty or (phone,
        e-mail) not a valid value
    :raises ValueError: if ``key_type`` is not one of :data:`KEY_TYPES`
    :raises NationalIdError: for an invalid national code or legal ID
    """
    if key_type not in KEY_TYPES:
        raise ValueError(f"unknown key type {key_type!r}")
    text = _text(raw)
    if text is None:
        return None
    if key_type in PHONE_KEY_TYPES:
        return normalize_phone(text, region=region)
    if key_type == "email":
        return normalize_email(text)
    if key_type == "national_id":
        return normalize_national_id(text)
    if key_type == "legal_id":
        return normalize_legal_id(text)
    if key_type in HANDLE_KEY_TYPES:
        return _normalize_handle(key_type, text)
    if key_type == "cid":
        return _nfkc(_DASHES_AND_SPACES.sub("", _nfkc(text)).upper()) or None
    if key_type == "username":
        return _nfkc(_collapse(_nfkc(text)).lower())
    if key_type == "customer_number":
        return _nfkc(_collapse(_nfkc(text)).upper())
    return _collapse(text)  # external_id


def _append(candidates, key_type, value):
    """Append ``(key_type, value)`` to ``candidates`` unless empty or present."""
    if value and (key_type, value) not in candidates:
        candidates.append((key_type, value))


def _guess_handle(text, candidates):
    """Add Telegram/Instagram candidates for ``@handle`` or a profile link."""
    for key_type in ("telegram", "instagram"):
        if _HANDLE_URLS[key_type].match(text):
            _append(candidates, key_type, _normalize_handle(key_type, text))
            return
    if text.startswith("@") and text.count("@") == 1:
        for key_type in ("telegram", "instagram"):
            _append(candidates, key_type, _normalize_handle(key_type, text))


def _guess_number(text, region, candidates):
    """Add identity-number and phone candidates for a number-like ``text``."""
    if not _NUMBER_LIKE.match(text):
        return
    digits = digits_only(text)
    international = text.startswith("+")
    if not international and len(digits) == NATIONAL_ID_LENGTH and is_valid_national_id(digits):
        _append(candidates, "national_id", digits)
    # legal IDs start with 1 today; a leading 0 is a phone number with its trunk prefix
    if (
        not international
        and len(digits) == LEGAL_ID_LENGTH
        and not digits.startswith("0")
        and is_valid_legal_id(digits)
    ):
        _append(candidates, "legal_id", digits)
    e164 = normalize_phone(text, region=region)
    if e164:
        order = ("mobile", "phone") if is_mobile(e164) else ("phone", "mobile")
        for key_type in order:
            _append(candidates, key_type, e164)


def guess_key_types(text, region=DEFAULT_REGION):
    """Guess which keys a value typed into a search box may be.

    Candidates come in priority order: an e-mail when the text has an ``@``;
    Telegram and Instagram for ``@handle`` (only the matching one for a
    profile link); a national code for 10 digits that validate; a legal ID
    for 11 digits that validate; ``mobile`` and ``phone`` for anything
    :func:`~.phone.normalize_phone` accepts (``mobile`` first when the number
    is a mobile one); a CID when the text matches :data:`CID_PATTERN` once
    normalised. When nothing else fits, the text is offered as a
    ``customer_number`` (upper-cased) and a ``username`` (lower-cased).

    :param text: free text; non-strings and blank text give ``[]``
    :param region: ISO country code for phone numbers without an international
        prefix
    :return: a list of ``(key_type, normalized_value)`` pairs, without duplicates
    """
    cleaned = _text(text)
    if cleaned is None:
        return []
    candidates = []
    if "@" in cleaned:
        if not cleaned.startswith("@"):
            _append(candidates, "email", normalize_email(cleaned))
        _guess_handle(cleaned, candidates)
    else:
        _guess_handle(cleaned, candidates)
        _guess_number(cleaned, region, candidates)
        cid = normalize_key("cid", cleaned)
        if cid and _CID_RE.match(cid):
            _append(candidates, "cid", cid)
    if not candidates:
        for key_type in ("customer_number", "username"):
            _append(candidates, key_type, normalize_key(key_type, cleaned))
    return candidates

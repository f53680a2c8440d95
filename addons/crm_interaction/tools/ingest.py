"""Pure helpers of the interaction ingestion API: parsing one payload item.

Nothing here touches the database; the model validates what needs records
(channel and reason codes, linked documents) and stores the result.
"""

import json
import re
import zlib
from datetime import UTC, datetime

from odoo.tools.translate import LazyTranslate

from odoo.addons.crm_cid.tools.customer import resolve_customer  # noqa: F401 - kept here for callers
from odoo.addons.crm_cid.tools.digits import to_ascii_digits

_lt = LazyTranslate(__name__)

DIRECTIONS = ("inbound", "outbound", "internal")
# Item fields that are not identity keys. ``external_id`` is the provider's id
# of the message or call; the identity key type of the same name goes under
# ``keys``.
ITEM_FIELDS = frozenset(
    {
        "channel",
        "direction",
        "external_id",
        "provider",
        "occurred_at",
        "received_at",
        "subject",
        "body",
        "summary",
        "reason",
        "duration",
        "links",
        "keys",
    }
)
EXTERNAL_ID_MAX_LENGTH = 255
PROVIDER_MAX_LENGTH = 128
_EXTERNAL_ID_REQUIRED = _lt(
    "external_id is required: give the provider's id of the message or call."
)
# First half of the two-integer advisory locks taken while storing items.
LOCK_NAMESPACE = 0x494E5431  # "INT1"


class IngestError(ValueError):
    """An item of an ingestion batch is invalid.

    ``message`` is a lazy translation: ``env._(error.message)`` gives it in
    the user's language.
    """

    def __init__(self, message):
        super().__init__(message)
        self.message = message


# What PostgreSQL cannot keep in a text column: NUL, and lone UTF-16
# surrogates (JSON can carry "\ud800"; UTF-8 cannot encode it).
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def check_storable(value, path="item"):
    """Refuse an item holding text that the database cannot store.

    :param value: the item, or any value inside it (walked recursively)
    :param str path: where ``value`` sits, for the error message
    :raises IngestError: naming the first field with a NUL character or a
        lone surrogate
    """
    if isinstance(value, str):
        if _UNSTORABLE.search(value):
            raise IngestError(
                _lt(
                    "%(field)s holds a NUL character or an invalid Unicode character.",
                    field=path,
                )
            )
    elif isinstance(value, dict):
        for name, inner in value.items():
            check_storable(name, path)
            check_storable(inner, name if path == "item" else f"{path}.{name}")
    elif isinstance(value, list):
        for inner in value:
            check_storable(inner, path)


def is_absent(value):
    """Whether an optional item field counts as not given.

    Only ``None`` (JSON null), ``False`` (XML-RPC's usual "nothing") and an
    empty string do; ``0`` or ``[]`` in a field that expects a text is a
    mistake worth an error, not a silent default.
    """
    return value is None or value is False or value == ""


def parse_datetime(value, field_name="occurred_at"):
    """Return a naive UTC ``datetime`` from an ISO 8601 string.

    A value without a time zone is read as UTC; ``Z`` and offsets such as
    ``+03:30`` are converted to UTC.

    :param value: the string received
    :param str field_name: the item field, for the error message
    :return: a naive ``datetime`` in UTC
    :raises IngestError: for anything that is not an ISO 8601 date-time
        (Jalali dates such as ``1403/01/15`` included)
    """
    if not isinstance(value, str) or not value.strip():
        raise IngestError(
            _lt(
                "%(field)s must be an ISO 8601 date-time string such as 2025-03-21T09:30:00+03:30.",
                field=field_name,
            )
        )
    text = value.strip()
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        parsed = None
    # fromisoformat also takes "20250321" and a bare date; insist on a time
    if parsed is None or "T" not in text.upper() and " " not in text:
        raise IngestError(
            _lt(
                "%(field)s %(value)s is not an ISO 8601 date-time such as "
                "2025-03-21T09:30:00+03:30. Jalali dates are not accepted: convert them first.",
                field=field_name,
                value=value,
            )
        )
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(UTC).replace(tzinfo=None)
    return parsed


def parse_external_id(value):
    """Return the provider id as a stripped string.

    :raises IngestError: when it is missing, empty or too long
    """
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise IngestError(_EXTERNAL_ID_REQUIRED)
    text = str(value).strip()
    if not text:
        raise IngestError(_EXTERNAL_ID_REQUIRED)
    if len(text) > EXTERNAL_ID_MAX_LENGTH:
        raise IngestError(
            _lt("external_id is longer than %(max)s characters.", max=EXTERNAL_ID_MAX_LENGTH)
        )
    return text


def parse_provider(value):
    """Return the provider or route of an item as a stripped string ('' when absent).

    Provider ids are unique per channel and provider: two SMS panels, or two
    bots, may number their messages alike.

    :raises IngestError: when it is not a string or is too long
    """
    if is_absent(value):
        return ""
    if not isinstance(value, str):
        raise IngestError(_lt("provider must be a string such as sms_kavenegar."))
    text = value.strip()
    if len(text) > PROVIDER_MAX_LENGTH:
        raise IngestError(
            _lt("provider is longer than %(max)s characters.", max=PROVIDER_MAX_LENGTH)
        )
    return text


def parse_direction(value):
    """Return ``value`` when it is one of :data:`DIRECTIONS`.

    :raises IngestError: otherwise
    """
    if value not in DIRECTIONS:
        raise IngestError(
            _lt(
                "direction must be one of %(directions)s, not %(value)s.",
                directions=", ".join(DIRECTIONS),
                value=value,
            )
        )
    return value


def parse_duration(value):
    """Return a duration in whole seconds (0 when absent).

    :raises IngestError: for a negative or non-numeric value
    """
    if value is None or value is False:
        return 0
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise IngestError(_lt("duration must be a number of seconds, not %(value)s.", value=value))
    if value < 0:
        raise IngestError(_lt("duration cannot be negative (%(value)s).", value=value))
    return int(round(value))


def parse_text(item, field_name):
    """Return the string ``item[field_name]`` or False when absent.

    :raises IngestError: when the value is not a string
    """
    value = item.get(field_name)
    if is_absent(value):
        return False
    if not isinstance(value, str):
        raise IngestError(_lt("%(field)s must be a string.", field=field_name))
    return value


def parse_links(value):
    """Return ``[(model, id)]`` from ``[{"model": ..., "id": ...}]``.

    :raises IngestError: for a malformed list
    """
    if is_absent(value) or value == []:
        return []
    if not isinstance(value, list):
        raise IngestError(_lt('links must be a list such as [{"model": "sale.order", "id": 7}].'))
    links = []
    for link in value:
        if not isinstance(link, dict) or set(link) - {"model", "id"}:
            raise IngestError(
                _lt('Each link must be a dict such as {"model": "sale.order", "id": 7}.')
            )
        model, res_id = link.get("model"), link.get("id")
        if not isinstance(model, str) or not model:
            raise IngestError(_lt("Each link needs a model name."))
        if isinstance(res_id, bool) or not isinstance(res_id, int) or res_id <= 0:
            raise IngestError(
                _lt("The link to %(model)s needs a positive integer id.", model=model)
            )
        if (model, res_id) not in links:
            links.append((model, res_id))
    return links


def split_keys(item, is_key_name):
    """Return the identity keys of an item: ``keys`` merged with flat key names.

    :param dict item: the payload item
    :param is_key_name: callable telling whether a name is a key type or alias
    :return: ``{name: raw}`` without empty values
    :raises IngestError: for an unknown top-level field, a ``keys`` value that
        is not a dict, or one key given twice with different values
    """
    keys = item.get("keys") or {}
    if not isinstance(keys, dict):
        raise IngestError(_lt('keys must be a dict such as {"mobile": "09121234567"}.'))
    keys = {name: raw for name, raw in keys.items() if raw not in (None, False, "")}
    for name, raw in item.items():
        if name in ITEM_FIELDS:
            continue
        if not is_key_name(name):
            raise IngestError(
                _lt("%(name)s is neither an interaction field nor a known key type.", name=name)
            )
        if raw in (None, False, ""):
            continue
        if name in keys and keys[name] != raw:
            raise IngestError(_lt("%(name)s is given twice with different values.", name=name))
        keys[name] = raw
    return keys


def payload_text(item):
    """Return the item as stable JSON text, for the quarantine."""
    text = json.dumps(item, ensure_ascii=False, sort_keys=True, default=str, indent=1)
    # a lone surrogate is kept visible as its escape, since UTF-8 cannot hold it
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def lock_token(*parts):
    """Return the second half of the advisory lock of a (channel, provider, external id).

    A collision only makes two unrelated items wait for each other.
    """
    return zlib.crc32(":".join(str(part) for part in parts).encode()) - 0x80000000


# A telephone number written in a text: groups of digits (the first may
# start with +, an area code may stand in brackets) split by at most one
# space, dot or dash.
_NUMBER_IN_TEXT = re.compile(r"(?:\+\d+|\(\d+\)|\d+)(?:[\s.-]?(?:\(\d+\)|\d+))*")


def find_phone_number(text):
    """Return the first telephone number written in ``text``, digits in ASCII, or False.

    Fax and voicemail gateways name the caller in the subject ("Fax from
    +98 21 8877 6655"); digits of any script are read.

    >>> find_phone_number("نمابر از ۰۲۱-۸۸۷۷۶۶۵۵ (۲ صفحه)")
    '021-88776655'
    """
    if not text:
        return False
    for match in _NUMBER_IN_TEXT.finditer(to_ascii_digits(text)):
        candidate = match.group()
        if sum(char.isdigit() for char in candidate) >= 8:
            return candidate
    return False

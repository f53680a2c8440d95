"""Mapping of provider payloads to ``crm.interaction.ingest`` items.

Pure functions: they take a validated request document (see ``schemas``)
and return the item that ``ingest`` stores, or None when the payload holds
nothing to store (a Telegram update that is not a message, for instance).
The provider's own id of the call or message becomes ``external_id``, so a
provider that sends the same event twice stores it once.
"""

import json
from datetime import UTC, datetime

from odoo.addons.crm_cid.tools.phone import is_mobile, normalize_phone

from .. import schemas
from . import meta

# The endpoints and the channel each one feeds.
PROVIDER_CHANNELS = {
    "voip": "phone",
    "sms_kavenegar": "sms",
    "sms_ghasedak": "sms",
    "sms_melipayamak": "sms",
    "telegram": "telegram",
    "bale": "bale",
    "eitaa": "eitaa",
    "rubika": "rubika",
    "whatsapp": "whatsapp",
    "instagram": "instagram",
}
# Telegram-family bots: the same update shape, the same mapping.
BOT_PROVIDERS = ("telegram", "bale", "eitaa")
# Routes of bots: one provider per bot, told apart by the API key it posts with.
BOT_ROUTES = ("telegram", "bale", "eitaa", "rubika")
# Rubika update types that carry a message of the user.
RUBIKA_MESSAGE_TYPES = ("NewMessage", "UpdatedMessage")


def route_provider(route, api_key_id=None):
    """Return the ``provider`` of the items a route stores (provider ids are unique per provider).

    An SMS panel or the PBX is one provider per route (``sms_kavenegar``:
    two panels may number their messages alike). A bot route serves as many
    bots as it has API keys, each numbering its chats on its own: the
    provider is ``<route>:<API key id>``. WhatsApp and Instagram items name
    their account themselves (see :func:`whatsapp_items`).

    :param str route: the route name (``sms_kavenegar``, ``telegram``...)
    :param int api_key_id: the API key the request came with
    """
    if route in BOT_ROUTES and api_key_id:
        return f"{route}:{api_key_id}"
    return route


def to_iso(value, now=None):
    """Return an ISO 8601 string for a ``datetime``, Unix seconds or None.

    A naive ``datetime`` is kept naive (``ingest`` reads it as UTC); None
    gives ``now`` (default: the current UTC time).
    """
    if value is None:
        return (now or datetime.now(UTC)).isoformat()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return datetime.fromtimestamp(value, UTC).isoformat()
    return value.isoformat()


def phone_keys(number):
    """Return the identity keys of a telephone number.

    The number is sent both as ``mobile`` and ``phone``: a customer's number
    may be stored under either key type, and ``ingest`` resolves the customer
    from every key that matches.
    """
    return {"mobile": number, "phone": number}


def call_channel(number):
    """``mobile`` for a mobile number, ``phone`` otherwise (landline, extension)."""
    return "mobile" if is_mobile(normalize_phone(number) or "") else "phone"


def call_item(event):
    """Map an Asterisk/Issabel call event to an ingest item.

    The customer is the caller of an inbound call and the callee of an
    outbound one; an internal call keeps the caller's number as its key.
    """
    customer = event.callee if event.direction == "outbound" else event.caller
    talked = event.billsec if event.billsec is not None else event.duration
    if event.disposition != "ANSWERED":
        talked = 0
    summary = f"{event.caller} → {event.callee} · {event.disposition} · {talked}s"
    if event.agent:
        summary += f" · {event.agent}"
    if event.recording_url:
        summary += f"\n{event.recording_url}"
    return {
        "channel": call_channel(customer),
        "direction": event.direction,
        "external_id": event.uniqueid,
        "occurred_at": to_iso(event.start),
        "duration": talked,
        "summary": summary,
        **phone_keys(customer),
    }


def sms_item(sender, text, message_id, date=None, now=None):
    """Map an inbound SMS to an ingest item."""
    return {
        "channel": "sms",
        "direction": "inbound",
        "external_id": str(message_id),
        "occurred_at": to_iso(date, now),
        "summary": text,
        **phone_keys(sender),
    }


def kavenegar_item(sms, now=None):
    return sms_item(sms.sender, sms.message, sms.messageid, sms.date, now)


def ghasedak_item(sms, now=None):
    return sms_item(sms.sender, sms.text, sms.messageid, sms.receivedate, now)


def melipayamak_item(sms, now=None):
    return sms_item(sms.sender, sms.body, sms.msgid, sms.date, now)


def bot_item(channel, update):
    """Map a Telegram (or Bale, or Eitaa) bot update to an ingest item.

    Only messages are stored: a new message, or a post in a channel the bot
    administers. An edited message has the id of the original, so it is a
    duplicate of it. The provider id is ``<chat id>:<message id>``, unique
    per bot. The sender's handle is the ``telegram`` key (Telegram only);
    their numeric id is the key ``external_id`` ``<channel>:<user id>``; a
    contact the sender shares about themselves adds their mobile.

    :param str channel: ``telegram``, ``bale`` or ``eitaa``
    :return: the item, or None for updates that are not messages
    """
    message = update.message or update.edited_message or update.channel_post
    if message is None:
        return None
    text = message.text or message.caption or ""
    keys = {}
    sender = message.sender
    if sender:
        keys["external_id"] = f"{channel}:{sender.id}"
    item = {
        "channel": channel,
        "direction": "inbound",
        "external_id": f"{message.chat.id}:{message.message_id}",
        "occurred_at": to_iso(message.date),
        "summary": text,
        "keys": keys,
    }
    if sender and sender.username and channel == "telegram":
        item["telegram"] = sender.username
    contact = message.contact
    if contact and sender and contact.user_id == sender.id:
        item["mobile"] = contact.phone_number
        if not text:
            item["summary"] = contact.phone_number
    return item


def rubika_item(document):
    """Map what a Rubika bot endpoint received to an ingest item.

    Only messages of users are stored (``NewMessage``; an
    ``UpdatedMessage`` has the id of the original, so it is a duplicate of
    it). The provider id is ``<chat id>:<message id>``; the sender's Rubika
    id is the key ``external_id`` = ``rubika:<sender id>``. A shared contact
    is kept in the text but is not a key: Rubika does not say whose number
    it is.

    :return: the item, or None for what is not a message of a user (button
        taps, bot started or stopped, removed messages)
    """
    update = document.update
    if update is None or update.type not in RUBIKA_MESSAGE_TYPES:
        return None
    message = update.new_message or update.updated_message
    if message is None or message.sender_type != "User":
        return None
    summary = message.text or ""
    contact = message.contact_message
    if contact:
        name = " ".join(part for part in (contact.first_name, contact.last_name) if part)
        shared = f"{name} {contact.phone_number}".strip()
        summary = f"{summary}\n{shared}".strip()
    keys = {"external_id": f"rubika:{message.sender_id}"} if message.sender_id else {}
    return {
        "channel": "rubika",
        "direction": "inbound",
        "external_id": f"{update.chat_id}:{message.message_id}",
        "occurred_at": to_iso(message.time),
        "summary": summary,
        "keys": keys,
    }


def provider_mappings():
    """Return ``{provider: (request model, mapper)}``: what each route does."""
    return {
        "voip": (schemas.VoipCallEvent, call_item),
        "sms_kavenegar": (schemas.KavenegarSms, kavenegar_item),
        "sms_ghasedak": (schemas.GhasedakSms, ghasedak_item),
        "sms_melipayamak": (schemas.MelipayamakSms, melipayamak_item),
        "telegram": (schemas.BotUpdate, lambda doc: bot_item("telegram", doc)),
        "bale": (schemas.BotUpdate, lambda doc: bot_item("bale", doc)),
        "eitaa": (schemas.EitaaUpdate, lambda doc: bot_item("eitaa", doc)),
        "rubika": (schemas.RubikaUpdate, rubika_item),
        "whatsapp": (schemas.WhatsappWebhook, lambda doc: _one_item(meta.whatsapp_events(doc))),
        "instagram": (schemas.InstagramWebhook, lambda doc: _one_item(meta.instagram_events(doc))),
    }


def _one_item(events):
    """The item of a Meta notification re-processed from the quarantine (one message)."""
    items, _statuses = events
    if len(items) > 1:
        raise ValueError("The notification holds several messages: keep one per item.")
    return items[0] if items else None


def map_document(provider, data):
    """Validate a provider's document and map it, as its route does.

    :param str provider: an endpoint name of :data:`PROVIDER_CHANNELS`
    :param data: the decoded document (a dict for a valid one)
    :return: the ingest item, or None when the document holds nothing to store
    :raises pydantic.ValidationError: when the document does not fit the model
    :raises ValueError: when it cannot be mapped
    """
    model, mapper = provider_mappings()[provider]
    return mapper(model.model_validate(data))


# Where each provider puts the id of the event, to file a refused payload
# under its provider id (reconciliation then reports it as quarantined).
_ID_FIELDS = {
    "voip": ("uniqueid",),
    "sms_kavenegar": ("messageid",),
    "sms_ghasedak": ("messageid",),
    "sms_melipayamak": ("msgid",),
}


def guess_external_id(provider, data):
    """Return the provider id found in a payload that failed validation, or None.

    :param str provider: an endpoint name of :data:`PROVIDER_CHANNELS`
    :param data: the decoded JSON body (anything)
    """
    if not isinstance(data, dict):
        return None
    if provider == "rubika":
        update = data.get("update")
        if not isinstance(update, dict):
            return None
        message = next(
            (
                update[name]
                for name in ("new_message", "updated_message")
                if isinstance(update.get(name), dict)
            ),
            None,
        )
        chat_id = update.get("chat_id")
        if message and _is_id(chat_id) and _is_id(message.get("message_id")):
            return f"{chat_id}:{message['message_id']}"
        return None
    if provider in ("whatsapp", "instagram"):
        return _meta_message_id(provider, data)
    if provider in BOT_PROVIDERS:
        message = next(
            (
                data[name]
                for name in ("message", "edited_message", "channel_post")
                if isinstance(data.get(name), dict)
            ),
            None,
        )
        chat = message.get("chat") if message else None
        if isinstance(chat, dict) and chat.get("id") is not None and message.get("message_id"):
            return f"{chat['id']}:{message['message_id']}"
        return None
    for name in _ID_FIELDS.get(provider, ()):
        value = data.get(name)
        if _is_id(value):
            return str(value).strip()
    return None


def _first(value):
    return value[0] if isinstance(value, list) and value and isinstance(value[0], dict) else {}


def _meta_message_id(provider, data):
    """The id of the first message of a Meta notification that failed validation."""
    entry = _first(data.get("entry"))
    if provider == "whatsapp":
        value = _first(entry.get("changes")).get("value")
        message = _first(value.get("messages")) if isinstance(value, dict) else {}
        message_id = message.get("id")
    else:
        message = _first(entry.get("messaging")).get("message")
        message_id = message.get("mid") if isinstance(message, dict) else None
    return str(message_id).strip() if _is_id(message_id) else None


def _is_id(value):
    return (
        isinstance(value, (str, int)) and not isinstance(value, bool) and bool(str(value).strip())
    )


def decode_body(body):
    """Return the decoded JSON of a raw body, or its text when it is not JSON.

    Bytes that are not UTF-8 are replaced, so that any body can be kept.
    """
    text = body_text(body)
    try:
        return json.loads(text)
    except ValueError:
        return text


def body_text(body):
    """Return a raw body as text that can be stored.

    Bytes that are not UTF-8, and NUL characters (which PostgreSQL text
    cannot hold), become U+FFFD.
    """
    return body.decode("utf-8", errors="replace").replace("\x00", "\ufffd")

"""WhatsApp Cloud API and Instagram Messaging (Meta): pure helpers.

Mapping of Meta's webhook notifications to ``crm.interaction.ingest`` items
and delivery statuses, the ``X-Hub-Signature-256`` check, and the request
and answer of the Graph API's send endpoint. Nothing here touches the
database.
"""

import hashlib
import hmac
import json
from datetime import UTC, datetime

from odoo.addons.crm_cid.tools.phone import is_mobile, normalize_phone

META_ROUTES = ("whatsapp", "instagram")
# Delivery statuses, in the order a message goes through them.
DELIVERY_RANK = {"sent": 1, "delivered": 2, "read": 3, "failed": 0}
# Kinds of WhatsApp messages holding a file: its type and caption are stored.
WHATSAPP_MEDIA = ("image", "video", "audio", "document", "sticker")
DEFAULT_GRAPH_URLS = {
    "whatsapp": "https://graph.facebook.com/v21.0",
    "instagram": "https://graph.instagram.com/v21.0",
}


def to_iso(seconds):
    """ISO 8601 (UTC) of Unix seconds."""
    return datetime.fromtimestamp(seconds, UTC).isoformat()


def signature_ok(secret, body, header):
    """Tell whether ``X-Hub-Signature-256`` signs ``body`` with the app secret.

    :param str secret: the Meta app secret
    :param bytes body: the raw request body
    :param str header: the header as received (``sha256=<hex>``)
    """
    if not header or not isinstance(header, str) or not header.startswith("sha256="):
        return False
    expected = hmac.new(secret.encode(), body or b"", hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, header[len("sha256=") :].strip().lower())


def sign(secret, body):
    """Return the ``X-Hub-Signature-256`` value Meta sends with ``body``."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def provider_of(route, account_id):
    """The ``provider`` of a WhatsApp business number or an Instagram account."""
    return f"{route}:{account_id}"


def account_of(provider):
    """Return ``(route, account id)`` of a Meta provider, or ``(None, None)``."""
    route, _sep, account = (provider or "").partition(":")
    if route in META_ROUTES and account:
        return route, account
    return None, None


def whatsapp_keys(wa_id):
    """Identity keys of a WhatsApp sender: their number, and their wa_id as ``external_id``.

    The wa_id (the number in international form without ``+``) is what the
    send endpoint takes back; the number is also a ``mobile`` key when it is one.
    """
    keys = {"external_id": f"whatsapp:{wa_id}"}
    number = normalize_phone(f"+{wa_id}", None)
    if number:
        keys["whatsapp"] = number
        if is_mobile(number):
            keys["mobile"] = number
    return keys


def whatsapp_text(message):
    """Return the text stored for a WhatsApp message: its text, or its type and caption."""
    kind = message.type
    if kind == "text" and message.text:
        return message.text.body
    if kind in WHATSAPP_MEDIA:
        media = getattr(message, kind)
        label = f"[{kind}]"
        if media and media.mime_type:
            label = f"[{kind} {media.mime_type}]"
        detail = media and (media.caption or media.filename)
        return f"{label} {detail}" if detail else label
    if kind == "location" and message.location:
        place = message.location
        parts = [place.name, place.address]
        if place.latitude is not None and place.longitude is not None:
            parts.append(f"{place.latitude},{place.longitude}")
        return "[location] " + " · ".join(part for part in parts if part)
    if kind == "reaction" and message.reaction:
        return f"[reaction] {message.reaction.emoji or ''}".strip()
    if kind == "button" and message.button:
        return message.button.text or message.button.payload or "[button]"
    if kind == "interactive" and message.interactive:
        reply = message.interactive.button_reply or message.interactive.list_reply
        return (reply and (reply.title or reply.id)) or "[interactive]"
    if kind == "contacts" and message.contacts:
        names = []
        for card in message.contacts:
            name = (card.get("name") or {}).get("formatted_name") if isinstance(card, dict) else ""
            phones = [p.get("phone") for p in card.get("phones") or [] if isinstance(p, dict)]
            names.append(" ".join(str(part) for part in [name, *phones] if part))
        return "[contacts] " + "; ".join(names)
    return f"[{kind}]"


def whatsapp_events(document):
    """Map a WhatsApp Cloud API notification.

    :param document: the validated ``WhatsappWebhook``
    :return: ``(items, statuses)``: one ingest item per message (provider id
        the ``wamid``, provider ``whatsapp:<phone_number_id>``), and one dict
        per status (``provider``, ``external_id``, ``status``, ``error``)
    """
    items, statuses = [], []
    for entry in document.entry:
        for change in entry.changes:
            value = change.value
            if change.field != "messages" or value.metadata is None:
                continue
            provider = provider_of("whatsapp", value.metadata.phone_number_id)
            names = {c.wa_id: c.profile.name for c in value.contacts if c.profile}
            for message in value.messages:
                item = {
                    "channel": "whatsapp",
                    "direction": "inbound",
                    "provider": provider,
                    "external_id": message.id,
                    "occurred_at": to_iso(message.timestamp),
                    "summary": whatsapp_text(message),
                    "keys": whatsapp_keys(message.sender),
                }
                if names.get(message.sender):
                    item["subject"] = names[message.sender]
                items.append(item)
            for status in value.statuses:
                error = "; ".join(
                    " ".join(str(part) for part in (e.code, e.title or e.message) if part)
                    for e in status.errors
                )
                statuses.append(
                    {
                        "provider": provider,
                        "external_id": status.id,
                        "status": status.status,
                        "error": error or False,
                    }
                )
    return items, statuses


def instagram_text(message):
    """Return the text stored for an Instagram message: its text and its attachments."""
    parts = [message.text] if message.text else []
    for attachment in message.attachments:
        url = attachment.payload.url if attachment.payload else None
        parts.append(f"[{attachment.type}] {url}" if url else f"[{attachment.type}]")
    if message.is_unsupported and not parts:
        parts.append("[unsupported]")
    return "\n".join(parts)


def instagram_events(document):
    """Map an Instagram Messaging notification.

    Messages of customers are inbound items; messages the account sent
    (``is_echo``: from the Instagram app, or the replies sent from Odoo, which
    are then duplicates of their interaction) are outbound ones. The
    customer's Instagram-scoped id is the key ``external_id`` =
    ``instagram:<id>``. Read receipts and deliveries are statuses.

    :param document: the validated ``InstagramWebhook``
    :return: ``(items, statuses)`` as :func:`whatsapp_events`
    """
    items, statuses = [], []
    for entry in document.entry:
        provider = provider_of("instagram", entry.id)
        for event in entry.messaging:
            message = event.message
            if message is not None and not message.is_deleted:
                echo = message.is_echo
                customer = event.recipient.id if echo else event.sender.id
                items.append(
                    {
                        "channel": "instagram",
                        "direction": "outbound" if echo else "inbound",
                        "provider": provider,
                        "external_id": message.mid,
                        "occurred_at": to_iso(event.timestamp / 1000),
                        "summary": instagram_text(message),
                        "keys": {"external_id": f"instagram:{customer}"},
                    }
                )
            if event.read and event.read.mid:
                statuses.append(
                    {
                        "provider": provider,
                        "external_id": event.read.mid,
                        "status": "read",
                        "error": False,
                    }
                )
            if event.delivery:
                statuses += [
                    {
                        "provider": provider,
                        "external_id": mid,
                        "status": "delivered",
                        "error": False,
                    }
                    for mid in event.delivery.mids
                ]
    return items, statuses


def customer_id(route, keys):
    """Return the customer's id on the route (wa_id, Instagram-scoped id) from raw key values.

    :param list keys: the raw values of the interaction's ``external_id`` keys
    """
    prefix = f"{route}:"
    for value in keys:
        if value and value.startswith(prefix):
            return value[len(prefix) :]
    return None


def send_request(route, base_url, account, token, recipient, text):
    """Return ``(url, headers, json body)`` of a text message sent through the Graph API.

    WhatsApp: ``POST <base>/<phone_number_id>/messages``; Instagram:
    ``POST <base>/<account id>/messages``; both with the access token as a
    bearer token.
    """
    url = f"{(base_url or DEFAULT_GRAPH_URLS[route]).rstrip('/')}/{account}/messages"
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    if route == "whatsapp":
        body = {
            "messaging_product": "whatsapp",
            "recipient_type": "individual",
            "to": recipient,
            "type": "text",
            "text": {"preview_url": False, "body": text},
        }
    else:
        body = {"recipient": {"id": recipient}, "message": {"text": text}}
    return url, headers, body


def read_send_answer(route, status, text):
    """Return ``(message id, error)`` from the Graph API's answer to a send.

    :param int status: the HTTP status
    :param str text: the answer's body
    """
    try:
        data = json.loads(text or "")
    except ValueError:
        data = None
    if not isinstance(data, dict):
        return None, f"HTTP {status}"
    error = data.get("error")
    if status >= 400 or error:
        if isinstance(error, dict):
            return None, f"{error.get('code', status)} {error.get('message', '')}".strip()
        return None, f"HTTP {status}"
    if route == "whatsapp":
        messages = data.get("messages")
        message_id = messages[0].get("id") if messages and isinstance(messages[0], dict) else None
    else:
        message_id = data.get("message_id")
    if not message_id:
        return None, "no message id in the answer"
    return str(message_id), None

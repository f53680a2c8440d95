"""Interactions of messages exchanged with a Telegram-family bot (pure helpers).

The provider id of a message is ``<chat id>:<message id>``: Telegram and Bale
number the messages of a chat once for both sides, so the id is unique per
bot and the same whether the message came in through a gateway or a webhook.
"""

from datetime import UTC, datetime


def message_external_id(chat_id, message_id):
    return f"{chat_id}:{message_id}"


def inbound_item(channel, update):
    """Return the ingest item of a bot update (a dict as posted by the bot API).

    :param str channel: ``telegram`` or ``bale``
    :return: the item, or None when the update is not a message
    """
    message = update.get("message") if isinstance(update, dict) else None
    if not isinstance(message, dict):
        return None
    chat = message.get("chat") or {}
    sender = message.get("from") or {}
    if chat.get("id") is None or message.get("message_id") is None:
        return None
    item = {
        "channel": channel,
        "direction": "inbound",
        "external_id": message_external_id(chat["id"], message["message_id"]),
        "occurred_at": datetime.fromtimestamp(message.get("date") or 0, UTC).isoformat(),
        "keys": {},
    }
    if sender.get("id") is not None:
        item["keys"]["external_id"] = f"{channel}:{sender['id']}"
    if channel == "telegram" and sender.get("username"):
        item["telegram"] = sender["username"]
    return item


def outbound_item(channel, chat_id, message_id, when, keys):
    """Return the ingest item of a message sent to a chat from Discuss."""
    return {
        "channel": channel,
        "direction": "outbound",
        "external_id": message_external_id(chat_id, message_id),
        "occurred_at": when.isoformat(),
        "keys": dict(keys, external_id=f"{channel}:{chat_id}"),
    }

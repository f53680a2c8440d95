"""Request and response documents of the provider webhooks (pydantic).

Each provider posts its own JSON shape; these models validate it before
anything is stored. Unknown fields are accepted and ignored, so a provider
adding a field never breaks the endpoint.
"""

from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

_TOLERANT = ConfigDict(extra="ignore", populate_by_name=True, str_strip_whitespace=True)


def _blank_is_none(value):
    """Forms and query strings send an empty field for a missing date."""
    return None if isinstance(value, str) and not value.strip() else value


class VoipCallEvent(BaseModel):
    """End of a call on an Asterisk or Issabel PBX (CDR-like event)."""

    model_config = _TOLERANT

    uniqueid: str = Field(
        min_length=1,
        max_length=200,
        description="Asterisk unique id of the call, e.g. 1700000000.42",
    )
    caller: str = Field(min_length=1, max_length=64, description="Calling number (CALLERID(num))")
    callee: str = Field(min_length=1, max_length=64, description="Called number or extension")
    direction: Literal["inbound", "outbound", "internal"] = Field(
        default="inbound", description="inbound: the customer is the caller; outbound: the callee"
    )
    start: datetime = Field(description="When the call started (ISO 8601, with time zone)")
    answer: datetime | None = Field(default=None, description="When it was answered")
    end: datetime | None = Field(default=None, description="When it ended")
    disposition: Literal["ANSWERED", "NO ANSWER", "BUSY", "FAILED", "CONGESTION"] = Field(
        default="ANSWERED", description="Asterisk disposition"
    )
    duration: int = Field(default=0, ge=0, description="Seconds from start to end")
    billsec: int | None = Field(default=None, ge=0, description="Seconds of conversation")
    recording_url: str | None = Field(
        default=None, max_length=2000, description="Where the recording can be listened to"
    )
    agent: str | None = Field(default=None, max_length=64, description="Extension of the agent")


class VoipRingEvent(BaseModel):
    """A call ringing on an extension of the PBX (Asterisk, Issabel): pops the caller's card."""

    model_config = _TOLERANT

    caller: str = Field(min_length=1, max_length=64, description="Calling number (CALLERID(num))")
    extension: str = Field(
        min_length=1, max_length=32, description="The ringing extension (the agent's phone)"
    )
    uniqueid: str | None = Field(default=None, max_length=200, description="Asterisk unique id")


class RingResult(BaseModel):
    """What the ringing route answers."""

    notified: int = Field(description="How many users of that extension were shown the card")


# The fields every SMS panel sends, under its own names.
SmsNumber = Annotated[str, Field(min_length=1, max_length=64)]
SmsText = Annotated[str, Field(max_length=10000, description="Text of the message")]
SmsId = Annotated[str | int, Field(description="The panel's id of the message")]
SmsDate = Annotated[
    datetime | int | None,
    Field(description="Reception time: ISO 8601 or Unix seconds (default: now)"),
    BeforeValidator(_blank_is_none),
]


class KavenegarSms(BaseModel):
    """Inbound SMS, Kavenegar style (``from``, ``to``, ``message``, ``messageid``).

    Accepted as JSON, as a form (``application/x-www-form-urlencoded``) or,
    on GET, as query parameters; the same for the other panels.
    """

    model_config = _TOLERANT

    sender: SmsNumber = Field(alias="from", description="Sender's number")
    to: SmsNumber = Field(description="The organisation's line number")
    message: SmsText
    messageid: SmsId
    date: SmsDate = None


class GhasedakSms(BaseModel):
    """Inbound SMS, Ghasedak style (``sender``, ``linenumber``, ``text``, ``messageid``)."""

    model_config = _TOLERANT

    sender: SmsNumber = Field(description="Sender's number")
    linenumber: SmsNumber = Field(description="The organisation's line")
    text: SmsText
    messageid: SmsId
    receivedate: SmsDate = None


class MelipayamakSms(BaseModel):
    """Inbound SMS, Melipayamak style (``from``, ``to``, ``body``, ``msgid``)."""

    model_config = _TOLERANT

    sender: SmsNumber = Field(alias="from", description="Sender's number")
    to: SmsNumber = Field(description="The organisation's line number")
    body: SmsText
    msgid: SmsId
    date: SmsDate = None


class BotUser(BaseModel):
    model_config = _TOLERANT

    id: int
    is_bot: bool = False
    first_name: str = ""
    last_name: str | None = None
    username: str | None = None


class BotChat(BaseModel):
    model_config = _TOLERANT

    id: int
    type: str = "private"
    title: str | None = None
    username: str | None = None


class BotContact(BaseModel):
    model_config = _TOLERANT

    phone_number: str
    first_name: str = ""
    user_id: int | None = None


class BotMessage(BaseModel):
    model_config = _TOLERANT

    message_id: int
    date: int = Field(description="Unix seconds")
    chat: BotChat
    sender: BotUser | None = Field(default=None, alias="from")
    text: str | None = None
    caption: str | None = None
    contact: BotContact | None = None


class BotUpdate(BaseModel):
    """A Telegram Bot API update; Bale's bot API sends the same shape."""

    model_config = _TOLERANT

    update_id: int
    message: BotMessage | None = None
    edited_message: BotMessage | None = None
    channel_post: BotMessage | None = None


class EitaaUpdate(BotUpdate):
    """An Eitaa bot update.

    Eitaa's bot platform derives from Telegram's and posts the same update
    shape: ``message.message_id``, ``message.chat.id``, ``message.from.id``,
    ``message.date`` (Unix seconds), ``message.text`` and, when the user
    shares their number, ``message.contact``.
    """


class RubikaContact(BaseModel):
    model_config = _TOLERANT

    phone_number: str = Field(max_length=64)
    first_name: str | None = None
    last_name: str | None = None


class RubikaMessage(BaseModel):
    model_config = _TOLERANT

    message_id: str | int = Field(description="Rubika's id of the message")
    text: str | None = Field(default=None, max_length=10000)
    time: int = Field(description="Unix seconds (Rubika sends them as a string)")
    is_edited: bool = False
    sender_type: str = Field(default="User", description="User, Bot...")
    sender_id: str | None = Field(
        default=None, max_length=200, description="Rubika's id of the sender (u0...)"
    )
    contact_message: RubikaContact | None = None


class RubikaUpdateBody(BaseModel):
    model_config = _TOLERANT

    type: str = Field(
        description="NewMessage, UpdatedMessage, RemovedMessage, StartedBot, StoppedBot..."
    )
    chat_id: str = Field(min_length=1, max_length=200, description="The chat with the user (b0...)")
    new_message: RubikaMessage | None = None
    updated_message: RubikaMessage | None = None


class RubikaInlineMessage(BaseModel):
    model_config = _TOLERANT

    sender_id: str | None = None
    text: str | None = None
    message_id: str | int | None = None
    chat_id: str | None = None


class RubikaUpdate(BaseModel):
    """What a Rubika bot endpoint receives (bot API v3).

    ``update`` for a message (``receiveUpdate``); ``inline_message`` for a
    tap on an inline button (``receiveInlineMessage``), which holds no
    message of the customer and is not stored.
    """

    model_config = _TOLERANT

    update: RubikaUpdateBody | None = None
    inline_message: RubikaInlineMessage | None = None


class WebhookResult(BaseModel):
    """What the endpoint answers."""

    status: Literal["created", "duplicate", "unmatched", "rejected", "ignored"] = Field(
        description="created / duplicate (sent before: nothing written) / unmatched (stored, "
        "customer not identified yet) / rejected (kept in quarantine) / ignored (nothing to store)"
    )
    interaction_id: int | None = None
    cid: str | None = None
    quarantine_id: int | None = None
    log_id: int | None = None
    error: str | None = None
    detail: str | None = Field(
        None, description="For a rejected item (HTTP 422): the error, as every 4xx answer has it"
    )


# ----------------------------------------------------------------------
# Meta: WhatsApp Cloud API and Instagram Messaging webhooks
# ----------------------------------------------------------------------


class WhatsappText(BaseModel):
    model_config = _TOLERANT

    body: str = Field(max_length=10000)


class WhatsappMedia(BaseModel):
    """An image, video, audio, document or sticker: Meta sends its media id, not the file."""

    model_config = _TOLERANT

    id: str | None = Field(default=None, description="Media id, to download with the Graph API")
    mime_type: str | None = None
    caption: str | None = Field(default=None, max_length=10000)
    filename: str | None = Field(default=None, max_length=1000)


class WhatsappLocation(BaseModel):
    model_config = _TOLERANT

    latitude: float | None = None
    longitude: float | None = None
    name: str | None = None
    address: str | None = None


class WhatsappReaction(BaseModel):
    model_config = _TOLERANT

    message_id: str | None = Field(default=None, description="The message reacted to")
    emoji: str | None = None


class WhatsappButton(BaseModel):
    model_config = _TOLERANT

    text: str | None = None
    payload: str | None = None


class WhatsappReply(BaseModel):
    model_config = _TOLERANT

    id: str | None = None
    title: str | None = None


class WhatsappInteractive(BaseModel):
    model_config = _TOLERANT

    type: str | None = Field(default=None, description="button_reply or list_reply")
    button_reply: WhatsappReply | None = None
    list_reply: WhatsappReply | None = None


class WhatsappMessage(BaseModel):
    """A message a customer sent to the business number."""

    model_config = _TOLERANT

    sender: str = Field(alias="from", min_length=1, max_length=64, description="Sender's wa_id")
    id: str = Field(min_length=1, max_length=255, description="WhatsApp message id (wamid...)")
    timestamp: int = Field(description="Unix seconds (sent as a string)")
    type: str = Field(
        default="text",
        description="text, image, video, audio, document, sticker, location, contacts, "
        "reaction, button, interactive, unsupported...",
    )
    text: WhatsappText | None = None
    image: WhatsappMedia | None = None
    video: WhatsappMedia | None = None
    audio: WhatsappMedia | None = None
    document: WhatsappMedia | None = None
    sticker: WhatsappMedia | None = None
    location: WhatsappLocation | None = None
    reaction: WhatsappReaction | None = None
    button: WhatsappButton | None = None
    interactive: WhatsappInteractive | None = None
    contacts: list[dict] | None = None


class WhatsappError(BaseModel):
    model_config = _TOLERANT

    code: int | None = None
    title: str | None = None
    message: str | None = None


class WhatsappStatus(BaseModel):
    """What became of a message the business sent."""

    model_config = _TOLERANT

    id: str = Field(min_length=1, max_length=255, description="The message sent (wamid...)")
    status: str = Field(description="sent, delivered, read or failed")
    timestamp: int | None = None
    recipient_id: str | None = None
    errors: list[WhatsappError] = []


class WhatsappProfile(BaseModel):
    model_config = _TOLERANT

    name: str | None = None


class WhatsappContact(BaseModel):
    model_config = _TOLERANT

    wa_id: str
    profile: WhatsappProfile | None = None


class WhatsappMetadata(BaseModel):
    model_config = _TOLERANT

    display_phone_number: str | None = None
    phone_number_id: str = Field(min_length=1, max_length=64, description="The business number")


class WhatsappValue(BaseModel):
    model_config = _TOLERANT

    messaging_product: str = "whatsapp"
    metadata: WhatsappMetadata | None = None
    contacts: list[WhatsappContact] = []
    messages: list[WhatsappMessage] = []
    statuses: list[WhatsappStatus] = []


class WhatsappChange(BaseModel):
    model_config = _TOLERANT

    field: str = Field(description="Only messages changes are read")
    value: WhatsappValue


class WhatsappEntry(BaseModel):
    model_config = _TOLERANT

    id: str = Field(description="The WhatsApp Business Account id")
    changes: list[WhatsappChange] = []


class WhatsappWebhook(BaseModel):
    """A notification of the WhatsApp Cloud API (``object`` = whatsapp_business_account).

    Messages customers send (``entry[].changes[].value.messages``) and the
    statuses of messages sent (``...value.statuses``), for one or more
    business numbers (``value.metadata.phone_number_id``).
    """

    model_config = _TOLERANT

    object: str = Field(description="whatsapp_business_account")
    entry: list[WhatsappEntry] = []


class MetaParty(BaseModel):
    model_config = _TOLERANT

    id: str = Field(min_length=1, max_length=64)


class InstagramAttachmentPayload(BaseModel):
    model_config = _TOLERANT

    url: str | None = Field(default=None, max_length=4000)
    title: str | None = None


class InstagramAttachment(BaseModel):
    model_config = _TOLERANT

    type: str = Field(description="image, video, audio, file, share, story_mention, ig_reel...")
    payload: InstagramAttachmentPayload | None = None


class InstagramMessage(BaseModel):
    model_config = _TOLERANT

    mid: str = Field(min_length=1, max_length=255, description="Instagram message id")
    text: str | None = Field(default=None, max_length=10000)
    attachments: list[InstagramAttachment] = []
    is_echo: bool = Field(default=False, description="Sent by the business account itself")
    is_deleted: bool = False
    is_unsupported: bool = False


class InstagramRead(BaseModel):
    model_config = _TOLERANT

    mid: str | None = Field(default=None, description="The last message the customer read")


class InstagramDelivery(BaseModel):
    model_config = _TOLERANT

    mids: list[str] = []


class InstagramMessaging(BaseModel):
    model_config = _TOLERANT

    sender: MetaParty
    recipient: MetaParty
    timestamp: int = Field(description="Unix milliseconds")
    message: InstagramMessage | None = None
    read: InstagramRead | None = None
    delivery: InstagramDelivery | None = None


class InstagramEntry(BaseModel):
    model_config = _TOLERANT

    id: str = Field(min_length=1, max_length=64, description="The Instagram account (or page) id")
    time: int | None = None
    messaging: list[InstagramMessaging] = []


class InstagramWebhook(BaseModel):
    """A notification of Instagram Messaging (``object`` = instagram).

    Messages (``entry[].messaging[].message``, with ``is_echo`` for those
    the account sent itself) and read receipts (``...read``).
    """

    model_config = _TOLERANT

    object: str = Field(description="instagram")
    entry: list[InstagramEntry] = []


class MetaWebhookResult(BaseModel):
    """What the WhatsApp and Instagram routes answer (Meta only reads the status)."""

    results: list[WebhookResult] = Field(
        description="One per message of the notification, in order"
    )
    statuses: int = Field(description="Outbound interactions whose delivery was updated")
    log_ids: list[int] = []


class WebhookError(BaseModel):
    """The body of a 4xx answer."""

    detail: str | list = Field(description="What was wrong with the request")
    log_id: int | None = None

"""Request and response documents of the provider webhooks (pydantic).

Each provider posts its own JSON shape; these models validate it before
anything is stored. Unknown fields are accepted and ignored, so a provider
adding a field never breaks the endpoint.
"""

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

_TOLERANT = ConfigDict(extra="ignore", populate_by_name=True, str_strip_whitespace=True)


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


class KavenegarSms(BaseModel):
    """Inbound SMS, Kavenegar style (``from``, ``to``, ``message``, ``messageid``)."""

    model_config = _TOLERANT

    sender: str = Field(alias="from", min_length=1, max_length=64, description="Sender's number")
    to: str = Field(min_length=1, max_length=64, description="The organisation's line number")
    message: str = Field(max_length=10000, description="Text of the message")
    messageid: str | int = Field(description="The panel's id of the message")
    date: datetime | int | None = Field(
        default=None, description="Reception time: ISO 8601 or Unix seconds (default: now)"
    )


class GhasedakSms(BaseModel):
    """Inbound SMS, Ghasedak style (``sender``, ``linenumber``, ``text``, ``messageid``)."""

    model_config = _TOLERANT

    sender: str = Field(min_length=1, max_length=64, description="Sender's number")
    linenumber: str = Field(min_length=1, max_length=64, description="The organisation's line")
    text: str = Field(max_length=10000, description="Text of the message")
    messageid: str | int = Field(description="The panel's id of the message")
    receivedate: datetime | int | None = Field(
        default=None, description="Reception time: ISO 8601 or Unix seconds (default: now)"
    )


class MelipayamakSms(BaseModel):
    """Inbound SMS, Melipayamak style (``from``, ``to``, ``body``, ``msgid``)."""

    model_config = _TOLERANT

    sender: str = Field(alias="from", min_length=1, max_length=64, description="Sender's number")
    to: str = Field(min_length=1, max_length=64, description="The organisation's line number")
    body: str = Field(max_length=10000, description="Text of the message")
    msgid: str | int = Field(description="The panel's id of the message")
    date: datetime | int | None = Field(
        default=None, description="Reception time: ISO 8601 or Unix seconds (default: now)"
    )


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


class WebhookError(BaseModel):
    """The body of a 4xx answer."""

    detail: str | list = Field(description="What was wrong with the request")
    log_id: int | None = None

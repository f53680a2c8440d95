"""The provider endpoints: one route per provider, thin.

Every route runs through :class:`WebhookRoute`, which checks the size and
the API key before the body is parsed, and turns a refused request into a
clear 4xx answer that is logged (and its payload quarantined) instead of an
exception: an exception would roll the log back with the request.
"""

import json
from typing import Annotated
from urllib.parse import parse_qsl

from fastapi import APIRouter, Depends, Query, Request, Security
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, PlainTextResponse
from fastapi.routing import APIRoute
from fastapi.security import APIKeyHeader, APIKeyQuery
from starlette.exceptions import HTTPException as StarletteHTTPException

from odoo.api import Environment

from odoo.addons.fastapi.context import odoo_env_ctx
from odoo.addons.fastapi.dependencies import fastapi_endpoint_id, odoo_env

from ..schemas import (
    BotUpdate,
    EitaaUpdate,
    GhasedakSms,
    InstagramWebhook,
    KavenegarSms,
    MelipayamakSms,
    MetaWebhookResult,
    RingResult,
    RubikaUpdate,
    VoipCallEvent,
    VoipRingEvent,
    WebhookError,
    WebhookResult,
    WhatsappWebhook,
)
from ..tools import meta as meta_tools
from ..tools import providers

# Declared for the OpenAPI description; the check itself runs in WebhookRoute
# before the body is read.
api_key_header = APIKeyHeader(
    name="API-KEY", auto_error=False, description="The provider's API key (auth_api_key)."
)
telegram_secret_header = APIKeyHeader(
    name="X-Telegram-Bot-Api-Secret-Token",
    auto_error=False,
    description="Telegram and Bale bots: the API key given as secret_token to setWebhook.",
)
api_key_query = APIKeyQuery(
    name="api_key",
    auto_error=False,
    description="For panels that cannot send headers: the API key in the URL (HTTPS only).",
)


FORM_CONTENT_TYPE = "application/x-www-form-urlencoded"
# Routes that also take their document as a form (SMS panels), besides JSON.
FORM_ROUTES = frozenset({"sms_kavenegar", "sms_ghasedak", "sms_melipayamak"})


def _validation_message(errors):
    parts = []
    for error in errors:
        location = ".".join(str(part) for part in error.get("loc", ()) if part != "body")
        parts.append(f"{location}: {error.get('msg')}" if location else str(error.get("msg")))
    return "; ".join(parts)


class WebhookRoute(APIRoute):
    """Size limit, API key and refusal logging around a provider route."""

    def get_route_handler(self):
        original_handler = super().get_route_handler()
        provider = self.name

        async def handler(request: Request):
            env = odoo_env_ctx.get()
            service = env["crm.interaction.webhook"]
            endpoint_override = request.app.dependency_overrides.get(fastapi_endpoint_id)
            limit = service._webhook_max_size(endpoint_override() if endpoint_override else None)
            meta = {
                "provider": provider,
                "remote_addr": request.client.host if request.client else False,
            }
            declared = request.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > limit:
                return _answer(service._webhook_refuse(meta, 413, size=int(declared)))
            if request.method == "GET":
                # a panel calling back with query parameters: their size counts
                body = request.url.query.encode()
                size = len(body)
            else:
                body, size = await _read_body(request, limit)
            if size > limit:
                return _answer(service._webhook_refuse(meta, 413, size=size))
            key = (
                request.headers.get("api-key")
                or request.headers.get("x-telegram-bot-api-secret-token")
                or request.query_params.get("api_key")
            )
            auth = service._webhook_authenticate(key, provider)
            meta["api_key_id"] = auth.get("api_key_id")
            if auth["status"]:
                return _answer(
                    service._webhook_refuse(
                        meta, auth["status"], size=len(body), reason=auth.get("reason")
                    )
                )
            if provider in meta_tools.META_ROUTES and request.method == "POST":
                # Meta signs the body with the app secret: checked when one is set
                signature = request.headers.get("x-hub-signature-256")
                if not service._webhook_meta_signature_ok(provider, body, signature):
                    return _answer(
                        service._webhook_refuse(meta, 401, size=len(body), reason="bad_signature")
                    )
            if request.method == "GET":
                # kept and quarantined as the JSON document the fields make
                body = _fields_json(request.query_params.multi_items())
            elif provider in FORM_ROUTES and _is_form(request):
                try:
                    text = body.decode("utf-8")
                except UnicodeDecodeError:
                    return _answer(service._webhook_refuse(meta, 400, size=len(body), body=body))
                body = _fields_json(parse_qsl(text, keep_blank_values=True))
                request = _as_json_request(request, body)
            request.state.crm_webhook = dict(meta, user_id=auth["user_id"], body=body)
            try:
                return await original_handler(request)
            except RequestValidationError as error:
                detail = jsonable_encoder(error.errors())
                status, message = 422, _validation_message(detail)
            except StarletteHTTPException as error:
                if error.status_code >= 500:
                    raise
                detail = message = str(error.detail)
                status = error.status_code
            result = service._webhook_refuse(
                meta, status, size=len(body), body=body, error=message, detail=detail
            )
            return _answer(result)

        return handler


async def _read_body(request, limit):
    """Return ``(body, size)``; stop reading as soon as the size exceeds ``limit``.

    A body sent without a Content-Length (chunked) is read piece by piece, so
    an oversized one is never held in memory whole: the body is then None and
    the size what was read so far.
    """
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            return None, size
        chunks.append(chunk)
    body = b"".join(chunks)
    # the route reads the body again: hand it the bytes already read
    request._body = body
    return body, size


def _is_form(request):
    content_type = request.headers.get("content-type", "")
    return content_type.split(";")[0].strip().lower() == FORM_CONTENT_TYPE


def _fields_json(pairs):
    """Return the JSON document of form or query fields (the key left out)."""
    document = {name: value for name, value in pairs if name != "api_key"}
    return json.dumps(document, ensure_ascii=False).encode()


def _as_json_request(request, body):
    """Return ``request`` with ``body`` as its JSON body.

    A form posted by an SMS panel is validated by the route's model exactly
    like the JSON document it becomes.
    """
    headers = [
        (name, value)
        for name, value in request.scope["headers"]
        if name not in (b"content-type", b"content-length")
    ]
    headers += [(b"content-type", b"application/json"), (b"content-length", b"%d" % len(body))]

    async def receive():
        return {"type": "http.request", "body": body, "more_body": False}

    return Request(dict(request.scope, headers=headers), receive)


def _answer(result):
    status, content = result
    return JSONResponse(status_code=status, content=content)


_ERRORS = {
    400: {
        "model": WebhookError,
        "description": "A form body that is not UTF-8; the payload is kept in the quarantine",
    },
    401: {
        "model": WebhookError,
        "description": "No API key, or an unknown one (WhatsApp, Instagram: or a bad signature)",
    },
    403: {"model": WebhookError, "description": "The key's user may not record interactions"},
    413: {"model": WebhookError, "description": "The body is larger than the endpoint accepts"},
    422: {
        "model": WebhookError,
        "description": "Malformed JSON or a document that does not fit the model; "
        "the payload is kept in the quarantine",
    },
}

webhook_router = APIRouter(
    route_class=WebhookRoute,
    tags=["provider webhooks"],
    dependencies=[
        Security(api_key_header),
        Security(telegram_secret_header),
        Security(api_key_query),
    ],
    responses=_ERRORS,
)

Env = Annotated[Environment, Depends(odoo_env)]


def _deliver(env, request, mapper, document):
    status, content = env["crm.interaction.webhook"]._webhook_deliver(
        request.state.crm_webhook, mapper, document
    )
    return JSONResponse(status_code=status, content=content)


@webhook_router.post("/voip/call", name="voip", response_model=WebhookResult)
def voip_call(event: VoipCallEvent, request: Request, env: Env):
    """A call ended on the PBX (Asterisk, Issabel): one interaction per `uniqueid`."""
    return _deliver(env, request, providers.call_item, event)


@webhook_router.post("/voip/ringing", name="voip", response_model=RingResult)
def voip_ringing(event: VoipRingEvent, request: Request, env: Env):
    """A call ringing on an extension: the users of that extension see the caller's card."""
    notified = env["crm.interaction.webhook"]._webhook_ring(request.state.crm_webhook, event)
    return JSONResponse(status_code=200, content={"notified": notified})


def _form_body(model):
    """OpenAPI: the route also takes its document as a form."""
    schema = {"$ref": f"#/components/schemas/{model.__name__}"}
    return {"requestBody": {"content": {FORM_CONTENT_TYPE: {"schema": schema}}}}


def _sms_panel_routes(panel, schema, mapper, id_field):
    """Declare the two routes of an SMS panel: POST (JSON or form) and GET (query).

    Every panel answers the same way; only its document model, its mapper and
    the field that identifies a message differ.
    """
    name = f"sms_{panel.lower()}"
    path = f"/sms/{panel.lower()}"

    def received(sms: schema, request: Request, env: Env):
        return _deliver(env, request, mapper, sms)

    def received_query(sms: Annotated[schema, Query()], request: Request, env: Env):
        return _deliver(env, request, mapper, sms)

    received.__name__ = name
    received.__doc__ = (
        f"An SMS received on a {panel} line (JSON or form): one interaction per `{id_field}`."
    )
    received_query.__name__ = f"{name}_query"
    received_query.__doc__ = "The same, for a panel that calls back with query parameters."
    webhook_router.post(
        path, name=name, response_model=WebhookResult, openapi_extra=_form_body(schema)
    )(received)
    webhook_router.get(path, name=name, response_model=WebhookResult)(received_query)


_sms_panel_routes("Kavenegar", KavenegarSms, providers.kavenegar_item, "messageid")
_sms_panel_routes("Ghasedak", GhasedakSms, providers.ghasedak_item, "messageid")
_sms_panel_routes("Melipayamak", MelipayamakSms, providers.melipayamak_item, "msgid")


@webhook_router.post("/telegram", name="telegram", response_model=WebhookResult)
def telegram_update(update: BotUpdate, request: Request, env: Env):
    """A Telegram bot update: one interaction per message (`chat.id:message_id`)."""
    return _deliver(env, request, lambda doc: providers.bot_item("telegram", doc), update)


@webhook_router.post("/bale", name="bale", response_model=WebhookResult)
def bale_update(update: BotUpdate, request: Request, env: Env):
    """A Bale bot update (same shape as Telegram's): one interaction per message."""
    return _deliver(env, request, lambda doc: providers.bot_item("bale", doc), update)


@webhook_router.post("/eitaa", name="eitaa", response_model=WebhookResult)
def eitaa_update(update: EitaaUpdate, request: Request, env: Env):
    """An Eitaa bot update (Telegram's shape): one interaction per `chat.id:message_id`."""
    return _deliver(env, request, lambda doc: providers.bot_item("eitaa", doc), update)


@webhook_router.post("/rubika", name="rubika", response_model=WebhookResult)
def rubika_update(update: RubikaUpdate, request: Request, env: Env):
    """A Rubika bot update (bot API v3): one interaction per message (`chat_id:message_id`)."""
    return _deliver(env, request, providers.rubika_item, update)


# ----------------------------------------------------------------------
# Meta: WhatsApp Cloud API and Instagram Messaging
# ----------------------------------------------------------------------

_VERIFY_RESPONSES = {
    200: {"content": {"text/plain": {}}, "description": "The challenge, as Meta expects"},
    403: {"model": WebhookError, "description": "The verify token is not the one set"},
}


def _verify(env, request, mode, token, challenge):
    status, content = env["crm.interaction.webhook"]._webhook_meta_verify(
        request.state.crm_webhook, mode, token, challenge
    )
    if status == 200:
        return PlainTextResponse(content)
    return JSONResponse(status_code=status, content=content)


def _deliver_meta(env, request, mapper, document):
    status, content = env["crm.interaction.webhook"]._webhook_deliver_meta(
        request.state.crm_webhook, mapper, document
    )
    return JSONResponse(status_code=status, content=content)


HubMode = Annotated[str | None, Query(alias="hub.mode", description="subscribe")]
HubToken = Annotated[
    str | None, Query(alias="hub.verify_token", description="The verify token set in Odoo")
]
HubChallenge = Annotated[
    str | None, Query(alias="hub.challenge", max_length=200, description="Echoed back")
]


def _meta_routes(route, label, schema, events, what):
    """Declare the two routes of a Meta product: GET (the verification of the
    callback URL) and POST (signed notifications)."""

    def verify(
        request: Request,
        env: Env,
        mode: HubMode = None,
        token: HubToken = None,
        challenge: HubChallenge = None,
    ):
        return _verify(env, request, mode, token, challenge)

    def notification(notification: schema, request: Request, env: Env):
        return _deliver_meta(env, request, events, notification)

    verify.__name__ = f"{route}_verify"
    verify.__doc__ = (
        "Meta's verification of the callback URL: answers `hub.challenge` when "
        f"`hub.verify_token` is the {label} verify token of the settings."
    )
    notification.__name__ = f"{route}_notification"
    notification.__doc__ = f"{what} Signed with `X-Hub-Signature-256` when an app secret is set."
    webhook_router.get(
        f"/{route}", name=route, response_class=PlainTextResponse, responses=_VERIFY_RESPONSES
    )(verify)
    webhook_router.post(f"/{route}", name=route, response_model=MetaWebhookResult)(notification)


_meta_routes(
    "whatsapp",
    "WhatsApp",
    WhatsappWebhook,
    meta_tools.whatsapp_events,
    "A WhatsApp Cloud API notification: one interaction per message (`wamid`) and business "
    "number (`phone_number_id`); statuses (sent, delivered, read, failed) update the messages "
    "sent from Odoo.",
)
_meta_routes(
    "instagram",
    "Instagram",
    InstagramWebhook,
    meta_tools.instagram_events,
    "An Instagram Messaging notification: one interaction per message (`mid`) and account "
    "(`entry.id`), echoes of the account's own messages as outbound ones; read receipts update "
    "the messages sent from Odoo.",
)

import hmac

from pydantic import ValidationError as PydanticValidationError

from odoo import SUPERUSER_ID, api, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

from ..tools import meta as meta_tools
from ..tools.providers import (
    PROVIDER_CHANNELS,
    body_text,
    decode_body,
    guess_external_id,
    route_provider,
)

# Used when the endpoint record cannot be told (a router tested on its own).
DEFAULT_MAX_BODY_SIZE = 65536
# Senders counted on their own row per hour, provider and reason; the others share one.
MAX_COUNTED_SENDERS = 100
# System parameters of the Meta routes (WhatsApp, Instagram): <prefix>.<route>_<name>.
META_PARAM = "crm_interaction_webhook.{route}_{name}"
# Outcome of each refusal status.
_REFUSALS = {401: "unauthorized", 403: "forbidden", 413: "too_large"}


class CrmInteractionWebhook(models.AbstractModel):
    _name = "crm.interaction.webhook"
    _description = "Interaction provider webhooks"

    @api.model
    def _webhook_max_size(self, endpoint_id):
        """Return the largest body (bytes) the endpoint accepts."""
        if endpoint_id:
            endpoint = self.env["fastapi.endpoint"].browse(endpoint_id)
            # a setting of the endpoint the request came through; the running
            # user may only read its own endpoint, this reads one number of it
            size = endpoint.sudo().crm_webhook_max_body_size
            if size:
                return size
        return DEFAULT_MAX_BODY_SIZE

    @api.model
    def _webhook_authenticate(self, key, provider=None):
        """Check an API key of ``auth_api_key`` for a provider's route.

        :param str key: the key sent by the provider (or None)
        :param str provider: the route's provider code (``voip``,
            ``sms_kavenegar``...); the key must be bound to it
        :return: ``{"status": 401 or 403}`` when refused (with ``reason``
            ``wrong_provider`` for a key of another provider), else
            ``{"status": None, "api_key_id", "user_id"}``; the key must be
            active and bound to ``provider``, and its user allowed to record
            interactions
        """
        if not key or not isinstance(key, str):
            return {"status": 401}
        # keys are readable by administrators only; the lookup runs as
        # superuser (as auth_api_key's own HTTP authentication does) and only
        # the id of the matching key comes back
        keys = self.env["auth.api.key"].with_user(SUPERUSER_ID)
        try:
            api_key = keys._retrieve_api_key(key)
        except ValidationError:
            return {"status": 401}
        # the lookup is cached per worker: a key archived since (by hand, or
        # with its user) is read again from this transaction
        if not api_key.exists() or not api_key.active:
            return {"status": 401}
        if provider not in api_key.crm_webhook_provider_ids.mapped("code"):
            return {"status": 403, "api_key_id": api_key.id, "reason": "wrong_provider"}
        user = api_key.user_id
        if not user.active or not user.has_group("crm_interaction.group_interaction_user"):
            return {"status": 403, "api_key_id": api_key.id}
        return {"status": None, "api_key_id": api_key.id, "user_id": user.id}

    @api.model
    def _webhook_refuse(
        self, meta, status, size=0, body=None, error=None, detail=None, reason=None
    ):
        """Log a refused request; quarantine its payload when it came authenticated.

        Bodies of unauthenticated or oversized requests are not kept (only
        their size): anybody could send them, so they are not logged one row
        each either but counted, one row per hour, provider, reason, key and
        sender (see :meth:`_webhook_count`). An authenticated body that does
        not parse or validate goes to the interaction quarantine, filed under
        the provider id when one can be read in it, and is logged on its own.

        :param dict meta: ``provider``, ``remote_addr`` and, once
            authenticated, ``api_key_id``
        :param int status: the HTTP status of the answer (400, 401, 403, 413, 422)
        :param bytes body: the document as received (a form or query
            parameters: as the JSON document of their fields)
        :param str reason: ``wrong_provider`` for a key bound to other providers
        :return: ``(status, answer body)``
        """
        messages = {
            400: self.env._("The body could not be read: send UTF-8 JSON or a UTF-8 form."),
            401: self.env._("Send a valid API key in the API-KEY header."),
            403: self.env._("The API key's user may not record interactions."),
            413: self.env._(
                "The request (%(size)s bytes) is larger than this endpoint accepts.", size=size
            ),
        }
        if reason == "wrong_provider":
            message = self.env._("This API key is not allowed on this provider's route.")
        elif reason == "bad_signature":
            message = self.env._(
                "The X-Hub-Signature-256 header does not sign the body with the app secret."
            )
        elif reason == "bad_verify_token":
            message = self.env._("The verify token does not match the one set in the settings.")
        else:
            message = error or messages.get(status) or self.env._("The request was refused.")
        vals = self._webhook_log_vals(meta, status, _REFUSALS.get(status, "invalid"), size)
        vals["error"] = message
        if body is None or not meta.get("api_key_id"):
            log_id = self._webhook_count(vals)
            return status, {"detail": detail if detail is not None else message, "log_id": log_id}
        payload = decode_body(body)
        external_id = guess_external_id(meta["provider"], payload)
        [quarantine_id] = self.env["crm.interaction.quarantine"]._quarantine_store(
            [
                (
                    {
                        "channel": PROVIDER_CHANNELS[meta["provider"]],
                        "external_id": external_id,
                        "provider": route_provider(meta["provider"], meta["api_key_id"]),
                        "webhook": meta["provider"],
                        "payload": payload,
                    },
                    message,
                )
            ]
        )
        vals.update(
            payload=body_text(body),
            external_id=external_id or False,
            quarantine_id=quarantine_id,
        )
        log = self._webhook_log(vals)
        return status, {"detail": detail if detail is not None else message, "log_id": log.id}

    @api.model
    def _webhook_ring(self, meta, event):
        """Show the caller's card to the users of a ringing extension; return how many.

        Ringing events come several times a minute and carry nothing to
        keep (the call itself arrives when it ends): they are not logged.

        :param dict meta: as for :meth:`_webhook_deliver`
        :param event: the validated ``VoipRingEvent``
        """
        interactions = self.env["crm.interaction"].with_user(meta["user_id"])
        return interactions._interaction_ring(event.extension, event.caller)

    def _webhook_deliver(self, meta, mapper, document):
        """Map a validated provider document and ingest it as the key's user.

        :param dict meta: ``provider``, ``remote_addr``, ``api_key_id``,
            ``user_id`` and ``body`` (the raw bytes)
        :param mapper: function of :mod:`..tools.providers` giving the ingest
            item (or None when there is nothing to store)
        :param document: the validated request document
        :return: ``(status, answer body)``: 200 for created, duplicate,
            unmatched and ignored; 422 for an item ``ingest`` refused (it is
            then in the quarantine)
        """
        body = meta["body"]
        vals = self._webhook_log_vals(meta, 200, "ignored", len(body))
        vals["payload"] = body_text(body)
        try:
            item = mapper(document)
        except (ValueError, OverflowError, OSError, PydanticValidationError) as error:
            status, answer = self._webhook_refuse(
                meta, 422, size=len(body), body=body, error=str(error)
            )
            return status, answer
        if item is None:
            log = self._webhook_log(vals)
            return 200, {"status": "ignored", "log_id": log.id}
        item.setdefault("provider", route_provider(meta["provider"], meta.get("api_key_id")))
        interactions = self.env["crm.interaction"].with_user(meta["user_id"])
        result = interactions.ingest([item])[0]
        status = 422 if result["status"] == "rejected" else 200
        vals.update(
            status_code=status,
            outcome=result["status"],
            external_id=item.get("external_id") or False,
            interaction_id=result["id"] or False,
            quarantine_id=result.get("quarantine_id") or False,
            error=result["error"] or False,
        )
        log = self._webhook_log(vals)
        answer = {
            "status": result["status"],
            "interaction_id": result["id"] or None,
            "cid": result["cid"] or None,
            "quarantine_id": result.get("quarantine_id") or None,
            "log_id": log.id,
            "error": result["error"] or None,
        }
        if status >= 400:
            # a refused item is a 4xx like the others: its reason under "detail" too
            answer["detail"] = answer["error"]
        return status, answer

    # ------------------------------------------------------------------
    # Meta: WhatsApp Cloud API and Instagram Messaging
    # ------------------------------------------------------------------

    @api.model
    def _webhook_meta_param(self, route, name):
        """Return a setting of a Meta route (``verify_token``, ``app_secret``...), or ''."""
        # the settings are system parameters, readable by administrators only;
        # the route reads the one value it needs to check the request
        value = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param(META_PARAM.format(route=route, name=name))
        )
        return (value or "").strip()

    @api.model
    def _webhook_meta_signature_ok(self, route, body, header):
        """Tell whether a Meta request is signed with the route's app secret.

        Without an app secret in the settings the signature is not checked
        (the API key still is).
        """
        secret = self._webhook_meta_param(route, "app_secret")
        if not secret:
            return True
        return meta_tools.signature_ok(secret, body, header)

    @api.model
    def _webhook_meta_verify(self, meta, mode, token, challenge):
        """Answer Meta's verification request (``hub.mode=subscribe``).

        :return: ``(status, challenge or answer body)``: 200 with the
            challenge when the verify token is the one in the settings, else
            403 (counted in the log, the token is not kept)
        """
        expected = self._webhook_meta_param(meta["provider"], "verify_token")
        if (
            mode == "subscribe"
            and expected
            and isinstance(token, str)
            and hmac.compare_digest(token.encode(), expected.encode())
            and challenge
        ):
            vals = self._webhook_log_vals(meta, 200, "verified", 0)
            self._webhook_log(vals)
            return 200, challenge
        return self._webhook_refuse(meta, 403, reason="bad_verify_token")

    def _webhook_deliver_meta(self, meta, mapper, document):
        """Store the messages of a Meta notification; record the statuses it brings.

        :param dict meta: as for :meth:`_webhook_deliver`
        :param mapper: :func:`..tools.meta.whatsapp_events` or
            :func:`..tools.meta.instagram_events`
        :param document: the validated notification
        :return: ``(200, answer body)``: one result per message (an item
            ``ingest`` refused is in the quarantine; Meta would only send it
            again), the number of outbound interactions whose delivery was
            updated, and the log rows
        """
        body = meta["body"]
        items, statuses = mapper(document)
        interactions = self.env["crm.interaction"].with_user(meta["user_id"])
        results = interactions.ingest(items) if items else []
        updated = interactions._interaction_meta_statuses(statuses) if statuses else 0
        log_vals = []
        for item, result in zip(items, results, strict=True):
            vals = self._webhook_log_vals(meta, 200, result["status"], len(body))
            vals.update(
                payload=body_text(body),
                external_id=item["external_id"],
                interaction_id=result["id"] or False,
                quarantine_id=result.get("quarantine_id") or False,
                error=result["error"] or False,
            )
            log_vals.append(vals)
        if statuses or not items:
            vals = self._webhook_log_vals(meta, 200, "status" if statuses else "ignored", len(body))
            vals["payload"] = body_text(body)
            log_vals.append(vals)
        logs = self._webhook_log(log_vals)
        answer = {
            "results": [
                {
                    "status": result["status"],
                    "interaction_id": result["id"] or None,
                    "cid": result["cid"] or None,
                    "quarantine_id": result.get("quarantine_id") or None,
                    "error": result["error"] or None,
                    "log_id": log.id,
                }
                for result, log in zip(results, logs, strict=False)
            ],
            "statuses": updated,
            "log_ids": logs.ids,
        }
        return 200, answer

    @api.model
    def _webhook_log_vals(self, meta, status, outcome, size):
        return {
            "provider": meta["provider"],
            "channel_code": PROVIDER_CHANNELS.get(meta["provider"], False),
            "status_code": status,
            "outcome": outcome,
            "payload_size": size,
            "remote_addr": meta.get("remote_addr") or False,
            "api_key_id": meta.get("api_key_id") or False,
        }

    @api.model
    def _webhook_count(self, vals):
        """Count a refused request in the row of its hour, provider, reason, key and sender.

        Anybody can send requests without a valid key, or too large ones:
        logging each in its own row would let them grow the database without
        bound. They are counted instead (``request_count``), with the largest
        size seen; past :data:`MAX_COUNTED_SENDERS` senders in one hour, a
        provider and reason, further senders share one row without address.
        One statement, safe under concurrency (``INSERT ... ON CONFLICT``).

        :param dict vals: the log values of the request
        :return: the id of the row that counts it
        """
        now = self.env.cr.now().replace(tzinfo=None)
        hour = now.replace(minute=0, second=0, microsecond=0)
        prefix = "|".join(
            (
                hour.strftime("%Y-%m-%dT%H"),
                vals["provider"],
                vals["outcome"],
                str(vals.get("api_key_id") or 0),
            )
        )
        remote = vals.get("remote_addr") or False
        if remote:
            # through the index on the outcome: refusals are counted rows only
            self.env.cr.execute(
                SQL(
                    "SELECT count(*) FROM crm_interaction_webhook_log"
                    " WHERE outcome = %s AND provider = %s AND create_date >= %s"
                    " AND aggregate_key LIKE %s AND aggregate_key != %s",
                    vals["outcome"],
                    vals["provider"],
                    hour,
                    f"{prefix}|%",
                    f"{prefix}|{remote}",
                )
            )
            if self.env.cr.fetchone()[0] >= MAX_COUNTED_SENDERS:
                remote = False
        aggregate_key = f"{prefix}|{remote or '*'}"
        uid = self.env.uid
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO crm_interaction_webhook_log
                    (provider, channel_code, status_code, outcome, error, payload_size,
                     remote_addr, api_key_id, request_count, aggregate_key,
                     create_uid, create_date, write_uid, write_date)
                VALUES (%s, %s, %s, %s, %s, %s, %s, %s, 1, %s, %s, %s, %s, %s)
                ON CONFLICT (aggregate_key) WHERE aggregate_key IS NOT NULL
                DO UPDATE SET
                    request_count = crm_interaction_webhook_log.request_count + 1,
                    payload_size = GREATEST(
                        crm_interaction_webhook_log.payload_size, EXCLUDED.payload_size
                    ),
                    error = EXCLUDED.error,
                    write_uid = EXCLUDED.write_uid,
                    write_date = EXCLUDED.write_date
                RETURNING id
                """,
                vals["provider"],
                vals.get("channel_code") or None,
                vals["status_code"],
                vals["outcome"],
                vals.get("error") or None,
                vals.get("payload_size") or 0,
                remote or None,
                vals.get("api_key_id") or None,
                aggregate_key,
                uid,
                now,
                uid,
                now,
            )
        )
        [log_id] = self.env.cr.fetchone()
        # the row was written in SQL: forget what the cache may hold of it
        self.env["crm.interaction.webhook.log"].invalidate_model()
        return log_id

    @api.model
    def _webhook_log(self, vals):
        # the log records what reached the endpoint, whoever sent it; the
        # running user has no right on it by design
        return self.env["crm.interaction.webhook.log"].sudo().create(vals)

from pydantic import ValidationError as PydanticValidationError

from odoo import SUPERUSER_ID, api, models
from odoo.exceptions import ValidationError

from ..tools.providers import PROVIDER_CHANNELS, body_text, decode_body, guess_external_id

# Used when the endpoint record cannot be told (a router tested on its own).
DEFAULT_MAX_BODY_SIZE = 65536
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
    def _webhook_authenticate(self, key):
        """Check an API key of ``auth_api_key``.

        :param str key: the key sent by the provider (or None)
        :return: ``{"status": 401 or 403}`` when refused, else
            ``{"status": None, "api_key_id", "user_id"}``; the key's user
            must be allowed to record interactions
        """
        if not key:
            return {"status": 401}
        # keys are readable by administrators only; the lookup runs as
        # superuser (as auth_api_key's own HTTP authentication does) and only
        # the id of the matching key comes back
        keys = self.env["auth.api.key"].with_user(SUPERUSER_ID)
        try:
            api_key = keys._retrieve_api_key(key)
        except ValidationError:
            return {"status": 401}
        user = api_key.user_id
        if not user.active or not user.has_group("crm_interaction.group_interaction_user"):
            return {"status": 403, "api_key_id": api_key.id}
        return {"status": None, "api_key_id": api_key.id, "user_id": user.id}

    @api.model
    def _webhook_refuse(self, meta, status, size=0, body=None, error=None, detail=None):
        """Log a refused request; quarantine its payload when it came authenticated.

        Bodies of unauthenticated or oversized requests are not kept (only
        their size): anybody could send them. An authenticated body that does
        not parse or validate goes to the interaction quarantine, filed under
        the provider id when one can be read in it.

        :param dict meta: ``provider``, ``remote_addr`` and, once
            authenticated, ``api_key_id``
        :param int status: the HTTP status of the answer (400, 401, 403, 413, 422)
        :param bytes body: the document as received (a form or query
            parameters: as the JSON document of their fields)
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
        message = error or messages.get(status) or self.env._("The request was refused.")
        vals = self._webhook_log_vals(meta, status, _REFUSALS.get(status, "invalid"), size)
        vals["error"] = message
        if body is not None and meta.get("api_key_id"):
            payload = decode_body(body)
            external_id = guess_external_id(meta["provider"], payload)
            [quarantine_id] = self.env["crm.interaction.quarantine"]._quarantine_store(
                [
                    (
                        {
                            "channel": PROVIDER_CHANNELS[meta["provider"]],
                            "external_id": external_id,
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
        return status, {
            "status": result["status"],
            "interaction_id": result["id"] or None,
            "cid": result["cid"] or None,
            "quarantine_id": result.get("quarantine_id") or None,
            "log_id": log.id,
            "error": result["error"] or None,
        }

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
    def _webhook_log(self, vals):
        # the log records what reached the endpoint, whoever sent it; the
        # running user has no right on it by design
        return self.env["crm.interaction.webhook.log"].sudo().create(vals)

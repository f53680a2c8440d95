import json

from pydantic import ValidationError as PydanticValidationError

from odoo import api, fields, models

from ..tools.providers import PROVIDER_CHANNELS, map_document, route_provider
from .crm_interaction_webhook_log import PROVIDERS


class CrmInteractionQuarantine(models.Model):
    _inherit = "crm.interaction.quarantine"

    webhook_provider = fields.Selection(
        selection=PROVIDERS,
        string="Received by webhook",
        compute="_compute_webhook_provider",
        store=True,
        help='The payload is the document this provider posted (under "payload"); '
        "re-processing runs it through that provider's mapping.",
    )

    @api.depends("payload")
    def _compute_webhook_provider(self):
        for record in self:
            provider = _webhook_document(record.payload)[0]
            record.webhook_provider = provider or False

    def _quarantine_prepare_items(self):
        """Map the provider documents kept by the webhooks, as their route does."""
        prepared = super()._quarantine_prepare_items()
        for record in self:
            provider, document = _webhook_document(record.payload)
            if not provider:
                continue
            try:
                item = map_document(provider, document)
                if item is not None:
                    # the provider the route gave (an item kept before providers
                    # were recorded: the route's own, without its bot)
                    item.setdefault(
                        "provider", _kept_provider(record.payload) or route_provider(provider)
                    )
                prepared[record.id] = (item, None)
            except PydanticValidationError as error:
                prepared[record.id] = (None, _validation_text(error))
            except (ValueError, OverflowError, OSError) as error:
                prepared[record.id] = (None, str(error))
        return prepared


def _webhook_document(payload):
    """Return ``(provider, document)`` of a payload kept by a webhook, else ``(None, None)``."""
    try:
        data = json.loads(payload or "")
    except ValueError:
        return None, None
    if isinstance(data, dict) and data.get("webhook") in PROVIDER_CHANNELS and "payload" in data:
        return data["webhook"], data["payload"]
    return None, None


def _kept_provider(payload):
    """Return the ``provider`` the webhook recorded with a kept document, or None."""
    data = json.loads(payload)
    provider = data.get("provider")
    return provider if isinstance(provider, str) and provider else None


def _validation_text(error):
    parts = []
    for detail in error.errors(include_url=False):
        location = ".".join(str(part) for part in detail.get("loc", ()))
        parts.append(f"{location}: {detail.get('msg')}" if location else str(detail.get("msg")))
    return "; ".join(parts)

from odoo import fields, models


class AuthApiKey(models.Model):
    _inherit = "auth.api.key"

    crm_webhook_provider_ids = fields.Many2many(
        "crm.interaction.webhook.provider",
        string="Webhook providers",
        help="The provider routes of /crm_webhook this key may post to. A key bound to no "
        "provider is refused on every route.",
    )

    def write(self, vals):
        result = super().write(vals)
        # auth_api_key caches the key lookup and clears it only when the key
        # or its user changes: an archived key must stop working at once
        if "active" in vals:
            self._clear_key_cache()
        return result

    def unlink(self):
        result = super().unlink()
        self._clear_key_cache()
        return result

from odoo import fields, models

from ..routers import webhook_router


class FastapiEndpoint(models.Model):
    _inherit = "fastapi.endpoint"

    app = fields.Selection(
        selection_add=[("crm_webhook", "Interaction provider webhooks")],
        ondelete={"crm_webhook": "cascade"},
    )
    crm_webhook_max_body_size = fields.Integer(
        string="Largest request (bytes)",
        default=65536,
        help="Provider webhooks: requests with a larger body are refused (HTTP 413).",
    )

    _crm_webhook_max_body_size_positive = models.Constraint(
        "CHECK(crm_webhook_max_body_size IS NULL OR crm_webhook_max_body_size > 0)",
        "The largest request size must be positive.",
    )

    def _get_fastapi_routers(self):
        if self.app == "crm_webhook":
            return [webhook_router]
        return super()._get_fastapi_routers()

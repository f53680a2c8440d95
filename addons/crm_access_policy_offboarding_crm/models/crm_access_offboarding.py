from odoo import api, models


class CrmAccessOffboarding(models.Model):
    _inherit = "crm.access.offboarding"

    @api.model
    def _crm_access_portfolio_records(self, env, users):
        """The leaving users' open opportunities go to their successors too."""
        opportunities = env["crm.lead"].search(
            [("user_id", "in", users.ids), ("won_status", "=", "pending")]
        )
        return [
            *super()._crm_access_portfolio_records(env, users),
            (opportunities, "user_id", "opportunity_count"),
        ]

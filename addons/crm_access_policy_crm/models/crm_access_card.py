from odoo import api, models


class CrmAccessCard(models.TransientModel):
    _inherit = "crm.access.card"

    @api.model
    def _crm_access_card_opportunity_count(self, customer):
        """The number of the customer's open opportunities (Odoo CRM)."""
        # a count only, for a customer the agent serves (checked by the card)
        return (
            self.env["crm.lead"]
            .sudo()
            .search_count(
                [
                    ("partner_id", "child_of", customer.id),
                    ("type", "=", "opportunity"),
                    ("won_status", "=", "pending"),
                ]
            )
        )

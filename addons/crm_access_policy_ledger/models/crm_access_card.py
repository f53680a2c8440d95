from odoo import api, models


class CrmAccessCard(models.TransientModel):
    _inherit = "crm.access.card"

    @api.model
    def _crm_access_card_cautions(self, customer):
        """The ledger's flags first (overdue, over credit limit, dissatisfied)."""
        return customer._ledger_caution_flags().get(
            customer.id, []
        ) + super()._crm_access_card_cautions(customer)

from odoo import api, models


class CrmInteraction(models.Model):
    _inherit = "crm.interaction"

    @api.model
    def _caller_card_values(self, partner):
        """Add ``roles``: the caller's roles the user may see (customer, vendor,
        employee, user), as on the contact form."""
        values = super()._caller_card_values(partner)
        values["roles"] = partner._crm_access_roles()
        return values

from odoo import models


class ResPartner(models.Model):
    """The internal note of a contact: identity values quoted there, masked
    (``crm.access.quoted``) for the users who see the contact masked, or the
    customer whose value it is."""

    _name = "res.partner"
    _inherit = ("res.partner", "crm.access.quoted")

    def _crm_access_quoted_fields(self):
        return ("comment",)

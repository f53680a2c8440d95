from odoo import models


class CrmLead(models.Model):
    """A lead's description (the text of the e-mail or form it came from):
    identity values quoted there, masked (``crm.access.quoted``) for the
    users who see the lead masked, or the customer whose value it is."""

    _name = "crm.lead"
    _inherit = ("crm.lead", "crm.access.quoted")

    def _crm_access_quoted_fields(self):
        return ("description",)

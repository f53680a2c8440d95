from odoo import models


class HelpdeskTicket(models.Model):
    """A ticket's description (the text of the e-mail it came from):
    identity values quoted there, masked (``crm.access.quoted``) for the
    users who see the ticket masked, or the customer whose value it is."""

    _name = "helpdesk.ticket"
    _inherit = ("helpdesk.ticket", "crm.access.quoted")

    def _crm_access_quoted_fields(self):
        return ("description",)

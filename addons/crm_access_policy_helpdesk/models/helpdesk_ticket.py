from odoo import models


class HelpdeskTicket(models.Model):
    """A ticket's copy of its customer's e-mail (``crm.access.copied``)."""

    _name = "helpdesk.ticket"
    _inherit = ("helpdesk.ticket", "crm.access.copied")

    def _crm_access_copied_fields(self):
        return ("partner_email", "partner_phone", "partner_mobile", "email_cc")

    def _track_filter_for_display(self, tracking_values):
        tracking_values = super()._track_filter_for_display(tracking_values)
        return self._crm_access_copied_track_filter(tracking_values)

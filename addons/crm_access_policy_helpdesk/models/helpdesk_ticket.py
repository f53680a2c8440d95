from odoo import api, models


class HelpdeskTicket(models.Model):
    """A ticket's copy of its customer's e-mail (``crm.access.copied``).

    A ticket without customer (an e-mail to the helpdesk alias) is its
    assigned user's and its team's: its e-mail and phone are masked for the
    other users who may read it, and shown as stored on a ticket of nobody
    (no user, no team).
    """

    _name = "helpdesk.ticket"
    _inherit = ("helpdesk.ticket", "crm.access.copied")

    def _crm_access_copied_fields(self):
        return ("partner_email", "partner_phone", "partner_mobile", "email_cc")

    @api.model
    def _crm_access_copied_own_domain(self):
        return self._crm_access_copied_team_portfolio("helpdesk.ticket.team", "user_ids")

    def _track_filter_for_display(self, tracking_values):
        tracking_values = super()._track_filter_for_display(tracking_values)
        return self._crm_access_copied_track_filter(tracking_values)

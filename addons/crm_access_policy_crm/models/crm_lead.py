from odoo import models


class CrmLead(models.Model):
    """A lead's copies of its customer's e-mail and phone (``crm.access.copied``)."""

    _name = "crm.lead"
    _inherit = ("crm.lead", "crm.access.copied")

    def _crm_access_copied_fields(self):
        return (
            "email_from",
            "email_normalized",
            # the whole address for the domains of public providers
            "email_domain_criterion",
            "email_cc",
            "phone",
            "mobile",
            "phone_sanitized",
        )

    def _track_filter_for_display(self, tracking_values):
        tracking_values = super()._track_filter_for_display(tracking_values)
        return self._crm_access_copied_track_filter(tracking_values)

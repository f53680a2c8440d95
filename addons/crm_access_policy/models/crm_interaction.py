from odoo import models

# Fields holding what the customer said.
CONTENT_FIELDS = frozenset({"body", "summary", "subject"})


class CrmInteraction(models.Model):
    _name = "crm.interaction"
    _inherit = ("crm.interaction", "crm.access.audited")

    def _crm_access_customers(self):
        return self.commercial_partner_id.filtered("cid")

    def _crm_access_kind(self, fnames):
        if CONTENT_FIELDS.intersection(fnames or ()):
            return "body"
        return super()._crm_access_kind(fnames)

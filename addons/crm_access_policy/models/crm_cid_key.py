from odoo import models


class CrmCidKey(models.Model):
    _name = "crm.cid.key"
    _inherit = ("crm.cid.key", "crm.access.audited")

    def _crm_access_customers(self):
        return self.partner_id.commercial_partner_id.filtered("cid")

    def _crm_access_kind(self, fnames):
        return "sensitive"

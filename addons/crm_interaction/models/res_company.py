from odoo import models


class ResCompany(models.Model):
    _inherit = "res.company"

    def write(self, vals):
        result = super().write(vals)
        if "partner_id" in vals:
            # the companies' own partners, never customers, are cached
            # (crm.interaction._interaction_company_partner_ids)
            self.env.registry.clear_cache()
        return result

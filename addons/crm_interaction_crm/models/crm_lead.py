from odoo import models


class CrmLead(models.Model):
    _name = "crm.lead"
    _inherit = ("crm.lead", "crm.interaction.mixin", "crm.cid.fold.mixin")
    _cid_fold_fields = ("name",)

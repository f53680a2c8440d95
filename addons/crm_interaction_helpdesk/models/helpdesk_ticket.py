from odoo import models


class HelpdeskTicket(models.Model):
    _name = "helpdesk.ticket"
    _inherit = ("helpdesk.ticket", "crm.interaction.mixin", "crm.cid.fold.mixin")
    _cid_fold_fields = ("name",)

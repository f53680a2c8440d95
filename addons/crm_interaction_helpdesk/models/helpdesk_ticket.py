from odoo import models


class HelpdeskTicket(models.Model):
    _name = "helpdesk.ticket"
    _inherit = (
        "helpdesk.ticket",
        "crm.interaction.mixin",
        "crm.cid.fold.mixin",
        "crm.interaction.cid.mixin",
    )
    _cid_fold_fields = ("name",)
    _cid_document_keys = (("partner_email", ("email",)),)

from odoo import fields, models


class MailGateway(models.Model):
    _inherit = "mail.gateway"

    gateway_type = fields.Selection(selection_add=[("bale", "Bale")], ondelete={"bale": "cascade"})

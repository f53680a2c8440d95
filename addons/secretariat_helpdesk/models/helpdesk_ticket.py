from odoo import models


class HelpdeskTicket(models.Model):
    _name = "helpdesk.ticket"
    _inherit = ("helpdesk.ticket", "secretariat.letter.linked.mixin")

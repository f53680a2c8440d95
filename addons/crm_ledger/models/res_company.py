from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    ledger_overdue_days = fields.Integer(
        string="Caution after overdue days",
        default=30,
        help="A customer whose oldest unpaid invoice is due for more than this many days "
        "is flagged. 0 flags any overdue amount.",
    )

from odoo import fields, models


class AccountMove(models.Model):
    _inherit = "account.move"

    cid = fields.Char(
        string="CID",
        related="commercial_partner_id.cid",
        store=True,
        index=True,
        help="Customer number of the commercial partner of the entry.",
    )

from odoo import fields, models


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    cid = fields.Char(
        string="CID",
        related="partner_id.commercial_partner_id.cid",
        store=True,
        index=True,
        help="Customer number of the commercial partner of the journal item.",
    )

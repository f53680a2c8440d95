from odoo import fields, models


class AccountPayment(models.Model):
    _inherit = "account.payment"

    cid = fields.Char(
        string="CID",
        related="partner_id.commercial_partner_id.cid",
        store=True,
        index=True,
        help="Customer number of the commercial partner of the payment.",
    )

from odoo import fields, models


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    crm_price_quote_id = fields.Many2one(
        "crm.price.quote",
        string="Price quote",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="set null",
        help="The quote that priced the order line this invoice line comes from.",
    )

from odoo import api, fields, models

from odoo.addons.crm_access_policy.tools.readable import readable_targets


class SaleOrderLine(models.Model):
    """The quoted price of an order line, with the user's rights.

    Odoo computes related fields as superuser: the line's quoted net price
    is shown only to users who may read the quote it comes from.
    """

    _inherit = "sale.order.line"

    crm_price_reference = fields.Float(
        related=False,
        compute="_compute_crm_access_price_reference",
        string="Quoted net price",
        digits="Product Price",
    )

    @api.depends("crm_price_quote_id.price_net")
    @api.depends_context("uid")
    def _compute_crm_access_price_reference(self):
        quotes = readable_targets(self, "crm_price_quote_id")
        for line, quote in zip(self, quotes, strict=True):
            line.crm_price_reference = quote.price_net

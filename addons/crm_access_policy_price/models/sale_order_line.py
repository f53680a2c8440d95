from odoo import api, fields, models


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
        # the quotes as stored (the user may not read them), then the prices
        # of those the user may read
        stored = self.sudo()
        readable = stored.crm_price_quote_id
        if not self.env.su:
            readable = readable.with_env(self.env)._filtered_access("read")
        for line, record in zip(self, stored, strict=True):
            quote = record.crm_price_quote_id
            line.crm_price_reference = quote.price_net if quote in readable else 0.0

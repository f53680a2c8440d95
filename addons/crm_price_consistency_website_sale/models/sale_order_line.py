from odoo import models


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    def _crm_price_open_lines(self):
        # a visitor's cart has no customer yet: its prices are quoted when the
        # customer signs in or gives an address (the order's partner changes)
        return (
            super()
            ._crm_price_open_lines()
            .filtered(lambda line: not line.order_id._crm_price_is_anonymous_cart())
        )

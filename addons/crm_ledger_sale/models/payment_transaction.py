from odoo import models


class PaymentTransaction(models.Model):
    _inherit = "payment.transaction"

    def _check_amount_and_confirm_order(self):
        # an order held for a sales manager's approval (see
        # sale.order._ledger_hold_customer_confirmation) is not confirmed: it
        # gets the "payment received" mail, and no invoice, until it is
        confirmed = super()._check_amount_and_confirm_order()
        return confirmed.filtered(lambda order: order.state == "sale")

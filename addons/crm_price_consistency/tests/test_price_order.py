from odoo import Command
from odoo.tests import tagged

from .common import PriceCommon


@tagged("post_install", "-at_install", "crm_price_consistency")
class TestPriceOrder(PriceCommon):
    def _order(self, user, qty=3.0, **values):
        return (
            self.env["sale.order"]
            .with_user(user)
            .create(
                dict(
                    {
                        "partner_id": self.contact.id,
                        "order_line": [
                            Command.create({"product_id": self.product.id, "product_uom_qty": qty})
                        ],
                    },
                    **values,
                )
            )
        )

    def test_order_line_reuses_quote_given_by_support(self):
        given = self.get_price(self.support_agent, unit="support")
        self.item_small.fixed_price = 130.0
        order = self._order(self.sales_agent)
        line = order.order_line
        self.assertEqual(order.pricelist_id, self.pricelist)
        self.assertEqual(line.crm_price_quote_id.id, given["quote_id"])
        self.assertEqual(line.price_unit, 100.0)
        self.assertFalse(order.crm_price_needs_approval)
        self.assertEqual(order.crm_price_unit, "sales")
        self.assertIn("sales", line.crm_price_quote_id.log_ids.mapped("unit"))

    def test_order_line_without_quote_records_one_that_support_then_gets(self):
        order = self._order(self.sales_agent, qty=12.0)
        line = order.order_line
        self.assertEqual(line.price_unit, 90.0)
        quote = line.crm_price_quote_id
        self.assertEqual(quote.unit, "sales")
        self.assertEqual(quote.res_model, "sale.order")
        self.assertEqual(quote.res_id, order.id)
        self.item_small.fixed_price = 1.0
        self.pricelist.item_ids.filtered(lambda i: i.min_quantity == 10).fixed_price = 1.0
        answer = self.get_price(self.support_agent, qty=15.0, unit="support")
        self.assertEqual(answer["quote_id"], quote.id)
        self.assertEqual(answer["price_unit"], 90.0)

    def test_two_lines_of_one_batch_share_one_new_quote(self):
        order = (
            self.env["sale.order"]
            .with_user(self.sales_agent)
            .create(
                {
                    "partner_id": self.customer.id,
                    "order_line": [
                        Command.create({"product_id": self.product.id, "product_uom_qty": 2}),
                        Command.create({"product_id": self.product.id, "product_uom_qty": 4}),
                    ],
                }
            )
        )
        self.assertEqual(len(order.order_line.crm_price_quote_id), 1)
        self.assertEqual(order.crm_price_quote_count, 1)

    def test_quantity_change_moves_line_to_the_band_quote(self):
        order = self._order(self.sales_agent, qty=3.0)
        line = order.order_line
        small_quote = line.crm_price_quote_id
        line.with_user(self.sales_agent).product_uom_qty = 20
        self.assertNotEqual(line.crm_price_quote_id, small_quote)
        self.assertEqual(line.price_unit, 90.0)
        self.assertEqual(line.crm_price_quote_id.qty_band_min, 10.0)

    def test_price_check_wizard_then_quotation(self):
        wizard = (
            self.env["crm.price.check"]
            .with_user(self.sales_agent)
            .create({"partner_id": self.customer.id, "product_id": self.product.id, "quantity": 2})
        )
        wizard.action_check()
        self.assertEqual(wizard.price_unit, 100.0)
        action = wizard.action_create_quotation()
        order = self.env["sale.order"].browse(action["res_id"])
        self.assertEqual(order.order_line.crm_price_quote_id, wizard.quote_id)

    def test_invoice_line_keeps_the_quote(self):
        order = self._order(self.sales_agent)
        values = order.order_line._prepare_invoice_line()
        self.assertEqual(values["crm_price_quote_id"], order.order_line.crm_price_quote_id.id)
        order.action_confirm()
        invoice = order._create_invoices()
        self.assertEqual(
            invoice.invoice_line_ids.crm_price_quote_id, order.order_line.crm_price_quote_id
        )

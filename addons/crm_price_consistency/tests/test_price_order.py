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

    def test_quotation_from_ticket_is_linked_marked_and_on_timeline(self):
        ticket = self.env["helpdesk.ticket"].create(
            {"name": "خرابی یخچال", "description": "<p>!</p>", "partner_id": self.contact.id}
        )
        checked = self.get_price(
            self.support_agent,
            unit="support",
            partner_id=self.contact.id,
            source={"model": "helpdesk.ticket", "id": ticket.id},
        )
        checked_log = self.Log.browse(checked["log_id"])
        order_id = ticket.with_user(self.support_agent).crm_price_create_quotation(
            [{"product_id": self.product.id, "qty": 2}]
        )
        order = self.env["sale.order"].browse(order_id)
        self.assertEqual(order.ticket_ids, ticket)
        self.assertEqual(order.crm_price_unit, "support")
        self.assertEqual(order.partner_id.cid, self.customer.cid)
        self.assertEqual(order.order_line.crm_price_quote_id.id, checked["quote_id"])
        self.assertIn(order, ticket.sale_order_ids)
        timeline = self.Interaction.search(
            [("commercial_partner_id", "=", self.customer.id)], order="id"
        )
        documents = timeline.link_ids.filtered(
            lambda link: (
                link.res_model == "sale.order" and link.interaction_id.reason_id.code == "order"
            )
        )
        self.assertEqual(documents.res_id, order.id)
        # the price of its line is on the timeline too, once
        prices = timeline.filtered(lambda i: i.reason_id.code == "price_request")
        self.assertEqual(
            prices,
            (
                checked_log
                | order.order_line.crm_price_quote_id.log_ids.filtered(
                    lambda log: log.order_line_id
                )
            ).interaction_id,
        )
        self.assertIn(
            "crm.price.quote", timeline.link_ids.mapped("res_model"), "the price check too"
        )

    def test_quotation_from_ticket_without_customer_is_refused(self):
        ticket = self.env["helpdesk.ticket"].create({"name": "بی‌نام", "description": "<p>?</p>"})
        with self.assertRaisesRegex(Exception, "customer"):
            ticket.with_user(self.support_agent).crm_price_create_quotation(
                [{"product_id": self.product.id, "qty": 1}]
            )
        self.assertFalse(ticket.sale_order_ids)

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

from odoo.tests import tagged

from .common import TicketPriceCommon


@tagged("post_install", "-at_install", "crm_price_consistency_helpdesk")
class TestTicketPrices(TicketPriceCommon):
    def test_price_given_is_logged_and_on_the_timeline(self):
        ticket = self.env["helpdesk.ticket"].create(
            {"name": "قیمت یخچال", "description": "<p>?</p>", "partner_id": self.customer.id}
        )
        result = self.get_price(
            self.support_agent,
            unit="support",
            channel="telegram",
            source={"model": "helpdesk.ticket", "id": ticket.id},
        )
        log = self.Log.browse(result["log_id"])
        self.assertEqual(log.unit, "support")
        self.assertEqual(log.user_id, self.support_agent)
        self.assertEqual(log.source_name, ticket.display_name)
        self.assert_price_interaction(result, "helpdesk.ticket")
        quote = self.Quote.browse(result["quote_id"])
        self.assertEqual(quote.ticket_id, ticket)
        self.assertEqual(ticket.crm_price_quote_count, 1)

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

from odoo.tests import HttpCase, tagged

from .common import TicketPriceCommon


@tagged("post_install", "-at_install", "crm_price_consistency_helpdesk")
class TestPriceSupportTour(TicketPriceCommon, HttpCase):
    def test_support_checks_a_price_and_quotes_it_from_a_ticket(self):
        ticket = self.env["helpdesk.ticket"].create(
            {
                "name": "قیمت یخچال برای شعبه",
                "description": "<p>قیمت سه دستگاه؟</p>",
                "partner_id": self.customer.id,
            }
        )
        self.start_tour(
            f"/odoo/helpdesk.ticket/{ticket.id}",
            "crm_price_support_quotation",
            login=self.support_agent.login,
        )
        order = ticket.sale_order_ids
        self.assertEqual(len(order), 1)
        self.assertEqual(order.crm_price_unit, "support")
        self.assertEqual(order.partner_id, self.customer)
        self.assertEqual(order.user_id, self.support_agent)
        quote = ticket.crm_price_quote_ids
        self.assertEqual(len(quote), 1)
        self.assertEqual((quote.unit, quote.price_unit), ("support", 100.0))
        self.assertEqual(order.order_line.crm_price_quote_id, quote)
        self.assertEqual(order.order_line.price_unit, 100.0)
        # the price check and the quotation line: both given by the agent
        self.assertGreaterEqual(len(quote.log_ids), 2)
        self.assertEqual(quote.log_ids.user_id, self.support_agent)
        self.assertEqual(set(quote.log_ids.mapped("unit")), {"support"})

from odoo.tests import tagged

from .common import PriceCommon


@tagged("post_install", "-at_install", "crm_price_consistency")
class TestPriceTimeline(PriceCommon):
    """Every price given on an order line is on the customer's timeline, once."""

    def _timeline(self):
        return self.Interaction.search(
            [
                ("commercial_partner_id", "=", self.customer.id),
                ("reason_id.code", "=", "price_request"),
            ]
        )

    def test_a_price_given_on_an_order_line_is_on_the_timeline_once(self):
        order = self._order(partner=self.contact)
        line = order.order_line
        log = line.crm_price_quote_id.log_ids.filtered(lambda lg: lg.order_line_id == line)
        timeline = self._timeline()
        self.assertEqual(len(timeline), 1)
        self.assertEqual(log.interaction_id, timeline)
        self.assertEqual(timeline.channel_id.code, "phone")
        self.assertIn("sale.order", timeline.link_ids.mapped("res_model"))
        # the same price again (another quantity of the same band): no new entry
        line.with_user(self.sales_agent).product_uom_qty = 4.0
        self.assertEqual(self._timeline(), timeline)
        # a price typed by hand is a new price given
        line.with_user(self.sales_agent).price_unit = 98.0
        self.assertEqual(len(self._timeline()), 2)
        # another band: another price, one more entry
        line.with_user(self.sales_agent).product_uom_qty = 12.0
        self.assertEqual(len(self._timeline()), 3)
        self.assertEqual(len(self.Log.search([("order_line_id", "=", line.id)]).interaction_id), 3)

    def test_a_price_check_then_the_order_line_each_appear_once(self):
        self.get_price(self.sales_agent, qty=3.0)
        self.assertEqual(len(self._timeline()), 1)
        self._order()
        self.assertEqual(len(self._timeline()), 2, "the check and the line are two prices given")

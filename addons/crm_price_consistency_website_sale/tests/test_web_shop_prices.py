from odoo.tests import tagged

from odoo.addons.crm_price_consistency.tests.common import PriceCommon


@tagged("post_install", "-at_install", "crm_price_consistency_website_sale")
class TestWebShopPrices(PriceCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.website = cls.env["website"].create({"name": "فروشگاه آزمایشی"})
        cls.public_partner = cls.website.user_id.partner_id

    def _cart(self, partner, qty=3.0):
        order = self.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "website_id": self.website.id,
                "pricelist_id": self.pricelist.id,
            }
        )
        order._cart_add(self.product.id, qty)
        return order

    def test_cart_price_is_a_web_quote_that_support_then_gives(self):
        order = self._cart(self.customer)
        self.assertEqual(order.crm_price_unit, "web")
        line = order.order_line
        quote = line.crm_price_quote_id
        self.assertEqual((quote.unit, quote.price_unit), ("web", 100.0))
        self.assertEqual(line.price_unit, 100.0)
        self.assertEqual(quote.log_ids.unit, "web")
        self.assertEqual(quote.log_ids.channel_id.code, "web_form")
        self.assertEqual(quote.log_ids.order_line_id, line)
        again = self.get_price(self.support_agent, unit="support")
        self.assertEqual(again["quote_id"], quote.id)
        self.assertTrue(again["reused"])

    def test_cart_gets_the_price_sales_quoted_before_a_pricelist_change(self):
        given = self.get_price(self.sales_agent)
        self.item_small.fixed_price = 120.0
        order = self._cart(self.contact)
        self.assertEqual(order.order_line.crm_price_quote_id.id, given["quote_id"])
        self.assertEqual(order.order_line.price_unit, 100.0)
        self.assertFalse(order.crm_price_needs_approval)

    def test_visitor_cart_is_quoted_once_the_customer_is_known(self):
        order = self._cart(self.public_partner)
        self.assertFalse(order.order_line.crm_price_quote_id)
        self.assertFalse(
            self.Quote.with_context(active_test=False).search_count(
                [("partner_id", "=", self.public_partner.id)]
            )
        )
        order.partner_id = self.customer
        quote = order.order_line.crm_price_quote_id
        self.assertEqual((quote.unit, quote.commercial_partner_id), ("web", self.customer))

    def test_orders_outside_the_shop_keep_their_unit(self):
        order = self.env["sale.order"].create({"partner_id": self.customer.id})
        self.assertEqual(order.crm_price_unit, "sales")

    def test_a_cart_price_is_on_the_customer_timeline_once(self):
        order = self._cart(self.customer)
        line = order.order_line
        timeline = self.Interaction.search(
            [
                ("commercial_partner_id", "=", self.customer.id),
                ("reason_id.code", "=", "price_request"),
            ]
        )
        self.assertEqual(len(timeline), 1)
        self.assertEqual(timeline.channel_id.code, "web_form")
        self.assertEqual(line.crm_price_quote_id.log_ids.interaction_id, timeline)
        # the cart updated within the same band shows the same price: no new entry
        order._cart_update_line_quantity(line.id, 4.0)
        self.assertEqual(
            self.Interaction.search_count(
                [
                    ("commercial_partner_id", "=", self.customer.id),
                    ("reason_id.code", "=", "price_request"),
                ]
            ),
            1,
        )

    def test_a_visitor_cart_reaches_the_timeline_once_the_customer_is_known(self):
        order = self._cart(self.public_partner)
        order.partner_id = self.customer
        timeline = self.Interaction.search(
            [
                ("commercial_partner_id", "=", self.customer.id),
                ("reason_id.code", "=", "price_request"),
            ]
        )
        self.assertEqual(len(timeline), 1)
        self.assertEqual(order.order_line.crm_price_quote_id.log_ids.interaction_id, timeline)

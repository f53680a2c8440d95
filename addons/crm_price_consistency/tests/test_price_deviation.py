from odoo.tests import tagged

from .common import PriceCommon


@tagged("post_install", "-at_install", "crm_price_consistency")
class TestPriceDeviation(PriceCommon):
    def test_discount_within_tolerance_confirms(self):
        order = self._order(discount=4.0)
        self.assertAlmostEqual(order.order_line.crm_price_deviation, -4.0)
        self.assertFalse(order.crm_price_needs_approval)
        order.action_confirm()
        self.assertEqual(order.state, "sale")

    def test_manual_price_above_quote_also_needs_approval(self):
        order = self._order(price_unit=130.0)
        self.assertAlmostEqual(order.order_line.crm_price_deviation, 30.0)
        self.assertTrue(order.crm_price_needs_approval)

    def test_category_tolerance_overrides_company(self):
        self.category.write({"crm_price_has_tolerance": True, "crm_price_tolerance": 25.0})
        order = self._order(discount=20.0)
        self.assertEqual(order.order_line.crm_price_tolerance, 25.0)
        self.assertFalse(order.crm_price_needs_approval)
        child = self.env["product.category"].create(
            {"name": "یخچال", "parent_id": self.category.id}
        )
        self.assertEqual(child._crm_price_get_tolerance(self.company), 25.0)

    def test_manual_prices_are_logged(self):
        order = self._order(discount=20.0)
        logs = order.order_line.crm_price_quote_id.log_ids.filtered("order_line_id")
        self.assertEqual(sorted(logs.mapped("discount")), [0.0, 20.0])

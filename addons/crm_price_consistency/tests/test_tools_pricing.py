from odoo.tests import BaseCase, tagged

from ..tools.pricing import (
    deviation_percent,
    exceeds_tolerance,
    in_band,
    net_price,
    quantity_band,
)


@tagged("crm_price_consistency")
class TestToolsPricing(BaseCase):
    def test_net_price(self):
        for price, discount, expected in [(100, 0, 100), (100, 10, 90), (80, -5, 84), (0, 50, 0)]:
            with self.subTest(price=price, discount=discount):
                self.assertAlmostEqual(net_price(price, discount), expected)

    def test_deviation_percent(self):
        cases = [
            (100, 100, 0, 0.0),
            (100, 80, 0, -20.0),
            (100, 100, 10, -10.0),
            (100, 110, 0, 10.0),
            (0, 0, 0, 0.0),
            (0, 5, 0, 100.0),
        ]
        for reference, price, discount, expected in cases:
            with self.subTest(reference=reference, price=price, discount=discount):
                self.assertAlmostEqual(deviation_percent(reference, price, discount), expected)

    def test_exceeds_tolerance_either_way(self):
        self.assertFalse(exceeds_tolerance(-5.0, 5.0))
        self.assertFalse(exceeds_tolerance(4.99, 5.0))
        self.assertTrue(exceeds_tolerance(-5.01, 5.0))
        self.assertTrue(exceeds_tolerance(6, 5.0))
        self.assertTrue(exceeds_tolerance(0.01, 0))
        self.assertTrue(exceeds_tolerance(0.01, -3))

    def test_quantity_band(self):
        breaks = [10, 50, 10, 0]
        cases = [(1, (0.0, 10.0)), (9.99, (0.0, 10.0)), (10, (10.0, 50.0)), (70, (50.0, None))]
        for quantity, expected in cases:
            with self.subTest(quantity=quantity):
                self.assertEqual(quantity_band(quantity, breaks), expected)
        self.assertEqual(quantity_band(3, []), (0.0, None))

    def test_in_band(self):
        self.assertTrue(in_band(10, 10, 50))
        self.assertFalse(in_band(50, 10, 50))
        self.assertTrue(in_band(500, 50, 0))
        self.assertFalse(in_band(9, 10, 0))

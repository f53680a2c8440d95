from odoo import Command
from odoo.tests import tagged

from .common import PriceCommon


@tagged("post_install", "-at_install", "crm_price_consistency")
class TestPriceUom(PriceCommon):
    """A quote given in one unit of measure holds in the others of its reference."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.unit = cls.env.ref("uom.product_uom_unit")
        cls.dozen = cls.env.ref("uom.product_uom_dozen")
        cls.dozen.active = True
        cls.kilo = cls.env.ref("uom.product_uom_kgm")
        cls.product.uom_ids = [Command.set((cls.dozen | cls.kilo).ids)]
        cls.item_large = cls.pricelist.item_ids - cls.item_small

    def test_quote_in_dozens_locks_the_price_in_units(self):
        dozens = self.get_price(self.sales_agent, qty=2.0, uom_id=self.dozen.id)
        # 24 units: the band from 10 units, 90 a unit
        self.assertEqual(dozens["price_unit"], 1080.0)
        self.assertEqual((dozens["qty_band_min"], dozens["qty_band_max"]), (10.0, False))
        self.assertEqual(dozens["uom_id"], self.dozen.id)
        self.item_large.fixed_price = 70.0
        units = self.get_price(self.support_agent, qty=15.0, unit="support", uom_id=self.unit.id)
        self.assertEqual(units["quote_id"], dozens["quote_id"])
        self.assertTrue(units["reused"])
        self.assertEqual(units["price_unit"], 90.0)
        self.assertEqual(units["price_net"], 90.0)
        self.assertEqual(units["uom_id"], self.unit.id)
        self.assertEqual(units["quote_uom_id"], self.dozen.id)
        log = self.Log.browse(units["log_id"])
        self.assertEqual((log.uom_id, log.price_unit, log.quantity), (self.unit, 90.0, 15.0))
        self.assertFalse(log.is_inconsistent)
        # 6 units lie below the quoted band: today's price of that band
        few = self.get_price(self.support_agent, qty=6.0, unit="support")
        self.assertNotEqual(few["quote_id"], dozens["quote_id"])
        self.assertEqual(few["price_unit"], 100.0)

    def test_quote_in_units_locks_the_price_in_dozens(self):
        units = self.get_price(self.sales_agent, qty=3.0)
        self.item_small.fixed_price = 120.0
        half = self.get_price(self.support_agent, qty=0.5, unit="support", uom_id=self.dozen.id)
        self.assertEqual(half["quote_id"], units["quote_id"])
        self.assertEqual(half["price_unit"], 1200.0)
        self.assertEqual((half["uom"], half["quote_uom"]), (self.dozen.name, self.unit.name))
        # one dozen is 12 units: the next band, priced today
        one = self.get_price(self.support_agent, qty=1.0, unit="support", uom_id=self.dozen.id)
        self.assertNotEqual(one["quote_id"], units["quote_id"])
        self.assertFalse(one["reused"])
        self.assertEqual(one["price_unit"], 1080.0)
        self.assertEqual(one["quote_uom_id"], self.dozen.id)

    def test_units_of_another_reference_never_share_a_quote(self):
        kilos = self.get_price(self.sales_agent, qty=2.0, uom_id=self.kilo.id)
        units = self.get_price(self.support_agent, qty=2.0, unit="support")
        self.assertNotEqual(units["quote_id"], kilos["quote_id"])
        self.assertFalse(units["reused"])
        self.assertEqual(units["price_unit"], 100.0)
        self.assertEqual(units["quote_uom_id"], self.unit.id)
        # the kilogram quote's band is kept in kilograms, not in units
        self.assertEqual((kilos["qty_band_min"], kilos["qty_band_max"]), (0.0, 10.0))
        again = self.get_price(self.support_agent, qty=3.0, unit="support", uom_id=self.kilo.id)
        self.assertEqual(again["quote_id"], kilos["quote_id"])
        self.assertEqual(again["price_unit"], kilos["price_unit"])

    def test_order_line_in_units_takes_the_price_quoted_in_dozens(self):
        quote = self.get_price(self.sales_agent, qty=2.0, uom_id=self.dozen.id)
        self.item_large.fixed_price = 70.0
        order = (
            self.env["sale.order"]
            .with_user(self.sales_agent)
            .create(
                {
                    "partner_id": self.customer.id,
                    "order_line": [
                        Command.create(
                            {
                                "product_id": self.product.id,
                                "product_uom_qty": 12,
                                "product_uom_id": self.unit.id,
                            }
                        )
                    ],
                }
            )
        )
        line = order.order_line
        self.assertEqual(line.crm_price_quote_id.id, quote["quote_id"])
        self.assertEqual(line.price_unit, 90.0)
        self.assertAlmostEqual(line.crm_price_deviation, 0.0)
        self.assertFalse(order.crm_price_needs_approval)

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import PriceCommon


@tagged("post_install", "-at_install", "crm_price_consistency")
class TestPriceQuote(PriceCommon):
    def test_sales_and_support_get_same_price_and_quote(self):
        first = self.get_price(self.sales_agent, unit="sales")
        second = self.get_price(self.support_agent, unit="support")
        self.assertEqual(first["price_unit"], 100.0)
        self.assertEqual(first["currency"], self.company.currency_id.name)
        self.assertFalse(first["reused"])
        self.assertEqual(second["quote_id"], first["quote_id"])
        self.assertEqual(second["price_unit"], first["price_unit"])
        self.assertEqual(second["valid_until"], first["valid_until"])
        self.assertTrue(second["reused"])
        quote = self.Quote.browse(first["quote_id"])
        self.assertEqual(quote.unit, "sales")
        self.assertEqual(quote.user_id, self.sales_agent)
        self.assertEqual(quote.cid, self.customer.cid)
        self.assertEqual(quote.pricelist_item_id, self.item_small)
        self.assertEqual(sorted(quote.log_ids.mapped("unit")), ["sales", "support"])

    def test_every_unit_gets_the_lock_and_contacts_share_the_company_price(self):
        first = self.get_price(self.sales_agent)
        for unit in ("support", "web", "api"):
            with self.subTest(unit=unit):
                result = self.get_price(self.support_agent, unit=unit, partner_id=self.contact.id)
                self.assertEqual(result["quote_id"], first["quote_id"])
                self.assertEqual(result["commercial_partner_id"], self.customer.id)

    def test_pricelist_change_keeps_quoted_price_until_expiry(self):
        first = self.get_price(self.sales_agent)
        self.item_small.fixed_price = 120.0
        during = self.get_price(self.support_agent, unit="support")
        self.assertEqual(during["price_unit"], 100.0)
        self.assertEqual(during["quote_id"], first["quote_id"])
        self.expire(first["quote_id"])
        after = self.get_price(self.support_agent, unit="support")
        self.assertEqual(after["price_unit"], 120.0)
        self.assertNotEqual(after["quote_id"], first["quote_id"])
        self.assertFalse(after["reused"])

    def test_quantity_bands(self):
        small = self.get_price(self.sales_agent, qty=3.0)
        same_band = self.get_price(self.support_agent, qty=9.0, unit="support")
        large = self.get_price(self.support_agent, qty=12.0, unit="support")
        larger = self.get_price(self.sales_agent, qty=400.0)
        self.assertEqual(same_band["quote_id"], small["quote_id"])
        self.assertEqual(large["price_unit"], 90.0)
        self.assertNotEqual(large["quote_id"], small["quote_id"])
        self.assertEqual((large["qty_band_min"], large["qty_band_max"]), (10.0, False))
        self.assertEqual((small["qty_band_min"], small["qty_band_max"]), (0.0, 10.0))
        self.assertEqual(larger["quote_id"], large["quote_id"])

    def test_quantity_breaks_of_a_base_pricelist_cut_bands_too(self):
        promotion = self.env["product.pricelist"].create(
            {
                "name": "حراج",
                "currency_id": self.company.currency_id.id,
                "item_ids": [
                    Command.create(
                        {
                            "applied_on": "3_global",
                            "base": "pricelist",
                            "base_pricelist_id": self.pricelist.id,
                            "compute_price": "percentage",
                            "percent_price": 10,
                        }
                    )
                ],
            }
        )
        self.customer.property_product_pricelist = promotion
        small = self.get_price(self.sales_agent, qty=3.0)
        large = self.get_price(self.support_agent, qty=12.0, unit="support")
        self.assertEqual((small["qty_band_min"], small["qty_band_max"]), (0.0, 10.0))
        self.assertNotEqual(large["quote_id"], small["quote_id"])
        self.assertAlmostEqual(small["price_net"], 90.0)
        self.assertAlmostEqual(large["price_net"], 81.0)

    def test_withdrawn_quote_no_longer_holds(self):
        first = self.get_price(self.sales_agent)
        self.Quote.browse(first["quote_id"]).with_user(self.pricing_manager).action_cancel()
        again = self.get_price(self.sales_agent)
        self.assertNotEqual(again["quote_id"], first["quote_id"])

    def test_price_given_on_a_document_is_logged_and_on_the_timeline(self):
        order = (
            self.env["sale.order"]
            .with_user(self.support_agent)
            .create({"partner_id": self.customer.id})
        )
        result = self.get_price(
            self.support_agent,
            unit="support",
            channel="telegram",
            source={"model": "sale.order", "id": order.id},
        )
        log = self.Log.browse(result["log_id"])
        self.assertEqual((log.unit, log.user_id), ("support", self.support_agent))
        self.assertEqual((log.res_model, log.res_id), ("sale.order", order.id))
        self.assertEqual(log.source_name, order.display_name)
        self.assert_price_interaction(result, "sale.order")
        quote = self.Quote.browse(result["quote_id"])
        self.assertEqual((quote.res_model, quote.res_id), ("sale.order", order.id))

    def test_bad_input_gives_clear_error_and_writes_nothing(self):
        archived = self.env["res.partner"].create({"name": "بایگانی", "active": False})
        not_for_sale = self.env["product.product"].create({"name": "x", "sale_ok": False})
        other_uom = self.env.ref("uom.product_uom_dozen")
        cases = {
            "unknown product": {"product_id": 999999999},
            "product not for sale": {"product_id": not_for_sale.id},
            "product as text": {"product_id": "7"},
            "unknown customer": {"partner_id": 999999999},
            "archived customer": {"partner_id": archived.id},
            "negative quantity": {"qty": -2},
            "zero quantity": {"qty": 0},
            "quantity as text": {"qty": "3"},
            "unknown unit": {"unit": "marketing"},
            "foreign unit of measure": {"uom_id": other_uom.id},
            "unknown channel": {"channel": "pigeon"},
            "unknown source": {"source": {"model": "sale.order", "id": 999999999}},
            "source not a model": {"source": {"model": "no.such.model", "id": 1}},
        }
        counts = (self.Quote.search_count([]), self.Log.search_count([]))
        interactions = self.Interaction.search_count([])
        for name, kwargs in cases.items():
            with self.subTest(name), self.assertRaises(UserError) as caught:
                self.get_price(self.sales_agent, **kwargs)
            self.assertTrue(str(caught.exception))
        self.assertEqual((self.Quote.search_count([]), self.Log.search_count([])), counts)
        self.assertEqual(self.Interaction.search_count([]), interactions)

    def test_error_messages_name_the_problem(self):
        with self.assertRaisesRegex(UserError, "archived"):
            archived = self.env["res.partner"].create({"name": "قدیمی", "active": False})
            self.get_price(self.sales_agent, partner_id=archived.id)
        with self.assertRaisesRegex(UserError, "positive"):
            self.get_price(self.sales_agent, qty=-1)
        with self.assertRaisesRegex(UserError, "no product"):
            self.get_price(self.sales_agent, product_id=999999999)

    def test_user_without_price_rights_cannot_give_prices(self):
        with self.assertRaises(AccessError):
            self.get_price(self.outsider)
        self.assertFalse(self.Quote.search_count([("partner_id", "=", self.customer.id)]))

    def test_agents_cannot_change_or_withdraw_a_quote(self):
        quote = self.Quote.browse(self.get_price(self.sales_agent)["quote_id"])
        with self.assertRaises(AccessError):
            quote.with_user(self.support_agent).write({"price_unit": 1.0})
        with self.assertRaises(AccessError):
            quote.with_user(self.support_agent).action_cancel()
        with self.assertRaises(AccessError):
            quote.with_user(self.outsider).read(["price_unit"])
        self.assertEqual(quote.price_unit, 100.0)

    def test_private_engine_is_not_public(self):
        self.assertTrue(self.Quote._crm_price_give.__name__.startswith("_"))

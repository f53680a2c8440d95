from odoo.tests import tagged

from .common import PriceCommon


@tagged("post_install", "-at_install", "crm_price_consistency")
class TestPriceConsistency(PriceCommon):
    def test_locked_prices_are_consistent(self):
        self.get_price(self.sales_agent)
        self.item_small.fixed_price = 120.0
        self.get_price(self.support_agent, unit="support")
        logs = self.Log.search([("commercial_partner_id", "=", self.customer.id)])
        self.assertEqual(len(logs), 2)
        self.assertFalse(any(logs.mapped("is_inconsistent")))

    def test_new_price_within_window_is_reported_with_rate(self):
        first = self.get_price(self.sales_agent)
        self.expire(first["quote_id"])
        self.item_small.fixed_price = 120.0
        second = self.get_price(self.support_agent, unit="support")
        log = self.Log.browse(second["log_id"])
        self.assertTrue(log.is_inconsistent)
        self.assertEqual(log.conflict_log_id.id, first["log_id"])
        self.assertEqual(log.conflict_unit, "sales")
        self.assertEqual(log.conflict_user_id, self.sales_agent)
        logs = self.Log.search([("commercial_partner_id", "=", self.customer.id)])
        self.assertEqual(sorted(logs.mapped("inconsistency_rate")), [0.0, 100.0])
        [(rate,)] = self.Log._read_group(
            [("commercial_partner_id", "=", self.customer.id)], [], ["inconsistency_rate:avg"]
        )
        self.assertEqual(rate, 50.0)

    def test_other_quantity_band_or_outside_window_is_not_reported(self):
        first = self.get_price(self.sales_agent, qty=3)
        large = self.get_price(self.sales_agent, qty=12)
        self.assertFalse(self.Log.browse(large["log_id"]).is_inconsistent)
        self.company.crm_price_window_days = 30
        self.Log.browse(first["log_id"]).date = self.Log.browse(first["log_id"]).date.replace(
            year=2000
        )
        self.expire(first["quote_id"])
        self.item_small.fixed_price = 120.0
        later = self.get_price(self.sales_agent, qty=3)
        self.assertFalse(self.Log.browse(later["log_id"]).is_inconsistent)

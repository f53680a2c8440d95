from datetime import datetime

from odoo.tests import BaseCase, tagged

from ..tools.dates import local_date_text


@tagged("crm_price_consistency")
class TestToolsDates(BaseCase):
    def test_gregorian_day_in_the_time_zone(self):
        # 21:00 UTC is already the next day in Tehran (UTC+3:30)
        value = datetime(2025, 5, 10, 21, 0)
        self.assertEqual(local_date_text(value), "2025-05-10")
        self.assertEqual(local_date_text(value, "Asia/Tehran"), "2025-05-11")

    def test_jalali_day(self):
        value = datetime(2025, 5, 10, 8, 0)
        self.assertEqual(local_date_text(value, "Asia/Tehran", jalali=True), "1404/02/20")
        self.assertEqual(
            local_date_text(datetime(2025, 3, 20, 21, 0), "Asia/Tehran", True), "1404/01/01"
        )

    def test_empty_and_unknown_zone(self):
        self.assertEqual(local_date_text(False), "")
        self.assertEqual(local_date_text(datetime(2025, 5, 10, 8, 0), "Mars/Olympus"), "2025-05-10")
